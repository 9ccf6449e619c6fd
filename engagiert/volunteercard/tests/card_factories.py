"""Factories of the card's side: issuers, applications ready for a card, cards."""

import datetime

import factory
from django.utils import timezone

from engagiert.registry.tests.factories import AuthorityFactory
from engagiert.volunteercard.models import Application, Card, Engagement, Issuer


class CardIssuerFactory(factory.django.DjangoModelFactory[Issuer]):
    class Meta:
        model = Issuer

    authority = factory.SubFactory(AuthorityFactory)
    participating_since = datetime.date(2008, 1, 1)
    validity_years = 2


class ApprovedApplicationFactory(factory.django.DjangoModelFactory[Application]):
    class Meta:
        model = Application
        skip_postgeneration_save = True

    issuer = factory.SubFactory(CardIssuerFactory)
    status = Application.Status.APPROVED
    first_name = "Zoë"
    last_name = "Ørsted"
    birth_date = datetime.date(1990, 5, 17)
    email = factory.Sequence(lambda n: f"inhaberin{n}@example.org")
    residence = factory.SelfAttribute("issuer.authority")
    engagement = factory.RelatedFactory(
        "engagiert.volunteercard.tests.card_factories.EngagementFactory", "application"
    )


class EngagementFactory(factory.django.DjangoModelFactory[Engagement]):
    class Meta:
        model = Engagement

    application = factory.SubFactory(ApprovedApplicationFactory, engagement=None)
    organisation = "Sportverein Ahausen 1920 e.V."
    field = Engagement.Field.SPORT
    place = factory.SelfAttribute("application.issuer.authority")
    contact_name = "Petra Vorstand"
    contact_email = "vorstand@example.org"
    hours_per_week = 5
    since = datetime.date(2015, 3, 1)
    confirmation = Engagement.Confirmation.CONFIRMED


class CardFactory(factory.django.DjangoModelFactory[Card]):
    class Meta:
        model = Card

    issuer = factory.SubFactory(CardIssuerFactory)
    first_name = "Zoë"
    last_name = "Ørsted"
    email = factory.Sequence(lambda n: f"karte{n}@example.org")
    birth_year = 1990
    field = Engagement.Field.SPORT
    valid_from = factory.LazyFunction(timezone.localdate)
    valid_until = factory.LazyAttribute(lambda o: o.valid_from + datetime.timedelta(days=730))
    issued_at = factory.LazyFunction(timezone.now)
