"""Pages of measures on the impact ladder, their evidence and the municipalities' goals."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from engagiert.core.http import HtmxHttpRequest
from engagiert.core.lists import filtered_page
from engagiert.registry.models import Authority

from . import measure_queries, measure_services, measure_tables, permissions, queries, tables
from .measure_forms import EvidenceForm, GoalForm, MeasureForm
from .models import Measure
from .viewutils import download, run_service

PAGE_SIZE = 20
ONLY_OFFICER = _lazy("Only the municipality's engagement officer records its measures.")


def _authority(request: HtmxHttpRequest, ags: str) -> Authority:
    """The municipality, if the user sees at least its published measures."""
    authority = get_object_or_404(Authority, ags=ags)
    if not (
        permissions.can_view_measures(request.user, authority)
        or permissions.can_view_published_measures(request.user)
    ):
        raise PermissionDenied(_("The measures are for the members of the network."))
    return authority


def _editable(request: HtmxHttpRequest, ags: str) -> Authority:
    authority = get_object_or_404(Authority, ags=ags)
    if not permissions.can_edit_measures(request.user, authority):
        raise PermissionDenied(ONLY_OFFICER)
    return authority


def _measure(request: HtmxHttpRequest, ags: str, pk: int, *, edit: bool = False) -> Measure:
    measure = measure_queries.measure_for(request.user, ags, pk)
    if measure is None:
        raise Http404(_("There is no such measure."))
    if edit and not permissions.can_edit_measures(request.user, measure.authority):
        raise PermissionDenied(ONLY_OFFICER)
    return measure


@login_required
def measures_published_view(request: HtmxHttpRequest) -> HttpResponse:
    """The measures every municipality has published, for the whole network."""
    if not permissions.can_view_published_measures(request.user):
        raise PermissionDenied(_("The measures are for the members of the network."))
    topics = list(measure_queries.used_topics())
    chosen = next((t for t in topics if t.slug == request.GET.get("thema")), None)
    listing = filtered_page(
        request,
        measure_queries.published_measures(topic=chosen),
        per_page=PAGE_SIZE,
        template="impact/measures_published.html",
        fragment="impact/_measure_results.html",
    )
    own = permissions.own_authorities(request.user)
    context = {
        **listing.context,
        "measures": measure_queries.summaries(list(listing.page.object_list)),
        "topics": topics,
        "chosen": chosen,
        "own": own,
        "show_authority": True,
    }
    return render(request, listing.template, context)


@login_required
def measure_list_view(request: HtmxHttpRequest, ags: str) -> HttpResponse:
    authority = _authority(request, ags)
    context = {
        "authority": authority,
        "measures": measure_queries.summaries(measure_queries.measures_of(authority, request.user)),
        "may_edit": permissions.can_edit_measures(request.user, authority),
        "sees_all": permissions.can_view_measures(request.user, authority),
        "sees_dashboard": permissions.can_view_authority(request.user, authority),
        "show_authority": False,
    }
    return render(request, "impact/measure_list.html", context)


@login_required
def measure_export_view(request: HtmxHttpRequest, ags: str, fmt: str) -> HttpResponse:
    authority = _authority(request, ags)
    table = measure_tables.measures(authority, measure_queries.measures_of(authority, request.user))
    return download(table, fmt)


@login_required
def measure_create_view(request: HtmxHttpRequest, ags: str) -> HttpResponse:
    authority = _editable(request, ags)
    form = MeasureForm(request.POST or None)
    if form.is_valid():
        data = form.cleaned_data
        created: list[Measure] = []
        if run_service(
            form,
            lambda: created.append(
                measure_services.measure_create(authority=authority, data=data, user=request.user)
            ),
        ):
            messages.success(request, _("The measure has been recorded. Now add evidence."))
            return redirect(created[0])
    context = {
        "form": form,
        "title": _("New measure"),
        "back_url": reverse("impact:measure_list", args=[authority.ags]),
        "back_label": _("Measures of %(name)s") % {"name": authority.name},
    }
    return render(request, "impact/measure_form.html", context)


@login_required
def measure_edit_view(request: HtmxHttpRequest, ags: str, pk: int) -> HttpResponse:
    measure = _measure(request, ags, pk, edit=True)
    form = MeasureForm(request.POST or None, instance=measure)
    if form.is_valid() and run_service(
        form, lambda: measure_services.measure_update(measure=measure, data=form.cleaned_data)
    ):
        messages.success(request, _("The measure has been saved."))
        return redirect(measure)
    context = {
        "form": form,
        "title": measure.title,
        "measure": measure,
        "back_url": measure.get_absolute_url(),
        "back_label": measure.title,
    }
    return render(request, "impact/measure_form.html", context)


@login_required
@require_POST
def measure_delete_view(request: HtmxHttpRequest, ags: str, pk: int) -> HttpResponse:
    measure = _measure(request, ags, pk, edit=True)
    measure_services.measure_delete(measure=measure)
    messages.success(request, _("The measure »%(title)s« has been deleted.") % {"title": measure})
    return redirect("impact:measure_list", ags=ags)


def _ladder_context(request: HtmxHttpRequest, measure: Measure, form: EvidenceForm | None) -> dict:
    may_edit = permissions.can_edit_measures(request.user, measure.authority)
    sees_all = permissions.can_view_measures(request.user, measure.authority)
    steps = measure_queries.ladder(measure)
    reached = measure_queries.reached_stage([s.stage for s in steps if s.evidence])
    return {
        "measure": measure,
        "authority": measure.authority,
        "steps": steps,
        "reached": reached,
        "reached_label": measure_queries.stage_label(reached),
        "reached_level": measure_queries.level_label(reached),
        "may_edit": may_edit,
        "sees_all": sees_all,
        "form": (form or EvidenceForm()) if may_edit else None,
    }


@login_required
def measure_detail_view(request: HtmxHttpRequest, ags: str, pk: int) -> HttpResponse:
    measure = _measure(request, ags, pk)
    context = _ladder_context(request, measure, None)
    if context["sees_all"]:
        context["goals"] = measure_queries.measure_goals(measure)
    return render(request, "impact/measure_detail.html", context)


@login_required
def evidence_create_view(request: HtmxHttpRequest, ags: str, pk: int) -> HttpResponse:
    """Add evidence; an HTMX post answers with the ladder and the form, a plain one redirects."""
    measure = _measure(request, ags, pk, edit=True)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    added = form.is_valid() and run_service(
        form,
        lambda: measure_services.evidence_add(
            measure=measure,
            data=form.cleaned_data,
            file=form.cleaned_data.get("file"),
            user=request.user,
        ),
    )
    if added:
        messages.success(request, _("The evidence has been added."))
        if not request.htmx:
            return redirect(measure)
    context = _ladder_context(request, measure, None if added else form)
    if request.htmx:
        return render(request, "impact/_ladder_panel.html", context)
    return render(request, "impact/evidence_form.html", context)


@login_required
@require_POST
def evidence_delete_view(
    request: HtmxHttpRequest, ags: str, pk: int, evidence: int
) -> HttpResponse:
    measure = _measure(request, ags, pk, edit=True)
    found = measure_queries.evidence_for(measure, evidence)
    if found is None:
        raise Http404
    measure_services.evidence_delete(evidence=found)
    messages.success(request, _("The evidence has been deleted."))
    if request.htmx:
        return render(request, "impact/_ladder_panel.html", _ladder_context(request, measure, None))
    return redirect(measure)


def evidence_file_view(request: HtmxHttpRequest, ags: str, pk: int, evidence: int) -> FileResponse:
    """A document of the evidence, for those who see the measure (404 for everybody else)."""
    measure = _measure(request, ags, pk)
    found = measure_queries.evidence_for(measure, evidence)
    if found is None or not found.file:
        raise Http404
    response = FileResponse(
        found.file.open("rb"),
        content_type=found.content_type or "application/octet-stream",
        filename=(found.file.name or "").rsplit("/", 1)[-1],
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def goals_view(request: HtmxHttpRequest, ags: str) -> HttpResponse:
    """The municipality's goals with their state; the officer sets new ones here."""
    authority = get_object_or_404(Authority, ags=ags)
    if not permissions.can_view_measures(request.user, authority):
        raise PermissionDenied(_("Only the municipality and the office see its goals."))
    may_edit = permissions.can_edit_measures(request.user, authority)
    indicators = list(queries.indicators())
    form = GoalForm(request.POST or None, indicators=indicators, initial=request.GET or None)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied(_("Only the municipality's engagement officer sets its goals."))
        if form.is_valid() and run_service(
            form,
            lambda: measure_services.goal_set(
                authority=authority, **form.goal(), user=request.user
            ),
        ):
            messages.success(request, _("The goal has been saved."))
            return redirect("impact:goals", ags=authority.ags)
    rows = measure_queries.goal_rows(authority)
    context = {
        "authority": authority,
        "table": tables.goals_table(authority, rows),
        "goals": rows,
        "form": form if may_edit else None,
        "may_edit": may_edit,
        "sees_dashboard": permissions.can_view_authority(request.user, authority),
    }
    return render(request, "impact/goals.html", context)


@login_required
@require_POST
def goal_delete_view(request: HtmxHttpRequest, ags: str, pk: int) -> HttpResponse:
    authority = _editable(request, ags)
    goal = measure_queries.goal_for(authority, pk)
    if goal is None:
        raise Http404
    measure_services.goal_delete(goal=goal)
    messages.success(request, _("The goal has been deleted."))
    return redirect("impact:goals", ags=authority.ags)
