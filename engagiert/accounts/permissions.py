"""Who may do what, in one place: small functions used by views, templates and query scoping.

The network office may do everything. Everyone else acts only within the scope of their role
assignments: an engagement officer edits only their own authority.
"""

from typing import TYPE_CHECKING, Any

from .models import Role, RoleAssignment

if TYPE_CHECKING:
    from engagiert.registry.models import Authority, Organisation


def role_assignments(user: Any) -> list[RoleAssignment]:
    """The user's roles, loaded once per user object (so per request)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached: list[RoleAssignment] | None = getattr(user, "_role_assignments", None)
    if cached is None:
        cached = list(
            RoleAssignment.objects.filter(user=user).select_related("authority", "organisation")
        )
        user._role_assignments = cached
    return cached


def has_role(user: Any, role: Role) -> bool:
    return any(assignment.role == role for assignment in role_assignments(user))


def is_office(user: Any) -> bool:
    """The network office; Django superusers count as office too."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser) or has_role(user, Role.OFFICE)


def authorities_for_role(user: Any, role: Role) -> list["Authority"]:
    return [a.authority for a in role_assignments(user) if a.role == role and a.authority]


def organisations_for_role(user: Any, role: Role) -> list["Organisation"]:
    return [a.organisation for a in role_assignments(user) if a.role == role and a.organisation]


#: The order in which roles name the municipality a person acts for, when they hold several:
#: the engagement officer speaks for the municipality, the leader heads it, a development team
#: member takes part in one workshop cohort.
ACTING_ROLES = (Role.OFFICER, Role.LEADER, Role.DEVELOPMENT_TEAM)


def acting_authority(user: Any) -> "Authority | None":
    """The municipality a person acts for (registers, writes, asks): see ACTING_ROLES."""
    for role in ACTING_ROLES:
        found = authorities_for_role(user, role)
        if found:
            return found[0]
    return None


def can_edit_authority(user: Any, authority: "Authority") -> bool:
    """The office, or an engagement officer of exactly this authority."""
    if is_office(user):
        return True
    return any(a.pk == authority.pk for a in authorities_for_role(user, Role.OFFICER))


def can_view_audit_log(user: Any) -> bool:
    return is_office(user)
