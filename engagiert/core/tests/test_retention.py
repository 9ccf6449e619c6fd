"""The outbox keeps who got which subject when, but empties a sent mail's text after
OUTBOX_KEEP_BODY_DAYS."""

import datetime

import pytest
from django.utils import timezone

from engagiert.core.models import AuditEntry, OutboundMail
from engagiert.core.outbox import outbox_add, outbox_bodies_empty

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 6, 10, 12, 0))
DAY = datetime.timedelta(days=1)


def _mail(sent_at, status=OutboundMail.Status.SENT) -> OutboundMail:
    message = outbox_add(to_email="a@example.org", subject="Hallo", text="Geheim", html="<p>G</p>")
    OutboundMail.objects.filter(pk=message.pk).update(status=status, sent_at=sent_at)
    return message


def test_sent_texts_are_emptied_after_the_period_only(settings):
    settings.OUTBOX_KEEP_BODY_DAYS = 30
    line = NOW - DAY * 30
    due = _mail(line - DAY)
    recent = _mail(line + DAY)
    queued = _mail(None, OutboundMail.Status.QUEUED)

    assert outbox_bodies_empty(now=NOW) == 1

    rows = OutboundMail.objects.in_bulk()
    assert (rows[due.pk].text, rows[due.pk].html, rows[due.pk].subject) == ("", "", "Hallo")
    assert rows[recent.pk].text == rows[queued.pk].text == "Geheim"
    entry = AuditEntry.objects.get(object_repr="Löschfristen Postausgang")
    assert entry.changes == {"bodies_emptied": 1}
    assert outbox_bodies_empty(now=NOW) == 0
