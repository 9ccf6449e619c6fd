"""A volunteer withdraws an interest by the personal link; interest that came to nothing
(declined, withdrawn, never confirmed) is deleted by the daily job after the set period."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from engagiert.core.extensions import periodic_jobs
from engagiert.core.models import AuditEntry

from ..models import Interest
from ..retention import interests_closed_delete
from .conftest import member_of, sent
from .factories import InterestFactory, OpportunityFactory

pytestmark = pytest.mark.django_db


def test_the_volunteer_withdraws_and_the_organisation_sees_it_and_may_not_answer_it():
    opportunity = OpportunityFactory(title="Hausaufgabenhilfe")
    interest = InterestFactory(opportunity=opportunity, name="Mira Helfer")
    resident = Client()
    status_page = resident.get(interest.get_absolute_url()).content.decode()
    assert "Interesse zurückziehen" in status_page

    response = resident.post(f"/mitmachen/interesse/{interest.token}/zurueckziehen/")
    assert response["Location"] == interest.get_absolute_url()
    interest.refresh_from_db()
    assert interest.status == Interest.Status.WITHDRAWN
    assert interest.withdrawn_at is not None
    page = resident.get(interest.get_absolute_url()).content.decode()
    assert "Von der interessierten Person zurückgezogen" in page
    assert "Interesse zurückziehen" not in page
    assert any(m.to == [opportunity.contact_email] and "Mira Helfer" in m.body for m in sent())

    provider = Client()
    provider.force_login(member_of(opportunity.provider))
    applicants = provider.get(f"/mitmachen/angebote/{opportunity.pk}/interessierte/")
    assert "Von der interessierten Person zurückgezogen" in applicants.content.decode()
    assert f"/mitmachen/interessierte/{interest.pk}/antwort/" not in applicants.content.decode()
    provider.post(
        f"/mitmachen/interessierte/{interest.pk}/antwort/", {"status": "accepted", "answer": "Ja"}
    )
    interest.refresh_from_db()
    assert interest.status == Interest.Status.WITHDRAWN

    again = resident.post(f"/mitmachen/interesse/{interest.token}/zurueckziehen/", follow=True)
    assert "nicht mehr zurückgezogen" in again.content.decode()


def test_an_unconfirmed_interest_is_withdrawn_without_telling_the_organisation():
    interest = InterestFactory(status=Interest.Status.PENDING)
    Client().post(f"/mitmachen/interesse/{interest.token}/zurueckziehen/")
    interest.refresh_from_db()
    assert interest.status == Interest.Status.WITHDRAWN
    assert not [m for m in sent() if m.to == [interest.opportunity.contact_email]]


def test_a_withdrawn_interest_leaves_the_agencys_lists():
    opportunity = OpportunityFactory()
    InterestFactory(
        opportunity=opportunity, email="weg@example.org", status=Interest.Status.WITHDRAWN
    )
    from engagiert.opportunities import queries

    assert list(queries.unanswered_opportunities(opportunity.authority)) == [opportunity]
    assert queries.volunteers_without_match(opportunity.authority) == []


def _interest(status, days_ago, **fields):
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    interest = InterestFactory(status=status, **fields)
    Interest.objects.filter(pk=interest.pk).update(
        created_at=moment,
        answered_at=moment if status in Interest.ANSWERS else None,
        withdrawn_at=moment if status == Interest.Status.WITHDRAWN else None,
    )
    return interest


def test_the_daily_job_deletes_what_came_to_nothing_after_the_period(settings):
    settings.OPPORTUNITIES_KEEP_DECLINED_DAYS = 30
    old_declined = _interest(Interest.Status.DECLINED, 31, name="Dora Abgelehnt")
    old_withdrawn = _interest(Interest.Status.WITHDRAWN, 31, name="Willi Zurück")
    old_unconfirmed = _interest(Interest.Status.PENDING, 31, name="Ute Unbestätigt")
    never_answered = _interest(Interest.Status.NEW, 31, name="Nina Niegehört")
    stalled = _interest(Interest.Status.IN_CONTACT, 31, name="Ingo Imgespräch")
    young_declined = _interest(Interest.Status.DECLINED, 29)
    young_new = _interest(Interest.Status.NEW, 29)
    old_accepted = _interest(Interest.Status.ACCEPTED, 400)
    # Sent long ago, declined only lately: kept as long after the answer.
    late_answer = _interest(Interest.Status.DECLINED, 60)
    Interest.objects.filter(pk=late_answer.pk).update(
        answered_at=timezone.now() - datetime.timedelta(days=2)
    )

    job = periodic_jobs.get("opportunities.retention")
    assert job is not None
    assert job.every == datetime.timedelta(days=1)
    assert job.run() == 5

    left = set(Interest.objects.values_list("pk", flat=True))
    assert left == {young_declined.pk, young_new.pk, old_accepted.pk, late_answer.pk}
    gone = {old_declined.pk, old_withdrawn.pk, old_unconfirmed.pk, never_answered.pk, stalled.pk}
    assert not gone & left
    entry = AuditEntry.objects.get(object_repr="Löschfristen Interessensbekundungen")
    assert entry.changes == {"interests_deleted": 5}
    assert entry.action == AuditEntry.Action.DELETE
    assert entry.actor_label == "retention"
    text = str(entry.changes) + entry.object_repr + entry.actor_label
    for name in ("Dora", "Willi", "Ute", "Nina", "Ingo"):
        assert name not in text

    assert interests_closed_delete() == 0
    assert AuditEntry.objects.filter(object_repr__startswith="Löschfristen Inter").count() == 1


def test_a_year_after_the_action_its_sign_ups_go_but_confirmed_hours_stay():
    from engagiert.opportunities.retention import retention_run

    from .shift_factories import ShiftFactory, SignupFactory

    long_ago = timezone.now() - datetime.timedelta(days=400)
    old = ShiftFactory(starts_at=long_ago, ends_at=long_ago + datetime.timedelta(hours=3), needed=5)
    gone = SignupFactory(shift=old, name="Gerda Gestern")
    cancelled = SignupFactory(
        shift=old, name="Carl Storno", status="cancelled", email="carl@example.org"
    )
    evidence = SignupFactory(shift=old, name="Hanna Stunden", email="hanna@example.org")
    ShiftSignup = type(gone)
    ShiftSignup.objects.filter(pk=evidence.pk).update(hours=3, hours_confirmed_at=long_ago)
    # The same action goes on: a shift half a year ago keeps all of its sign-ups.
    recent_time = timezone.now() - datetime.timedelta(days=180)
    recent = ShiftFactory(
        task=old.task, starts_at=recent_time, ends_at=recent_time + datetime.timedelta(hours=2)
    )
    SignupFactory(shift=recent)
    assert retention_run() == 0

    ShiftSignup.objects.filter(shift=recent).delete()
    recent.delete()
    assert retention_run() == 2
    assert set(ShiftSignup.objects.values_list("pk", flat=True)) == {evidence.pk}
    assert {gone.pk, cancelled.pk}.isdisjoint(ShiftSignup.objects.values_list("pk", flat=True))
    entry = AuditEntry.objects.get(object_repr="Löschfristen Schichtanmeldungen")
    assert entry.changes == {"signups_deleted": 2}


def test_a_year_after_an_opportunity_ended_its_contact_person_is_erased():
    from engagiert.opportunities.retention import retention_run

    today = timezone.localdate()
    ended = OpportunityFactory(
        ends_on=today - datetime.timedelta(days=400),
        contact_name="Petra Vogel",
        contact_phone="02842 1",
    )
    lately = OpportunityFactory(ends_on=today - datetime.timedelta(days=30))
    running = OpportunityFactory(ends_on=None)

    assert retention_run() == 1
    ended.refresh_from_db()
    assert (ended.contact_email, ended.contact_phone) == ("", "")
    assert "Petra" not in ended.contact_name
    for kept in (lately, running):
        kept.refresh_from_db()
        assert kept.contact_name == "Petra Vogel"
    entry = AuditEntry.objects.get(object_repr__contains="Ansprechpersonen beendeter")
    assert entry.changes == {"contacts_erased": 1}
    assert retention_run() == 0
