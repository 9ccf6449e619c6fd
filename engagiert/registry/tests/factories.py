from decimal import Decimal

import factory

from engagiert.core.text import search_key
from engagiert.registry.models import Authority, Organisation, Topic


class AuthorityFactory(factory.django.DjangoModelFactory[Authority]):
    """A kreisfreie Stadt under its own Regierungsbezirk, unless told otherwise."""

    class Meta:
        model = Authority
        django_get_or_create = ("ags",)

    ags = factory.Sequence(lambda n: f"05{900 + n % 100:03d}{n // 100:03d}")
    name = factory.Sequence(lambda n: f"Musterstadt {n}")
    kind = Authority.Kind.INDEPENDENT_CITY
    population = 50_000
    area_km2 = Decimal("100.00")
    latitude = Decimal("51.5")
    longitude = Decimal("7.5")
    search_key = factory.LazyAttribute(lambda o: search_key(o.name))


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Verein {n} e.V.")
    kind = Organisation.Kind.ASSOCIATION


class TopicFactory(factory.django.DjangoModelFactory[Topic]):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")
