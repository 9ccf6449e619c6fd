"""Factories of the partners, statistics and import tests: issuers with their area, cards,
benefit partners with a location, benefits."""

import datetime
from decimal import Decimal

import factory

from engagiert.registry.models import Authority
from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory
from engagiert.volunteercard.models import Benefit, BenefitPartner, Issuer, PartnerLocation

from . import card_factories
from .factories import IssuerFactory, covering


def kreis_with_towns(name: str, towns: list[str], population: int = 20_000) -> list[Authority]:
    """A Kreis and its kreisangehörige Gemeinden (same coordinates as the factory's default)."""
    kreis = AuthorityFactory(
        name=name, kind=Authority.Kind.DISTRICT, population=population * len(towns)
    )
    return [kreis] + [
        AuthorityFactory(
            name=town,
            kind=Authority.Kind.TOWN,
            parent=kreis,
            district=kreis,
            population=population,
            latitude=Decimal("51.9") + Decimal(index) / 10,
            longitude=Decimal("7.9") + Decimal(index) / 10,
        )
        for index, town in enumerate(towns)
    ]


def issuer_for(kreis: Authority, towns: list[Authority], **fields: object) -> Issuer:
    """A Kreis that issues cards for its Gemeinden."""
    defaults = {"participating_since": datetime.date(2010, 1, 1), "contact_email": ""}
    return covering(IssuerFactory(authority=kreis, **(defaults | fields)), *towns)


class CardFactory(card_factories.CardFactory):
    """A card of a given issuer, valid through 2026, with a generated German name."""

    issuer = None
    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    birth_year = 1980
    valid_from = datetime.date(2025, 1, 1)
    valid_until = datetime.date(2026, 12, 31)


class PartnerFactory(factory.django.DjangoModelFactory[BenefitPartner]):
    class Meta:
        model = BenefitPartner

    organisation = factory.SubFactory(OrganisationFactory)
    contact_name = "Petra Kasse"
    contact_email = factory.Sequence(lambda n: f"partner{n}@example.org")
    status = BenefitPartner.Status.APPROVED


class LocationFactory(factory.django.DjangoModelFactory[PartnerLocation]):
    class Meta:
        model = PartnerLocation

    partner = factory.SubFactory(PartnerFactory)
    name = factory.Sequence(lambda n: f"Filiale {n}")
    authority = factory.SubFactory(AuthorityFactory)
    latitude = factory.LazyAttribute(lambda o: o.authority.latitude)
    longitude = factory.LazyAttribute(lambda o: o.authority.longitude)


class BenefitFactory(factory.django.DjangoModelFactory[Benefit]):
    class Meta:
        model = Benefit
        skip_postgeneration_save = True

    partner = factory.SubFactory(PartnerFactory)
    title = factory.Sequence(lambda n: f"Ermäßigter Eintritt {n}")
    category = Benefit.Category.CULTURE
    kind = Benefit.Kind.PERCENT
    percent = 20

    @factory.post_generation
    def at(self, create: bool, locations: list[PartnerLocation] | None, **kwargs: object) -> None:
        if create:
            self.locations.set(locations or [LocationFactory(partner=self.partner)])
