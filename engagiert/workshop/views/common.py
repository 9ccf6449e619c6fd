"""What every workshop page needs: the cohort, the closed space, saving a form by a service."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import permissions, queries
from ..models import Cohort


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
