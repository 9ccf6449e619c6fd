"""What the workshop contributes to other pages: on the personal start page, the state of the
person's development team (the cohort space is open once the municipality is selected) and the
calls for applications open now."""

from typing import Any

from django.utils import timezone

from engagiert.accounts.models import Role
from engagiert.accounts.permissions import has_role, is_office
from engagiert.core.extensions import Panel, PanelRequest, Place

from .models import Cohort, CohortApplication, TeamMember

#: Roles to whom an open call is news: who applies, who works in a team, who leads or decides.
CALL_ROLES = (Role.OFFICER, Role.DEVELOPMENT_TEAM, Role.LEADER)


def for_place(request: PanelRequest) -> list[Panel]:
    if request.place != Place.DASHBOARD or not request.user.is_authenticated:
        return []
    return [*_team_panel(request.user), *_calls_panel(request.user)]


def _team_panel(user: Any) -> list[Panel]:
    """The cohorts this person's team applied to or works in, with what is true for each: the
    space is open (selected), the selection is pending, or the team was not selected."""
    memberships = list(
        TeamMember.objects.filter(user=user, application__cohort__finished_at__isnull=True)
        .select_related("application__cohort", "application__authority")
        .order_by("-application__cohort__number")
    )
    if not memberships and not has_role(user, Role.DEVELOPMENT_TEAM):
        return []
    context = {"memberships": memberships, "Status": CohortApplication.Status}
    return [Panel("workshop/_dashboard_team.html", context)]


def _calls_panel(user: Any) -> list[Panel]:
    if not (is_office(user) or any(has_role(user, role) for role in CALL_ROLES)):
        return []
    calls = list(
        Cohort.objects.filter(
            application_deadline__gte=timezone.now(), finished_at__isnull=True
        ).order_by("application_deadline")
    )
    if not calls:
        return []
    may_apply = has_role(user, Role.OFFICER)
    return [Panel("workshop/_dashboard_calls.html", {"calls": calls, "may_apply": may_apply})]
