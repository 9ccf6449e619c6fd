"""Who may do what in the network (builds on accounts.permissions).

Officers keep only their own authority's profile and apply only for it; the office reviews.
Members-only details (contact phone numbers, members-only documents) are for the office and
for people who act for a member authority.
"""

from typing import Any

from engagiert.accounts.models import AUTHORITY_ROLES, Role
from engagiert.accounts.permissions import (
    authorities_for_role,
    can_edit_authority,
    is_office,
    role_assignments,
)
from engagiert.registry.models import Authority

from .models import Application, Membership


def can_edit_profile(user: Any, authority: Authority) -> bool:
    return can_edit_authority(user, authority)


def can_apply(user: Any, authority: Authority) -> bool:
    """Only the authority's own engagement officer applies for it."""
    return any(a.pk == authority.pk for a in authorities_for_role(user, Role.OFFICER))


def can_view_application(user: Any, application: Application) -> bool:
    return is_office(user) or can_apply(user, application.authority)


def can_review_applications(user: Any) -> bool:
    return is_office(user)


def can_end_membership(user: Any, authority: Authority) -> bool:
    return is_office(user) or can_apply(user, authority)


def sees_members_only(user: Any) -> bool:
    """The office, or someone acting for a current member authority (officer, team, leader)."""
    if is_office(user):
        return True
    keys = {a.authority_id for a in role_assignments(user) if a.role in AUTHORITY_ROLES}
    if not keys:
        return False
    cached: bool | None = getattr(user, "_sees_members_only", None)
    if cached is None:
        cached = Membership.objects.filter(authority_id__in=keys, until__isnull=True).exists()
        user._sees_members_only = cached
    return cached


def can_manage_network(user: Any) -> bool:
    """Signing waves, signatures and partner institutions are the network office's."""
    return is_office(user)


def can_invite_contact(user: Any, authority: Authority) -> bool:
    """The office invites any municipality's contact person, an officer their own only."""
    return can_edit_authority(user, authority)
