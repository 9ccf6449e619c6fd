"""Who may act on cards: the office everywhere, card staff only for their own issuer."""

from typing import Any

from django.db.models import QuerySet

from engagiert.accounts.models import Role
from engagiert.accounts.permissions import authorities_for_role, is_office

from .models import Issuer


def staff_issuers(user: Any) -> QuerySet[Issuer]:
    """The issuers whose applications, cards and partners this user works on."""
    if is_office(user):
        return Issuer.objects.all()
    agses = [authority.ags for authority in authorities_for_role(user, Role.CARD_STAFF)]
    return Issuer.objects.filter(authority_id__in=agses)


def is_card_staff(user: Any, issuer: Issuer | None = None) -> bool:
    """Card staff of `issuer` (of any issuer when None), or the office (asked on every page for
    the navigation: the office's answer costs no query)."""
    if issuer is None and is_office(user):
        return True
    issuers = staff_issuers(user)
    return issuers.filter(pk=issuer.pk).exists() if issuer else issuers.exists()


def managed_issuer_authorities(user: Any) -> list[Any]:
    """Authorities whose participation this user records: their own as officer or card staff
    (the office: every one, answered by `can_manage_issuer`)."""
    return [
        *authorities_for_role(user, Role.OFFICER),
        *authorities_for_role(user, Role.CARD_STAFF),
    ]


def can_manage_issuer(user: Any, authority: Any) -> bool:
    """The office for every authority; officers and card staff for their own."""
    if is_office(user):
        return True
    return any(a.pk == authority.pk for a in managed_issuer_authorities(user))


def can_review(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and is_card_staff(user)
