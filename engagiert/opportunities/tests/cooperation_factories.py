"""Factories for corporate volunteering and the cooperation registry (and the providers they
need; the registration flow of providers is built elsewhere)."""

import datetime

import factory

from engagiert.opportunities.models import (
    Cooperation,
    CorporateKind,
    CorporateMatch,
    CorporateNeed,
    CorporateOffer,
)
from engagiert.registry.models import Organisation
from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory

from .factories import ProviderFactory

SOON = datetime.date.today() + datetime.timedelta(days=30)


class BusinessFactory(ProviderFactory):
    organisation = factory.SubFactory(
        OrganisationFactory,
        name=factory.Sequence(lambda n: f"Musterbetrieb {n} GmbH"),
        kind=Organisation.Kind.BUSINESS,
    )


class OfferFactory(factory.django.DjangoModelFactory[CorporateOffer]):
    class Meta:
        model = CorporateOffer

    provider = factory.SubFactory(BusinessFactory)
    kind = CorporateKind.TEAM_DAY
    title = factory.Sequence(lambda n: f"Social Day {n}")
    description = "Ein Team packt einen Tag lang mit an."
    team_size = 10
    available_from = factory.LazyFunction(datetime.date.today)
    available_until = SOON + datetime.timedelta(days=60)
    authority = factory.LazyAttribute(lambda o: o.provider.authority)
    radius_km = 20


class NeedFactory(factory.django.DjangoModelFactory[CorporateNeed]):
    class Meta:
        model = CorporateNeed

    provider = factory.SubFactory(ProviderFactory)
    kind = CorporateKind.TEAM_DAY
    title = factory.Sequence(lambda n: f"Gartenaktion {n}")
    description = "Der Vereinsgarten braucht einen neuen Zaun."
    date_from = SOON
    date_until = SOON
    people = 8
    authority = factory.LazyAttribute(lambda o: o.provider.authority)


class MatchFactory(factory.django.DjangoModelFactory[CorporateMatch]):
    class Meta:
        model = CorporateMatch

    offer = factory.SubFactory(OfferFactory)
    need = factory.SubFactory(NeedFactory)
    proposed_by = CorporateMatch.Side.BUSINESS
    message = "Wir würden gern helfen."


class CooperationFactory(factory.django.DjangoModelFactory[Cooperation]):
    class Meta:
        model = Cooperation

    authority = factory.SubFactory(AuthorityFactory)
    name = factory.Sequence(lambda n: f"Netzwerk {n}")
    kind = Cooperation.Kind.MULTI
    sectors = "administration business civil_society"
    purpose = "Unternehmen und Vereine vor Ort zusammenbringen."
    success_factors = "shared_goals regular_meetings"
    contact_name = "Erika Muster"
    contact_email = "netzwerk@example.org"
