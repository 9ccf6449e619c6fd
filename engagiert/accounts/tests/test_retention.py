"""Unused accounts: warned after ACCOUNTS_INACTIVE_WARN_MONTHS, deleted
ACCOUNTS_INACTIVE_DELETE_DAYS after the warning if still unused; the office is never touched;
counted in the audit log."""

import datetime

import pytest
from django.utils import timezone

from engagiert.accounts.models import Role, User
from engagiert.accounts.retention import inactive_accounts_retire
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.models import AuditEntry, OutboundMail

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 6, 1, 3, 0))
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _periods(settings):
    settings.ACCOUNTS_INACTIVE_WARN_MONTHS = 24
    settings.ACCOUNTS_INACTIVE_DELETE_DAYS = 60


def _idle(email: str, last_login: datetime.datetime, **fields) -> User:
    return UserFactory(email=email, last_login=last_login, **fields)


def test_warning_comes_at_the_boundary_and_precedes_deletion():
    warn_line = NOW - datetime.timedelta(days=731)  # 24 months
    due = _idle("faellig@example.org", warn_line - DAY)
    _idle("knapp@example.org", warn_line + DAY)
    office = _idle("buero@example.org", warn_line - DAY * 400)
    role_grant(user=office, role=Role.OFFICE)

    first = inactive_accounts_retire(now=NOW)

    assert (first.warned, first.deleted) == (1, 0)
    assert list(OutboundMail.objects.values_list("to_email", flat=True)) == [due.email]
    assert "31.07.2026" in OutboundMail.objects.get().text
    # A day before the grace period ends: still there; after it: deleted.
    assert inactive_accounts_retire(now=NOW + DAY * 59).deleted == 0
    assert User.objects.filter(pk=due.pk).exists()
    assert inactive_accounts_retire(now=NOW + DAY * 61).deleted == 1
    assert not User.objects.filter(pk=due.pk).exists()
    assert User.objects.filter(pk=office.pk).exists()


def test_a_login_after_the_warning_keeps_the_account():
    user = _idle("zurueck@example.org", NOW - DAY * 800)
    inactive_accounts_retire(now=NOW)
    User.objects.filter(pk=user.pk).update(last_login=NOW + DAY)

    result = inactive_accounts_retire(now=NOW + DAY * 61)

    assert (result.warned, result.deleted) == (0, 0)
    assert User.objects.filter(pk=user.pk).exists()


def test_the_audit_log_counts_without_names():
    user = _idle("anna.beispiel@example.org", NOW - DAY * 800, first_name="Anna")
    before = AuditEntry.objects.latest("pk").pk
    inactive_accounts_retire(now=NOW)
    inactive_accounts_retire(now=NOW + DAY * 61)

    summaries = AuditEntry.objects.filter(object_repr="Löschfristen Konten")
    assert [entry.changes for entry in summaries.order_by("pk")] == [
        {"accounts_warned": 1, "accounts_deleted": 0},
        {"accounts_warned": 0, "accounts_deleted": 1},
    ]
    written = AuditEntry.objects.filter(pk__gt=before)
    logged = " ".join(f"{e.object_repr} {e.changes}" for e in written)
    assert "Anna" not in logged
    assert "anna.beispiel" not in logged
    assert not User.objects.filter(pk=user.pk).exists()
