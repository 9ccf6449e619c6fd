"""Who sees and enters impact figures.

The office sees every municipality's values and keeps the catalogue. An engagement officer or
a leader sees their own municipality's values and the aggregates of its peer group, never
another municipality's raw values; only the officer enters them. Nobody else sees this area
yet (the open-data page comes later).
"""

from typing import TYPE_CHECKING, Any

from engagiert.accounts.models import Role
from engagiert.accounts.permissions import authorities_for_role, can_edit_authority, is_office
from engagiert.membership.permissions import sees_members_only

if TYPE_CHECKING:
    from engagiert.registry.models import Authority

    from .models import Measure

#: Roles that see their own municipality's impact figures.
VIEWING_ROLES = (Role.OFFICER, Role.LEADER)


def own_authorities(user: Any) -> list["Authority"]:
    """The municipalities whose figures the user sees as their own (officer first)."""
    found: dict[str, Authority] = {}
    for role in VIEWING_ROLES:
        for authority in authorities_for_role(user, role):
            found.setdefault(authority.pk, authority)
    return list(found.values())


def can_use_impact(user: Any) -> bool:
    return is_office(user) or bool(own_authorities(user))


def can_view_authority(user: Any, authority: "Authority") -> bool:
    """The office, or an officer or leader of exactly this municipality."""
    return is_office(user) or any(a.pk == authority.pk for a in own_authorities(user))


def can_enter_values(user: Any, authority: "Authority") -> bool:
    """The office, or the engagement officer of this municipality."""
    return can_edit_authority(user, authority)


def can_manage_catalogue(user: Any) -> bool:
    return is_office(user)


# --- Measures and goals ---------------------------------------------------------------------
#
# A municipality's measures and goals are seen by its engagement officer, its leader and its
# development team, and by the office; only the officer (and the office) records them. A
# published measure is seen by every member of the network, without the municipality's goals.

#: Roles that see their own municipality's measures and goals.
MEASURE_ROLES = (Role.OFFICER, Role.LEADER, Role.DEVELOPMENT_TEAM)


def can_view_measures(user: Any, authority: "Authority") -> bool:
    """Every measure and goal of the municipality, published or not."""
    if is_office(user):
        return True
    return any(
        a.pk == authority.pk for role in MEASURE_ROLES for a in authorities_for_role(user, role)
    )


def can_edit_measures(user: Any, authority: "Authority") -> bool:
    """Record, change and delete the municipality's measures, evidence and goals."""
    return can_edit_authority(user, authority)


def can_view_measure(user: Any, measure: "Measure") -> bool:
    return can_view_measures(user, measure.authority) or (
        measure.is_published and sees_members_only(user)
    )


def can_view_published_measures(user: Any) -> bool:
    """The members of the network (and the office) see the measures published by any."""
    return sees_members_only(user)
