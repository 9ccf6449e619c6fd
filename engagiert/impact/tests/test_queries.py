import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from engagiert.core.extensions import indicator_providers
from engagiert.events.tests.factories import EventFactory, RegistrationFactory
from engagiert.knowledge.tests.factories import AnswerFactory, KnowledgeItemFactory
from engagiert.membership.tests.factories import MembershipFactory
from engagiert.registry.tests.factories import AuthorityFactory
from engagiert.workshop.tests.factories import CohortFactory, selected_team

from .. import queries
from ..models import Indicator
from .factories import IndicatorFactory, IndicatorValueFactory


@pytest.mark.parametrize(
    ("population", "band"),
    [(19_999, 0), (20_000, 1), (49_999, 1), (50_000, 2), (100_000, 3), (499_999, 3), (500_000, 4)],
)
def test_size_band_bounds(population, band):
    assert queries.size_band(population) == band


def test_rank_of_shares_ranks_between_equal_values():
    values = [Decimal(v) for v in (9, 7, 7, 3)]
    assert [queries.rank_of(v, values, higher_is_better=True) for v in values] == [1, 2, 2, 4]
    assert [queries.rank_of(v, values, higher_is_better=False) for v in values] == [4, 2, 2, 1]


def _town(population: int, kind: str = "stadt"):
    return AuthorityFactory(kind=kind, population=population)


@pytest.fixture
def peer_world(db):
    """A town of 30,000 (value 40) among five towns of its band; others outside the group."""
    indicator = IndicatorFactory(version="Budget")
    own = _town(30_000)
    for value in (10, 20, 30, 50, 60):
        IndicatorValueFactory(indicator=indicator, authority=_town(25_000), value=value)
    IndicatorValueFactory(indicator=indicator, authority=own, value=40)
    IndicatorValueFactory(indicator=indicator, authority=_town(60_000), value=1000)  # other band
    IndicatorValueFactory(indicator=indicator, authority=_town(30_000, "gemeinde"), value=0)
    IndicatorValueFactory(indicator=indicator, authority=_town(30_000), value=99, year=2024)
    return indicator, own


def test_peer_statistics_against_hand_computed_values(peer_world):
    indicator, own = peer_world
    stats = queries.peer_statistics(indicator, 2025, own)
    # Sorted: 10 20 30 40 50 60; inclusive quartiles at positions 1.25, 2.5 and 3.75.
    assert stats.count == 6
    assert stats.lower_quartile == pytest.approx(22.5)
    assert stats.median == pytest.approx(35.0)
    assert stats.upper_quartile == pytest.approx(47.5)
    assert stats.rank == 3  # 50 and 60 are better
    assert stats.band_label == "20.000 bis 50.000 Einwohner"
    assert stats.kind_label == "Stadt (kreisangehörig)"


def test_peer_rank_follows_the_direction(peer_world):
    indicator, own = peer_world
    indicator.higher_is_better = False
    assert queries.peer_statistics(indicator, 2025, own).rank == 4  # 10, 20 and 30 are better


def test_peer_statistics_hidden_below_the_minimum_group(db):
    indicator = IndicatorFactory()
    own = _town(30_000)
    for value in (10, 20, 30):
        IndicatorValueFactory(indicator=indicator, authority=_town(30_000), value=value)
    IndicatorValueFactory(indicator=indicator, authority=own, value=40)
    stats = queries.peer_statistics(indicator, 2025, own)
    assert (stats.count, stats.enough, stats.median, stats.rank) == (4, False, None, None)


def test_peer_statistics_queries_are_constant(peer_world, django_assert_num_queries):
    indicator, own = peer_world
    with django_assert_num_queries(2):
        queries.peer_statistics(indicator, 2025, own)
    for _ in range(20):
        IndicatorValueFactory(indicator=indicator, authority=_town(26_000), value=5)
    with django_assert_num_queries(2):
        queries.peer_statistics(indicator, 2025, own)


def test_version_for_picks_the_version_of_the_year(db):
    indicator = IndicatorFactory(version="alt")
    indicator.versions.create(number=2, valid_from=2025, name="neu", definition="neu")
    indicator = queries.indicators().get(pk=indicator.pk)
    assert [queries.version_for(indicator, y).name for y in (2019, 2024, 2025, 2030)] == [
        "alt",
        "alt",
        "neu",
        "neu",
    ]


def test_provider_available_for_registered_keys_only(db):  # the seeded catalogue
    seeded = {i.key: queries.provider_available(i) for i in queries.indicators()}
    assert seeded["event-participations"] is True
    assert seeded["budget-engagement"] is True  # manual: nothing to provide
    assert queries.provider_available(Indicator(source="automatic", provider_key="x.y")) is False


def _at(year: int, month: int = 6) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, 1, 10))


@pytest.mark.django_db
def test_membership_providers_count_members_and_full_years():
    current = MembershipFactory(since=datetime.date(2019, 3, 1)).authority
    left = MembershipFactory(
        since=datetime.date(2020, 1, 1), until=datetime.date(2025, 6, 30)
    ).authority
    MembershipFactory(since=datetime.date(2026, 1, 1))  # joins later
    members = indicator_providers.get("membership.member").values(2025)
    years = indicator_providers.get("membership.years_of_membership").values(2025)
    assert members == {current.ags: 1.0, left.ags: 1.0}
    assert years == {current.ags: 6.0, left.ags: 5.0}


@pytest.mark.django_db
def test_event_participations_count_confirmed_registrations_of_the_year():
    town = AuthorityFactory()
    this_year = EventFactory(starts_at=_at(2025), ends_at=_at(2025, 7))
    RegistrationFactory(event=this_year, authority=town)
    RegistrationFactory(event=this_year, authority=town, status="cancelled")
    RegistrationFactory(
        event=EventFactory(starts_at=_at(2024), ends_at=_at(2024, 7)), authority=town
    )
    assert indicator_providers.get("events.participations").values(2025) == {town.ags: 1.0}


@pytest.mark.django_db
def test_workshop_participation_counts_selected_teams_while_the_cohort_runs():
    town = AuthorityFactory()
    cohort = CohortFactory(starts_on=datetime.date(2024, 9, 1), ends_on=datetime.date(2025, 10, 1))
    selected_team(cohort, town)
    provider = indicator_providers.get("workshop.participation")
    assert provider.values(2025) == {town.ags: 1.0}
    assert provider.values(2026) == {}


@pytest.mark.django_db
def test_knowledge_providers_count_practice_examples_and_answers():
    town = AuthorityFactory()
    KnowledgeItemFactory(authority=town, kind="practice")
    KnowledgeItemFactory(authority=town, kind="recommendation")
    AnswerFactory(authority=town)
    AnswerFactory(authority=town)
    year = timezone.now().year
    assert indicator_providers.get("knowledge.practice_examples").values(year) == {town.ags: 1.0}
    assert indicator_providers.get("knowledge.questions_answered").values(year) == {town.ags: 2.0}
