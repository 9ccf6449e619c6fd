"""Requests between businesses and organisations hold under concurrent clicks, on SQLite and
on PostgreSQL (DATABASE_URL): a pair is proposed once, a request is answered once."""

import pytest
from django.core.exceptions import ValidationError

from engagiert.core.testing import run_at_once
from engagiert.opportunities import cooperation_services as services
from engagiert.opportunities.models import CorporateMatch

from .cooperation_factories import MatchFactory, NeedFactory, OfferFactory

Side = CorporateMatch.Side


@pytest.mark.django_db(transaction=True)
def test_both_sides_propose_the_same_pair_at_once(threads_database):
    offer, need = OfferFactory(), NeedFactory()

    outcomes = run_at_once(
        [
            lambda side=side: services.match_propose(
                offer=offer, need=need, side=side, user=None, message="Gemeinsam?"
            )
            for side in (Side.BUSINESS, Side.ORGANISATION, Side.BUSINESS, Side.ORGANISATION)
        ]
    )

    assert CorporateMatch.objects.count() == 1, outcomes
    assert sorted(type(outcome).__name__ for outcome in outcomes) == [
        "CorporateMatch",
        "ValidationError",
        "ValidationError",
        "ValidationError",
    ]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert {error.messages[0] for error in refused} == {
        "Dieses Angebot und dieser Bedarf sind bereits im Kontakt."
    }


@pytest.mark.django_db(transaction=True)
def test_an_accept_and_a_decline_at_once_answer_once(threads_database):
    match = MatchFactory()

    outcomes = run_at_once(
        [
            lambda accept=accept: services.match_answer(match=match, accept=accept)
            for accept in (True, False, True)
        ]
    )

    answered = [o for o in outcomes if isinstance(o, CorporateMatch)]
    assert len(answered) == 1
    match.refresh_from_db()
    assert match.status == answered[0].status
    assert [str(o.messages[0]) for o in outcomes if isinstance(o, ValidationError)] == [
        "Diese Anfrage wurde bereits beantwortet."
    ] * 2
