from decimal import Decimal

import factory

from engagiert.registry.tests.factories import AuthorityFactory

from ..models import Indicator, IndicatorValue, IndicatorVersion


class IndicatorFactory(factory.django.DjangoModelFactory[Indicator]):
    """A manual input indicator in euro with its first version (valid from 2020)."""

    class Meta:
        model = Indicator
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"indikator-{n}")
    level = Indicator.Level.INPUT
    source = Indicator.Source.MANUAL
    unit = Indicator.Unit.EURO
    higher_is_better = True

    @factory.post_generation
    def version(obj: Indicator, create: bool, extracted: str | None, **kwargs: object) -> None:
        IndicatorVersion.objects.create(
            indicator=obj,
            number=1,
            valid_from=2020,
            name=extracted or f"Indikator {obj.key}",
            definition="Definition",
            source_name=kwargs.get("source_name", ""),  # type: ignore[arg-type]
        )


class IndicatorValueFactory(factory.django.DjangoModelFactory[IndicatorValue]):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    version = factory.LazyAttribute(lambda o: o.indicator.versions.order_by("number").first())
    authority = factory.SubFactory(AuthorityFactory)
    year = 2025
    value = Decimal("100")
    origin = IndicatorValue.Origin.MANUAL
