"""Two staff members acting on one card at the same moment: one replacement, one revocation."""

import pytest
from django.core.exceptions import ValidationError

from engagiert.core.testing import run_at_once
from engagiert.volunteercard.cards import card_replace, card_revoke
from engagiert.volunteercard.models import Card

from .card_factories import CardFactory


def test_card_replace_twice_at_once_issues_one_new_card(threads_database, office_user):
    card = CardFactory()
    outcomes = run_at_once(
        [lambda: card_replace(card=Card.objects.get(pk=card.pk), by=office_user)] * 4
    )
    assert sum(isinstance(outcome, Card) for outcome in outcomes) == 1
    assert sum(isinstance(outcome, ValidationError) for outcome in outcomes) == 3
    assert Card.objects.count() == 2


def test_card_revoke_twice_at_once_keeps_the_first_reason(threads_database, office_user):
    card = CardFactory()
    outcomes = run_at_once(
        [
            lambda reason=reason: card_revoke(
                card=Card.objects.get(pk=card.pk), by=office_user, category="other", reason=reason
            )
            for reason in ("erste", "zweite", "dritte")
        ]
    )
    revoked = [outcome for outcome in outcomes if isinstance(outcome, Card)]
    assert len(revoked) == 1
    card.refresh_from_db()
    assert card.revocation_reason == revoked[0].revocation_reason


pytestmark = pytest.mark.django_db(transaction=True)
