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

from .models import Provider


def member_providers(user: Any) -> list[Provider]:
    """The providers this user acts for (they hold the organisation role for them)."""
    organisation_ids = [o.pk for o in organisations_for_role(user, Role.ORGANISATION)]
    return list(Provider.objects.filter(organisation_id__in=organisation_ids))


def can_manage(user: Any, provider: Provider) -> bool:
    """Edit the provider, its opportunities and shift plans, see its applicants and helpers."""
    if is_office(user):
        return True
    return any(
        o.pk == provider.organisation_id for o in organisations_for_role(user, Role.ORGANISATION)
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
