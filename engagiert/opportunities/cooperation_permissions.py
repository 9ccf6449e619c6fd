"""Who may do what in corporate volunteering and the cooperation registry.

A business manages only its own offers, an organisation only its own needs; a match is seen
by the two parties (and the municipalities' officers and the office, without contact details);
each party sees the other's contact details only once the match is accepted. Cooperations are
recorded by the officer of their municipality or the office; members-only entries are for the
network's members."""

from typing import Any

from engagiert.accounts.models import Role
from engagiert.accounts.permissions import authorities_for_role, can_edit_authority, is_office
from engagiert.membership.permissions import sees_members_only
from engagiert.registry.models import Authority, Organisation

from .models import Cooperation, CorporateMatch, CorporateNeed, CorporateOffer, Provider
from .permissions import can_manage, member_providers


def is_business(provider: Provider) -> bool:
    return provider.organisation.kind == Organisation.Kind.BUSINESS


def offering_providers(user: Any) -> list[Provider]:
    """The verified businesses this person publishes offers for."""
    return [p for p in member_providers(user) if p.is_verified and is_business(p)]


def needing_providers(user: Any) -> list[Provider]:
    """The verified organisations (not businesses) this person posts needs for."""
    return [p for p in member_providers(user) if p.is_verified and not is_business(p)]


def can_edit_offer(user: Any, offer: CorporateOffer) -> bool:
    return can_manage(user, offer.provider)


def can_edit_need(user: Any, need: CorporateNeed) -> bool:
    return can_manage(user, need.provider)


def match_side(user: Any, match: CorporateMatch) -> str | None:
    """The side this person acts for in the match (business first), or None."""
    if can_manage(user, match.offer.provider) and not is_office(user):
        return CorporateMatch.Side.BUSINESS
    if can_manage(user, match.need.provider) and not is_office(user):
        return CorporateMatch.Side.ORGANISATION
    return None


def oversees(user: Any, authority_ids: set[str]) -> bool:
    """The office, or an officer of one of the municipalities concerned."""
    return is_office(user) or any(
        a.ags in authority_ids for a in authorities_for_role(user, Role.OFFICER)
    )


def can_see_match(user: Any, match: CorporateMatch) -> bool:
    return match_side(user, match) is not None or oversees(
        user, {match.offer.authority_id, match.need.authority_id}
    )


def can_answer_match(user: Any, match: CorporateMatch) -> bool:
    """The side that did not propose answers."""
    side = match_side(user, match)
    return (
        match.status == CorporateMatch.Status.PROPOSED
        and side is not None
        and side != match.proposed_by
    )


def sees_contacts(user: Any, match: CorporateMatch) -> bool:
    """Only the two parties, and only after acceptance."""
    return match.status == CorporateMatch.Status.ACCEPTED and match_side(user, match) is not None


def can_record_engagement(user: Any, match: CorporateMatch) -> bool:
    return sees_contacts(user, match)


def overview_authorities(user: Any) -> list[Authority] | None:
    """Whose corporate engagement this person oversees: None for the office (everyone's),
    the officer's own municipalities, or an empty list."""
    if is_office(user):
        return None
    return authorities_for_role(user, Role.OFFICER)


def recording_authorities(user: Any) -> list[Authority] | None:
    """For which municipalities this person records cooperations (None: all, the office)."""
    return overview_authorities(user)


def can_edit_cooperation(user: Any, cooperation: Cooperation) -> bool:
    return can_edit_authority(user, cooperation.authority)


def sees_members_only_cooperations(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and sees_members_only(user)


def can_see_cooperation(user: Any, cooperation: Cooperation) -> bool:
    return (
        not cooperation.members_only
        or sees_members_only_cooperations(user)
        or can_edit_cooperation(user, cooperation)
    )
