"""Who may enter a cohort's closed space: its development teams, the operating institution and
the network office. The evaluating institution sees the aggregated evaluation, nothing else.
Everyone else gets 404 on every page of the space (a cohort space does not admit it exists)."""

from typing import Any

from engagiert.accounts.models import Role
from engagiert.accounts.permissions import authorities_for_role, is_office, organisations_for_role
from engagiert.registry.models import Authority

from .models import Cohort, CohortApplication, TeamMember


def _organisation_ids(user: Any) -> set[int]:
    return {organisation.pk for organisation in organisations_for_role(user, Role.ORGANISATION)}


def is_operator(user: Any, cohort: Cohort) -> bool:
    return cohort.operator_id in _organisation_ids(user)


def is_evaluator(user: Any, cohort: Cohort) -> bool:
    return cohort.evaluator_id is not None and cohort.evaluator_id in _organisation_ids(user)


def team_authority(user: Any, cohort: Cohort) -> Authority | None:
    """The municipality whose selected development team this person belongs to."""
    if not getattr(user, "is_authenticated", False):
        return None
    member = (
        TeamMember.objects.filter(
            user=user,
            application__cohort=cohort,
            application__status=CohortApplication.Status.SELECTED,
        )
        .select_related("application__authority")
        .first()
    )
    return member.application.authority if member else None


def can_enter_space(user: Any, cohort: Cohort) -> bool:
    return is_office(user) or is_operator(user, cohort) or team_authority(user, cohort) is not None


def can_run_cohort(user: Any, cohort: Cohort) -> bool:
    """The office and the operator organise: sessions, slots, adopting topics."""
    return is_office(user) or is_operator(user, cohort)


def can_see_evaluation(user: Any, cohort: Cohort) -> bool:
    return is_office(user) or is_evaluator(user, cohort)


def applicant_authorities(user: Any) -> list[Authority]:
    """The municipalities a person may apply for: those they are engagement officer of."""
    return authorities_for_role(user, Role.OFFICER)


def can_manage_cohorts(user: Any) -> bool:
    """The network office creates cohorts and runs their calls and selection."""
    return is_office(user)


def is_panel_member(user: Any) -> bool:
    """The selection panel: the people of the network office score the applications."""
    return is_office(user)
