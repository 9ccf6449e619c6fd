"""The office's pages of the development workshop: cohorts and their calls, the panel's
scores, minutes of the workshops, learning-resource files and the evaluation export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from engagiert.core.exports import csv_response, xlsx_response
from engagiert.core.forms import saved
from engagiert.core.http import AuthenticatedHttpRequest
from engagiert.core.uploads import document_response

from .. import permissions, queries, services
from ..forms import CallForm, CohortForm, MinutesForm, PanelScoreForm
from ..models import Cohort
from .common import _cohort, _render_space, _space


def _office_only(request: AuthenticatedHttpRequest) -> None:
    if not permissions.can_manage_cohorts(request.user):
        raise PermissionDenied(_("The network office runs the cohorts."))


@login_required
def cohort_form_view(request: AuthenticatedHttpRequest, number: int | None = None) -> HttpResponse:
    """The office creates a cohort with its call, or edits one."""
    _office_only(request)
    instance = _cohort(number) if number is not None else None
    form = CohortForm(request.POST or None, instance=instance)
    stored: list[Cohort] = []
    if request.method == "POST" and saved(
        form,
        lambda: stored.append(services.cohort_save(instance=instance, data=form.cleaned_data)),
    ):
        messages.success(request, _("The cohort is saved."))
        return redirect(stored[0])
    return render(
        request,
        "components/form_page.html",
        {
            "form": form,
            "title": _("Edit %(cohort)s") % {"cohort": instance} if instance else _("New cohort"),
            "back_url": instance.get_absolute_url()
            if instance
            else reverse("workshop:cohort_list"),
            "back_label": str(instance) if instance else _("Development workshop"),
            "submit_label": _("Save cohort"),
        },
    )


@login_required
def call_view(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    """Open the call until a deadline (or extend it), or close it now."""
    _office_only(request)
    cohort = _cohort(number)
    if request.method == "POST" and request.POST.get("close"):
        try:
            services.cohort_call_close(cohort=cohort)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The call is closed; no more applications are accepted."))
        return redirect(cohort)
    form = CallForm(
        request.POST or None, initial={"application_deadline": cohort.application_deadline}
    )
    if request.method == "POST" and saved(
        form,
        lambda: services.cohort_call_open(
            cohort=cohort, deadline=form.cleaned_data["application_deadline"]
        ),
    ):
        messages.success(request, _("The call is open; municipalities can apply now."))
        return redirect(cohort)
    return render(
        request,
        "components/form_page.html",
        {
            "form": form,
            "title": _("Extend the call") if cohort.call_is_open else _("Open the call"),
            "intro": _("The call text is shown on the cohort's page; officers apply there."),
            "back_url": cohort.get_absolute_url(),
            "back_label": str(cohort),
            "submit_label": _("Open the call"),
        },
    )


@login_required
def panel_score_view(request: AuthenticatedHttpRequest, number: int, pk: int) -> HttpResponse:
    """A panel member scores one application, reading it on the same page."""
    cohort = _cohort(number)
    if not permissions.is_panel_member(request.user):
        raise PermissionDenied(_("Only the selection panel scores applications."))
    application = get_object_or_404(queries.applications(cohort), pk=pk)
    form = PanelScoreForm(
        request.POST or None, instance=queries.panel_score_of(application, request.user)
    )
    if request.method == "POST" and saved(
        form,
        lambda: services.panel_score_save(
            application=application,
            reviewer=request.user,
            score=form.cleaned_data["score"],
            comment=form.cleaned_data["comment"],
        ),
    ):
        messages.success(
            request,
            _("Your score for %(name)s is saved.") % {"name": application.authority.name},
        )
        return redirect("workshop:selection", number=number)
    return render(
        request,
        "workshop/panel_score.html",
        {"cohort": cohort, "application": application, "form": form},
    )


@login_required
def minutes_view(request: AuthenticatedHttpRequest, number: int, session: int) -> HttpResponse:
    """The organisers write or upload the minutes of a workshop."""
    cohort = _space(request, number)
    item = get_object_or_404(queries.sessions(cohort), number=session)
    if not permissions.can_run_cohort(request.user, cohort):
        raise PermissionDenied(_("The organisers keep the minutes."))
    form = MinutesForm(
        request.POST or None, request.FILES or None, initial={"minutes": item.minutes}
    )
    if request.method == "POST" and saved(
        form,
        lambda: services.session_minutes_save(
            session=item,
            minutes=form.cleaned_data["minutes"],
            file=form.cleaned_data["minutes_file"],
            remove_file=form.cleaned_data["remove_file"],
        ),
    ):
        messages.success(request, _("The minutes are saved; the cohort can read them now."))
        return redirect("workshop:session", number=number, session=session)
    return _render_space(request, cohort, "minutes_form.html", session=item, form=form)


@login_required
def minutes_file_view(request: AuthenticatedHttpRequest, number: int, session: int) -> FileResponse:
    cohort = _space(request, number)
    item = get_object_or_404(queries.sessions(cohort), number=session)
    if not item.minutes_file:
        raise Http404
    return document_response(
        item.minutes_file, title=f"Protokoll Werkstatt {item.number} Durchgang {cohort.number}"
    )


@login_required
def resource_file_view(request: AuthenticatedHttpRequest, number: int, pk: int) -> FileResponse:
    """A learning resource's file: only for the cohort (teams, operator) and the office."""
    cohort = _space(request, number)
    resource = get_object_or_404(cohort.resources, pk=pk)
    if not resource.file:
        raise Http404
    return document_response(resource.file, title=resource.title)


@login_required
def evaluation_export_view(
    request: AuthenticatedHttpRequest, number: int, fmt: str
) -> HttpResponse:
    """Every team's answers as CSV or XLSX, for the office (404 for everyone else, as the
    evaluation page)."""
    cohort = _cohort(number)
    if not permissions.can_manage_cohorts(request.user):
        raise Http404
    rows = queries.evaluation_rows(cohort)
    name = f"evaluation-durchgang-{cohort.number}"
    if fmt == "csv":
        return csv_response(rows, filename=f"{name}.csv")
    if fmt == "xlsx":
        return xlsx_response(rows, filename=f"{name}.xlsx", sheet_title=str(cohort))
    raise Http404
