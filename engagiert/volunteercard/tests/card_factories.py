"""Factories of the card's side: applications ready for a card, cards. Issuers and
engagements are the ones of `factories`."""

import datetime

import factory
from django.utils import timezone

from engagiert.volunteercard.models import Application, Card, Engagement

from .factories import ApplicationFactory, EngagementFactory, IssuerFactory

#: The issuer of the card tests (the browser tests import it under this name).
CardIssuerFactory = IssuerFactory


class ApprovedApplicationFactory(ApplicationFactory):
    class Meta:
        model = Application
        skip_postgeneration_save = True

    status = Application.Status.APPROVED
    first_name = "Zoë"
    last_name = "Ørsted"
    birth_date = datetime.date(1990, 5, 17)
    email = factory.Sequence(lambda n: f"inhaberin{n}@example.org")
    engagement = factory.RelatedFactory(EngagementFactory, "application")


class CardFactory(factory.django.DjangoModelFactory[Card]):
    class Meta:
        model = Card

    issuer = factory.SubFactory(IssuerFactory)
    first_name = "Zoë"
    last_name = "Ørsted"
    email = factory.Sequence(lambda n: f"karte{n}@example.org")
    birth_year = 1990
    field = Engagement.Field.SPORT
    valid_from = factory.LazyFunction(timezone.localdate)
    valid_until = factory.LazyAttribute(lambda o: o.valid_from + datetime.timedelta(days=730))
    issued_at = factory.LazyFunction(timezone.now)
