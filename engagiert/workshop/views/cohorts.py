"""A cohort's course: the call, applications, selection, evaluation and the finish."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from engagiert.accounts.permissions import is_office
from engagiert.core.forms import saved
from engagiert.core.http import AuthenticatedHttpRequest

from .. import permissions, queries, services
from ..forms import CohortApplicationForm, EvaluationForm, SelectionForm
from .common import _cohort


def cohort_list_view(request: HttpRequest) -> HttpResponse:
    context = {
        "cohorts": queries.cohorts(),
        "can_manage": permissions.can_manage_cohorts(request.user),
    }
    return render(request, "workshop/cohort_list.html", context)


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
    if request.method == "POST" and saved(
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
            "privacy_note": "workshop.application",
        },
    )


@login_required
def selection_view(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    cohort = _cohort(number)
    if not is_office(request.user):
        raise PermissionDenied(_("The network office selects the sites."))
    applications = queries.applications(cohort)
    form = SelectionForm(request.POST or None, applications=applications)
    if request.method == "POST" and saved(
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
        "is_panel_member": permissions.is_panel_member(request.user),
        "spread": queries.spread(items),
        "selected_spread": queries.spread([a for a in items if a.status == "selected"]),
    }
    return render(request, "workshop/selection.html", context)


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
        if saved(
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
        "is_office": is_office(request.user),
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
            ngettext(
                "The cohort is finished; %(count)d municipality is invited to join the network.",
                "The cohort is finished; %(count)d municipalities are invited to join the network.",
                invited,
            )
            % {"count": invited},
        )
    return redirect(cohort)
