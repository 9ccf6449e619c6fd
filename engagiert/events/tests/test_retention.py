"""Accessibility and dietary needs are cleared EVENTS_KEEP_NEEDS_DAYS after the event ends."""

import datetime

import pytest
from django.utils import timezone

from engagiert.core.models import AuditEntry
from engagiert.events import services
from engagiert.events.tests.factories import EventFactory, RegistrationFactory

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
