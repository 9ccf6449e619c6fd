"""Deletion of personal data after the keeping periods, on both sides of each limit."""

import datetime

import pytest
from django.utils import timezone

from engagiert.core.extensions import periodic_jobs
from engagiert.core.models import AuditEntry
from engagiert.registry.tests.factories import AuthorityFactory
from engagiert.volunteercard.models import Application, Card, Engagement
from engagiert.volunteercard.retention import ERASED, personal_data_erase

from .partner_factories import CardFactory, issuer_for, kreis_with_towns

NOW = timezone.make_aware(datetime.datetime(2026, 12, 2, 3, 0))


@pytest.fixture
def issuer(db, settings):
    settings.VOLUNTEERCARD_KEEP_REJECTED_DAYS = 180
    settings.VOLUNTEERCARD_KEEP_EXPIRED_DAYS = 365
    kreis, town = kreis_with_towns("Kreis Coesfeld", ["Dülmen"])
    return issuer_for(kreis, [town])


def _application(issuer, status, decided_days_ago, **fields):
    application = Application.objects.create(
        issuer=issuer,
        status=status,
        first_name="Erika",
        last_name="Mustermann",
        birth_date=datetime.date(1961, 8, 12),
        email="erika@example.org",
        street="Marktstraße 1",
        postcode="48249",
        residence=AuthorityFactory(),
        decided_at=NOW - datetime.timedelta(days=decided_days_ago),
        decision_reason="Stunden nicht erreicht, laut Frau Müller",
        **fields,
    )
    Engagement.objects.create(
        application=application,
        organisation="Sportverein",
        field="sport",
        place=application.residence,
        contact_name="Frau Müller",
        contact_email="mueller@verein.example",
        hours_per_week=4,
        since=datetime.date(2015, 1, 1),
    )
    return application


def test_rejected_and_withdrawn_applications_are_erased_after_the_period(issuer):
    old = _application(issuer, Application.Status.REJECTED, 181)
    withdrawn = _application(issuer, Application.Status.WITHDRAWN, 181)
    recent = _application(issuer, Application.Status.REJECTED, 179)
    approved = _application(issuer, Application.Status.APPROVED, 400)

    result = personal_data_erase(now=NOW)

    assert result.applications == 2
    old.refresh_from_db()
    assert (old.first_name, old.last_name, old.street, old.decision_reason) == (
        ERASED,
        ERASED,
        "",
        "",
    )
    assert "@" in old.email
    assert "erika" not in old.email
    assert old.birth_date == datetime.date(1961, 1, 1)  # the year stays for the statistics
    assert old.personal_data_erased_at == NOW
    assert old.engagements.get().contact_email != "mueller@verein.example"
    withdrawn.refresh_from_db()
    assert withdrawn.personal_data_erased_at == NOW
    for kept in (recent, approved):
        kept.refresh_from_db()
        assert (kept.first_name, kept.personal_data_erased_at) == ("Erika", None)


def test_ended_cards_are_erased_after_the_period_with_their_application(issuer):
    today = timezone.localdate(NOW)
    expired = CardFactory(
        issuer=issuer,
        valid_until=today - datetime.timedelta(days=366),
        birth_year=1961,
        field="sport",
    )
    application = _application(issuer, Application.Status.APPROVED, 1000)
    Card.objects.filter(pk=expired.pk).update(application=application)
    just_kept = CardFactory(issuer=issuer, valid_until=today - datetime.timedelta(days=365))
    revoked = CardFactory(issuer=issuer, revoked_at=NOW - datetime.timedelta(days=366))
    recently_revoked = CardFactory(issuer=issuer, revoked_at=NOW - datetime.timedelta(days=364))
    jubilee = CardFactory(issuer=issuer, kind="jubilee", valid_until=None)

    result = personal_data_erase(now=NOW)

    assert result.cards == 2
    expired.refresh_from_db()
    assert (expired.first_name, expired.last_name, expired.email) == (ERASED, ERASED, "")
    assert (expired.birth_year, expired.field, expired.valid_until) == (
        1961,
        "sport",
        today - datetime.timedelta(days=366),
    )
    application.refresh_from_db()
    assert application.personal_data_erased_at == NOW
    assert application.street == ""
    revoked.refresh_from_db()
    assert revoked.personal_data_erased_at == NOW
    for kept in (just_kept, recently_revoked, jubilee):
        kept.refresh_from_db()
        assert kept.personal_data_erased_at is None
        assert kept.first_name != ERASED


def test_retention_is_audited_once_and_a_second_run_does_nothing(issuer):
    _application(issuer, Application.Status.REJECTED, 200)

    personal_data_erase(now=NOW)
    second = personal_data_erase(now=NOW)

    assert (second.applications, second.cards) == (0, 0)
    entry = AuditEntry.objects.get(object_repr="Löschfristen Ehrenamtskarte")
    assert entry.changes == {"applications_erased": 1, "cards_erased": 0}


def test_the_keeping_periods_follow_the_settings(issuer, settings):
    settings.VOLUNTEERCARD_KEEP_REJECTED_DAYS = 30
    _application(issuer, Application.Status.REJECTED, 31)

    assert personal_data_erase(now=NOW).applications == 1


def test_retention_runs_daily_as_a_periodic_job(issuer):
    job = periodic_jobs.get("volunteercard.retention")
    _application(issuer, Application.Status.REJECTED, 10_000)

    assert job.every == datetime.timedelta(days=1)
    job.run()
    assert Application.objects.get().personal_data_erased_at is not None
    assert (
        AuditEntry.objects.get(object_repr="Löschfristen Ehrenamtskarte").actor_label
        == "volunteercard_retention"
    )
