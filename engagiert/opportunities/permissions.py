"""Who may act for an organisation: its members (organisation role) for their own provider; the
officer of the provider's municipality, a verified volunteer agency there, and the office verify."""

from typing import Any

from engagiert.accounts.models import Role
from engagiert.accounts.permissions import (
    authorities_for_role,
    is_office,
    organisations_for_role,
)
from engagiert.registry.models import Organisation

from .models import Opportunity, Provider


def member_providers(user: Any) -> list[Provider]:
    """The providers this user acts for (they hold the organisation role for them)."""
    organisation_ids = [o.pk for o in organisations_for_role(user, Role.ORGANISATION)]
    return list(Provider.objects.filter(organisation_id__in=organisation_ids))


def organisation_manages(organisation_id: int | None, provider: Provider) -> bool:
    """An organisation acts for its own provider only (its people, its API tokens)."""
    return organisation_id is not None and provider.organisation_id == organisation_id


def can_manage(user: Any, provider: Provider) -> bool:
    """Edit the provider, its opportunities and shift plans, see its applicants and helpers."""
    if is_office(user):
        return True
    return any(
        organisation_manages(o.pk, provider)
        for o in organisations_for_role(user, Role.ORGANISATION)
    )


def can_verify(user: Any, provider: Provider) -> bool:
    """The office, the officer of the provider's municipality, or a member of a verified
    volunteer agency in the same municipality."""
    if is_office(user):
        return True
    if any(a.ags == provider.authority_id for a in authorities_for_role(user, Role.OFFICER)):
        return True
    return any(
        p.is_verified
        and p.authority_id == provider.authority_id
        and p.organisation.kind == Organisation.Kind.VOLUNTEER_AGENCY
        and p.pk != provider.pk
        for p in Provider.objects.filter(
            organisation__in=organisations_for_role(user, Role.ORGANISATION)
        ).select_related("organisation")
    )


def verifiable_authorities(user: Any) -> list[str] | None:
    """The municipalities whose providers this user verifies; None for every one (the office)."""
    if is_office(user):
        return None
    keys = {a.ags for a in authorities_for_role(user, Role.OFFICER)}
    keys.update(p.authority_id for p in agency_providers(user))
    return sorted(keys)


def agency_providers(user: Any) -> list[Provider]:
    """The verified volunteer agencies this user acts for."""
    return [
        p
        for p in Provider.objects.filter(
            organisation__in=organisations_for_role(user, Role.ORGANISATION),
            status=Provider.Status.VERIFIED,
            organisation__kind=Organisation.Kind.VOLUNTEER_AGENCY,
        )
    ]


def can_see_agency_overview(user: Any, authority_ags: str) -> bool:
    """The office, the municipality's officer and its verified volunteer agency."""
    keys = verifiable_authorities(user)
    return keys is None or authority_ags in keys


def can_see_opportunity(user: Any, opportunity: Opportunity, *, public: bool) -> bool:
    """Public opportunities for everyone; the others for their provider (and the office)."""
    return public or can_manage(user, opportunity.provider)
