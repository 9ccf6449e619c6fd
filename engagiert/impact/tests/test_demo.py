import datetime
from decimal import Decimal

import pytest

from engagiert.demo.impact import MANUAL_VALUES, impact_load
from engagiert.membership.tests.factories import MembershipFactory

from ..models import IndicatorValue, Snapshot


@pytest.mark.django_db
def test_impact_demo_enters_manual_values_and_freezes_past_years_once():
    for name in MANUAL_VALUES:
        MembershipFactory(
            authority__name=name, authority__kind="stadt", since=datetime.date(2012, 12, 1)
        )
    impact_load()
    impact_load()
    assert sorted(Snapshot.objects.values_list("year", flat=True)) == [2023, 2024, 2025]
    budget = IndicatorValue.objects.get(
        indicator__key="budget-engagement", authority__name="Arnsberg", year=2025
    )
    assert budget.value == Decimal(52_000)
    years = IndicatorValue.objects.get(
        indicator__key="membership-years", authority__name="Bocholt", year=2024
    )
    assert years.value == 12


@pytest.mark.django_db
def test_impact_demo_fills_in_the_self_assessment_with_a_conflict_to_decide():
    from .. import assessment_queries
    from ..models import AssessmentResponse, Questionnaire

    for name in MANUAL_VALUES:
        MembershipFactory(
            authority__name=name, authority__kind="stadt", since=datetime.date(2012, 12, 1)
        )
    impact_load()
    impact_load()

    progress = assessment_queries.progress(Questionnaire.objects.get(year=2026))
    assert (progress.submitted, progress.drafts, progress.total) == (3, 1, 4)
    arnsberg = AssessmentResponse.objects.get(authority__name="Arnsberg")
    assert [c.entered.value for c in assessment_queries.conflicts(arnsberg)] == [Decimal("2.5")]
