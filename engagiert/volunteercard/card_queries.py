"""Reads of cards: the holder's own, the staff's list (scoped to their issuers), one by link."""

from typing import Any

from django.db.models import Q, QuerySet

from .cards import card_number_from_token, normalise_number
from .models import Card
from .permissions import staff_issuers


def _cards() -> QuerySet[Card]:
    return Card.objects.select_related("issuer__authority", "replaced_by")


def cards_of_holder(user: Any) -> QuerySet[Card]:
    """The cards of a logged-in holder, newest first."""
    if not getattr(user, "is_authenticated", False):
        return Card.objects.none()
    return _cards().filter(user=user, personal_data_erased_at__isnull=True)


def card_by_token(token: str) -> Card | None:
    """The card a signed link names (None for a forged or damaged link)."""
    number = card_number_from_token(token)
    if number is None:
        return None
    return _cards().filter(number=number, personal_data_erased_at__isnull=True).first()


def cards_for_staff(user: Any, *, search: str = "") -> QuerySet[Card]:
    """The cards of the issuers this user works for, found by name or number."""
    cards = _cards().filter(issuer__in=staff_issuers(user))
    search = search.strip()
    if search:
        number = normalise_number(search)
        name = Q()
        for word in search.split():
            name &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
        cards = cards.filter(name | Q(number__startswith=number))
    return cards.order_by("-issued_at", "-pk")
