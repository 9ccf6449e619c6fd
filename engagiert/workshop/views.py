from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagiert.accounts.permissions import is_office
from engagiert.core.http import AuthenticatedHttpRequest

from . import permissions, queries, services
from .forms import (
    AdoptForm,
    CohortApplicationForm,
    EvaluationForm,
    ExpertInputForm,
    PostForm,
    ProposalForm,
    ResourceForm,
    SelectionForm,
    SessionForm,
    SlotForm,
    ThreadForm,
)
from .models import Cohort, ConsultationSlot, Thread, TopicProposal


def _cohort(number: int) -> Cohort:
    cohort = queries.cohort_by_number(number)
    if cohort is None:
        raise Http404(_("There is no such cohort."))
    return cohort


def _space(request: HttpRequest, number: int) -> Cohort:
    """The cohort, if this person may enter its closed space; 404 otherwise (also logged out)."""
    cohort = _cohort(number)
    if not permissions.can_enter_space(request.user, cohort):
        raise Http404
    return cohort


def _saved(form: BaseForm, action: Callable[[], Any]) -> bool:
    """Run a service for a valid form; its ValidationError lands at the form."""
    if not form.is_valid():
        return False
    try:
        action()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


def _render_space(
    request: HttpRequest, cohort: Cohort, template: str, **context: Any
) -> HttpResponse:
    context.update(
        cohort=cohort,
        team=permissions.team_authority(request.user, cohort),
        can_run=permissions.can_run_cohort(request.user, cohort),
        can_evaluate=permissions.can_see_evaluation(request.user, cohort),
    )
    return render(request, f"workshop/{template}", context)


def cohort_list_view(request: HttpRequest) -> HttpResponse:
    return render(request, "workshop/cohort_list.html", {"cohorts": queries.cohorts()})


def cohort_detail_view(request: HttpRequest, number: int) -> HttpResponse:
    cohort = _cohort(number)
    mine = permissions.applicant_authorities(request.user)
    context = {
        "cohort": cohort,
        "can_apply": bool(mine) and cohort.call_is_open,
        "in_space": permissions.can_enter_space(request.user, cohort),
        "can_evaluate": permissions.can_see_evaluation(request.user, cohort),
        "is_office": is_office(request.user),
        "own": [queries.application_of(cohort, a) for a in mine],
    }
    return render(request, "workshop/cohort_detail.html", context)


@login_required
def application_view(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    """Apply for one's municipality, or change the application until the deadline."""
    cohort = _cohort(number)
    mine = permissions.applicant_authorities(request.user)
    if not mine:
        raise PermissionDenied(_("Only a municipality's engagement officer applies for it."))
    chosen = next((a for a in mine if a.pk == request.GET.get("ags")), mine[0])
    form = CohortApplicationForm(
        request.POST or None, authorities=mine, instance=queries.application_of(cohort, chosen)
    )
    if request.method == "POST" and _saved(
        form,
        lambda: services.cohort_apply(
            cohort=cohort,
            user=request.user,
            authority=form.cleaned_data["authority"],
            motivation=form.cleaned_data["motivation"],
            goals=form.cleaned_data["goals"],
            existing=form.cleaned_data["existing"],
            team=form.team(),
        ),
    ):
        messages.success(
            request, _("Your application is saved. You can change it until the deadline.")
        )
        return redirect(cohort)
    return render(
        request,
        "components/form_page.html",
        {
            "form": form,
            "title": _("Apply for %(cohort)s") % {"cohort": cohort},
            "back_url": cohort.get_absolute_url(),
            "back_label": str(cohort),
            "submit_label": _("Save application"),
        },
    )


@login_required
def selection_view(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    cohort = _cohort(number)
    if not is_office(request.user):
        raise PermissionDenied(_("The network office selects the sites."))
    applications = queries.applications(cohort)
    form = SelectionForm(request.POST or None, applications=applications)
    if request.method == "POST" and _saved(
        form,
        lambda: services.cohort_select(
            cohort=cohort, selected=list(form.cleaned_data["selected"]), user=request.user
        ),
    ):
        messages.success(request, _("The selection is saved; all applicants are told by e-mail."))
        return redirect("workshop:selection", number=number)
    items = list(applications)
    context = {
        "cohort": cohort,
        "form": form,
        "applications": items,
        "spread": queries.spread(items),
        "selected_spread": queries.spread([a for a in items if a.status == "selected"]),
    }
    return render(request, "workshop/selection.html", context)


@login_required
def space_view(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    cohort = _space(request, number)
    form = SessionForm(request.POST or None)
    if (
        request.method == "POST"
        and permissions.can_run_cohort(request.user, cohort)
        and _saved(form, lambda: services.session_create(cohort=cohort, **form.cleaned_data))
    ):
        return redirect("workshop:space", number=number)
    return _render_space(
        request,
        cohort,
        "space.html",
        sessions=queries.sessions(cohort),
        teams=queries.teams(cohort),
        form=form,
    )


@login_required
def topics_view(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    cohort = _space(request, number)
    team = permissions.team_authority(request.user, cohort)
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and _saved(
        form,
        lambda: services.proposal_create(
            cohort=cohort, user=request.user, authority=team, **form.cleaned_data
        ),
    ):
        return redirect("workshop:topics", number=number)
    return _render_space(
        request,
        cohort,
        "topics.html",
        form=form,
        proposals=queries.proposals(cohort, team),
        votes_used=queries.votes_used(cohort, team),
    )


@login_required
@require_POST
def vote_view(request: AuthenticatedHttpRequest, number: int, pk: int) -> HttpResponse:
    cohort = _space(request, number)
    team = permissions.team_authority(request.user, cohort)
    proposal = get_object_or_404(TopicProposal, pk=pk, cohort=cohort)
    if team is None:
        raise PermissionDenied(_("Only development teams vote."))
    try:
        if request.POST.get("withdraw"):
            services.vote_withdraw(proposal=proposal, authority=team)
        else:
            services.vote_cast(proposal=proposal, authority=team, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("workshop:topics", number=number)


@login_required
def session_view(request: AuthenticatedHttpRequest, number: int, session: int) -> HttpResponse:
    """One workshop: its topics and expert inputs; the organisers add both here."""
    cohort = _space(request, number)
    item = get_object_or_404(queries.sessions(cohort), number=session)
    can_run = permissions.can_run_cohort(request.user, cohort)
    adding_input = request.method == "POST" and "speaker" in request.POST
    form = AdoptForm(
        request.POST if request.method == "POST" and not adding_input else None,
        proposals=queries.proposals(cohort, None),
    )
    input_form = ExpertInputForm(request.POST if adding_input else None)
    if (
        can_run
        and adding_input
        and _saved(
            input_form,
            lambda: services.expert_input_add(session=item, **input_form.cleaned_data),
        )
    ):
        return redirect("workshop:session", number=number, session=session)
    if (
        can_run
        and request.method == "POST"
        and not adding_input
        and _saved(
            form,
            lambda: services.session_adopt_topics(
                session=item, proposals=list(form.cleaned_data["proposals"])
            ),
        )
    ):
        return redirect("workshop:session", number=number, session=session)
    return _render_space(
        request, cohort, "session.html", session=item, form=form, input_form=input_form
    )


@login_required
def slots_view(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    cohort = _space(request, number)
    form = SlotForm(request.POST or None)
    if (
        request.method == "POST"
        and permissions.can_run_cohort(request.user, cohort)
        and _saved(form, lambda: services.slot_create(cohort=cohort, **form.cleaned_data))
    ):
        return redirect("workshop:slots", number=number)
    return _render_space(request, cohort, "slots.html", slots=queries.slots(cohort), form=form)


@login_required
@require_POST
def slot_action_view(request: AuthenticatedHttpRequest, number: int, pk: int) -> HttpResponse:
    cohort = _space(request, number)
    slot = get_object_or_404(ConsultationSlot, pk=pk, cohort=cohort)
    team = permissions.team_authority(request.user, cohort)
    try:
        if request.POST.get("cancel"):
            if slot.booked_by_id != (team.pk if team else None) and not permissions.can_run_cohort(
                request.user, cohort
            ):
                raise PermissionDenied
            services.slot_cancel(slot=slot)
            messages.success(request, _("The appointment is free again."))
        elif team is not None:
            services.slot_book(slot=slot, authority=team, user=request.user)
            messages.success(request, _("The appointment is booked for your team."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("workshop:slots", number=number)


@login_required
def resources_view(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    cohort = _space(request, number)
    form = ResourceForm(request.POST or None)
    if request.method == "POST" and _saved(
        form,
        lambda: services.resource_add(cohort=cohort, user=request.user, **form.cleaned_data),
    ):
        return redirect("workshop:resources", number=number)
    tag = request.GET.get("tag", "")[:50]
    return _render_space(
        request,
        cohort,
        "resources.html",
        is_office=is_office(request.user),
        form=form,
        tag=tag,
        resources=queries.resources(cohort, tag),
    )


@login_required
@require_POST
def resource_publish_view(request: AuthenticatedHttpRequest, number: int, pk: int) -> HttpResponse:
    cohort = _space(request, number)
    resource = get_object_or_404(cohort.resources, pk=pk)
    if not is_office(request.user):
        raise PermissionDenied(_("The network office releases resources to the knowledge base."))
    try:
        item = services.resource_publish(resource=resource, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("workshop:resources", number=number)
    messages.success(request, _("The resource is now in the knowledge base (for members)."))
    return redirect(item)


@login_required
def threads_view(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    cohort = _space(request, number)
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and _saved(
        form, lambda: services.thread_start(cohort=cohort, user=request.user, **form.cleaned_data)
    ):
        return redirect("workshop:threads", number=number)
    return _render_space(
        request, cohort, "threads.html", form=form, threads=queries.threads(cohort)
    )


@login_required
def thread_view(request: AuthenticatedHttpRequest, number: int, pk: int) -> HttpResponse:
    cohort = _space(request, number)
    thread = get_object_or_404(
        Thread.objects.prefetch_related("posts__author"), pk=pk, cohort=cohort
    )
    form = PostForm(request.POST or None)
    if request.method == "POST" and _saved(
        form,
        lambda: services.post_add(thread=thread, user=request.user, body=form.cleaned_data["body"]),
    ):
        return redirect("workshop:thread", number=number, pk=pk)
    return _render_space(request, cohort, "thread.html", thread=thread, form=form)


@login_required
def evaluation_view(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    """Teams answer the questionnaires; the evaluators and the office see the results."""
    cohort = _cohort(number)
    team = permissions.team_authority(request.user, cohort)
    may_see = permissions.can_see_evaluation(request.user, cohort)
    if team is None and not may_see:
        raise Http404
    form = EvaluationForm(request.POST or None) if team else None
    if request.method == "POST" and team is not None and form is not None:
        answering = team
        if _saved(
            form,
            lambda: services.evaluation_submit(
                cohort=cohort, authority=answering, **form.cleaned_data
            ),
        ):
            messages.success(request, _("Thank you – your answers are saved."))
            return redirect("workshop:evaluation", number=number)
    context: dict[str, Any] = {
        "cohort": cohort,
        "form": form,
        "team": team,
        "can_evaluate": may_see,
        "can_run": permissions.can_run_cohort(request.user, cohort),
    }
    if may_see:
        context["summary"] = queries.evaluation_summary(cohort)
        context["comments"] = queries.evaluation_comments(cohort)
    return render(request, "workshop/evaluation.html", context)


@login_required
@require_POST
def finish_view(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    cohort = _cohort(number)
    if not is_office(request.user):
        raise PermissionDenied
    try:
        invited = services.cohort_finish(cohort=cohort)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The cohort is finished; %(count)d municipalities are invited to join the network.")
            % {"count": invited},
        )
    return redirect(cohort)
