"""Accessibility and dietary needs are cleared EVENTS_KEEP_NEEDS_DAYS after the event ends."""

import datetime

import pytest
from django.utils import timezone

from engagiert.core.extensions import DataSubject
from engagiert.core.models import AuditEntry
from engagiert.events import services
from engagiert.events.tests.factories import EventFactory, RegistrationFactory
from engagiert.legal.queries import consent_active
from engagiert.legal.services import consent_give

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 6, 10, 12, 0))


def test_needs_are_cleared_exactly_when_the_period_has_passed(settings):
    settings.EVENTS_KEEP_NEEDS_DAYS = 7
    line = NOW - datetime.timedelta(days=7)
    due = RegistrationFactory(
        event=EventFactory(
            starts_at=line - datetime.timedelta(2), ends_at=line - datetime.timedelta(1)
        ),
        needs="Rollstuhlgerechter Platz",
    )
    kept = RegistrationFactory(
        event=EventFactory(
            starts_at=line - datetime.timedelta(hours=3), ends_at=line + datetime.timedelta(1)
        ),
        needs="vegan",
    )

    assert services.registration_needs_purge(now=NOW) == 1

    due.refresh_from_db()
    kept.refresh_from_db()
    assert (due.needs, kept.needs) == ("", "vegan")
    entry = AuditEntry.objects.get(object_repr="Löschfristen Veranstaltungen")
    assert entry.changes == {"needs_erased": 1}
    assert services.registration_needs_purge(now=NOW) == 0


def test_purging_the_needs_ends_the_needs_consent_with_a_reason(settings):
    settings.EVENTS_KEEP_NEEDS_DAYS = 7
    past = EventFactory(
        starts_at=NOW - datetime.timedelta(days=10), ends_at=NOW - datetime.timedelta(days=9)
    )
    registration = RegistrationFactory(event=past, needs="Gebärdensprache")
    person = DataSubject(user=registration.user, email=registration.email)
    consent = consent_give(
        person=person,
        purpose=services.NEEDS_PURPOSE,
        source="events.registration",
        reference=str(registration.pk),
    )
    listed = consent_give(
        person=person,
        purpose=services.LIST_PURPOSE,
        source="events.registration",
        reference=str(registration.pk),
    )

    services.registration_needs_purge(now=NOW)

    consent.refresh_from_db()
    listed.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert consent.end_reason == "The needs were deleted after the event."
    assert listed.withdrawn_at is None
    assert not consent_active(person, services.NEEDS_PURPOSE, str(registration.pk))
