import datetime
from decimal import Decimal

import factory

from engagiert.registry.tests.factories import AuthorityFactory

from ..models import Evidence, Goal, Measure
from .factories import IndicatorFactory


class MeasureFactory(factory.django.DjangoModelFactory[Measure]):
    """An unpublished measure without evidence."""

    class Meta:
        model = Measure

    authority = factory.SubFactory(AuthorityFactory)
    title = factory.Sequence(lambda n: f"Maßnahme {n}")
    start_year = 2024


class EvidenceFactory(factory.django.DjangoModelFactory[Evidence]):
    class Meta:
        model = Evidence

    measure = factory.SubFactory(MeasureFactory)
    stage = 1
    kind = Evidence.Kind.OBSERVATION
    text = "Fand statt"
    date = datetime.date(2025, 5, 1)


class GoalFactory(factory.django.DjangoModelFactory[Goal]):
    class Meta:
        model = Goal

    authority = factory.SubFactory(AuthorityFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    year = 2026
    target = Decimal("100")
