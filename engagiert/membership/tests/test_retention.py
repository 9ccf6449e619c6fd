"""Declined and withdrawn applications are deleted MEMBERSHIP_KEEP_DECLINED_DAYS after their
decision; open and admitted ones stay."""

import datetime

import pytest
from django.utils import timezone

from engagiert.core.models import AuditEntry
from engagiert.membership.models import Application
from engagiert.membership.services import applications_decided_delete
from engagiert.membership.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 6, 10, 12, 0))
DAY = datetime.timedelta(days=1)


def test_only_decided_applications_past_the_period_are_deleted(settings):
    settings.MEMBERSHIP_KEEP_DECLINED_DAYS = 180
    line = NOW - DAY * 180
    Status = Application.Status
    due = [
        ApplicationFactory(status=Status.DECLINED, decided_at=line - DAY),
        ApplicationFactory(status=Status.WITHDRAWN, decided_at=line - DAY),
    ]
    kept = [
        ApplicationFactory(status=Status.DECLINED, decided_at=line + DAY),
        ApplicationFactory(status=Status.ADMITTED, decided_at=line - DAY * 300),
        ApplicationFactory(status=Status.SUBMITTED),
    ]

    assert applications_decided_delete(now=NOW) == 2

    assert not Application.objects.filter(pk__in=[a.pk for a in due]).exists()
    assert Application.objects.filter(pk__in=[a.pk for a in kept]).count() == 3
    entry = AuditEntry.objects.get(object_repr="Löschfristen Mitgliedsanträge")
    assert entry.changes == {"applications_deleted": 2}
