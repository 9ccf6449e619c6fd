import datetime
from decimal import Decimal

import factory

from engagiert.registry.models import Authority
from engagiert.registry.tests.factories import AuthorityFactory
from engagiert.volunteercard.models import Application, Engagement, Issuer, LocalRule


class IssuerFactory(factory.django.DjangoModelFactory[Issuer]):
    class Meta:
        model = Issuer

    authority = factory.SubFactory(AuthorityFactory)
    participating_since = datetime.date(2012, 5, 1)
    contact_email = factory.Sequence(lambda n: f"ehrenamtskarte{n}@kommune.example")


def covering(issuer: Issuer, *authorities: Authority) -> Issuer:
    for authority in authorities or (issuer.authority,):
        issuer.area.create(authority=authority)
    return issuer


class LocalRuleFactory(factory.django.DjangoModelFactory[LocalRule]):
    class Meta:
        model = LocalRule

    issuer = factory.SubFactory(IssuerFactory)
    valid_from = datetime.date(2008, 1, 1)
    min_age = 16
    min_years_engaged = 1
    requires_local_link = True


class ApplicationFactory(factory.django.DjangoModelFactory[Application]):
    class Meta:
        model = Application

    issuer = factory.SubFactory(IssuerFactory)
    residence = factory.LazyAttribute(lambda o: o.issuer.authority)
    first_name = "Jana"
    last_name = factory.Sequence(lambda n: f"Schmitz{n}")
    birth_date = datetime.date(1990, 3, 14)
    email = factory.Sequence(lambda n: f"jana{n}@example.org")
    status = Application.Status.IN_REVIEW
    submitted_on = datetime.date(2026, 2, 2)


class EngagementFactory(factory.django.DjangoModelFactory[Engagement]):
    class Meta:
        model = Engagement

    application = factory.SubFactory(ApplicationFactory)
    organisation = factory.Sequence(lambda n: f"Sportverein {n} e.V.")
    field = Engagement.Field.SPORT
    place = factory.LazyAttribute(lambda o: o.application.residence)
    contact_name = "Uwe Trainer"
    contact_email = factory.Sequence(lambda n: f"vorstand{n}@verein.example")
    hours_per_week = Decimal("4.0")
    since = datetime.date(2015, 1, 1)
    confirmation = Engagement.Confirmation.CONFIRMED
