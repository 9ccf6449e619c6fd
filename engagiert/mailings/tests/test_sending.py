"""Info-mails through a real SMTP server: the mail itself, »nothing lost, nothing twice«,
unsubscribing, the test copy, the digest and scheduled sending."""

import datetime
import re
import time
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import F
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.audiences.models import Segment
from engagiert.audiences.tests.factories import SegmentFactory
from engagiert.core import extensions, outbox
from engagiert.core.extensions import NewsItem, NewsProvider, Registry, news_providers
from engagiert.core.models import OutboundMail
from engagiert.core.outbox import (
    LEASE,
    MAX_ATTEMPTS,
    DispatchResult,
    batch_progress,
    outbox_add,
    outbox_add_many,
)
from engagiert.core.outbox import outbox_dispatch as dispatch
from engagiert.core.testing import run_at_once
from engagiert.events.models import Event
from engagiert.events.tests.factories import EventFactory
from engagiert.mailings import digest, queries
from engagiert.mailings.digest import digest_send, news_since, providers
from engagiert.mailings.models import NotificationPreference, Unsubscription
from engagiert.mailings.services import mailing_release, mailing_send_test
from engagiert.membership.tests.factories import ContactPersonFactory, MembershipFactory
from engagiert.registry.tests.factories import AuthorityFactory

from .factories import MailingFactory

Status = OutboundMail.Status
SITE_URL = "https://engagiert.example"
SUBJECT = "Frühjahrstreffen in Köln – Anmeldung läuft"
PEOPLE = [
    ("Jürgen Groß", "juergen.gross@kommune.example"),
    ("Änne Weiß-Müller", "aenne.weiss@kommune.example"),
    ("Özlem Yılmaz", "oezlem.yilmaz@kommune.example"),
    ("Zoë Straßburger", "zoe.strassburger@kommune.example"),
]
UNSUBSCRIBE = re.compile(r"^<(https://engagiert\.example/infomail/abmelden/[^/>\s]+/)>$")


def _members(people, **authority):
    """One member authority per person, with the person as its contact."""
    for name, address in people:
        membership = MembershipFactory(authority=AuthorityFactory(**authority))
        ContactPersonFactory(authority=membership.authority, name=name, email=address)
    return [address for _name, address in people]


def _numbered(count):
    return [(f"Kontakt Nr. {n}", f"kontakt{n:03d}@kommune.example") for n in range(count)]


def _make_due():
    """Time moves on: every pause of a waiting message is over."""
    past = timezone.now() - datetime.timedelta(seconds=1)
    return OutboundMail.objects.filter(status=Status.QUEUED).update(next_attempt_at=past)


def _statuses(mailing):
    return Counter(
        OutboundMail.objects.filter(batch=mailing.batch).values_list("status", flat=True)
    )


def _header(message, name):
    """A header's decoded value. (A value folded onto the next line as a whole keeps the
    folding space in Python's parser; mail programs drop it.)"""
    return str(message[name]).strip()


def _unsubscribe_path(message):
    """The path of the List-Unsubscribe URL of a received or of a queued message."""
    if isinstance(message, OutboundMail):
        value = message.headers["List-Unsubscribe"]
    else:
        value = _header(message, "List-Unsubscribe")
    match = UNSUBSCRIBE.match(value)
    assert match, value
    return match.group(1).removeprefix(SITE_URL)


# The mail itself -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_outbox_dispatch_sends_each_recipient_one_multipart_mail_with_unsubscribe_headers(
    mailbox, office_user
):
    addresses = _members(PEOPLE)
    mailing = MailingFactory(subject=SUBJECT, created_by=office_user)
    mailing_release(mailing=mailing, user=office_user)

    result = dispatch()

    assert (result.sent, result.retried, result.failed) == (4, 0, 0)
    assert not result.server_unreachable
    assert mailbox.received() == dict.fromkeys(addresses, 1)
    assert len(mailbox.messages) == 4
    assert len({message["Message-ID"] for message in mailbox.messages}) == 4
    for name, address in PEOPLE:
        message = mailbox.message_to(address)
        assert _header(message, "Subject") == SUBJECT
        assert message["To"].addresses[0].display_name == name
        assert message["From"].addresses[0].addr_spec == "netzwerk@engagiert.example"
        assert message.get_content_type() == "multipart/alternative"
        plain, html = message.iter_parts()
        assert (plain.get_content_type(), html.get_content_type()) == ("text/plain", "text/html")
        assert plain.get_content_charset() == html.get_content_charset() == "utf-8"
        text, markup = plain.get_content(), html.get_content()
        assert name in text
        assert name in markup
        assert "das Frühjahrstreffen findet in Köln statt." in text
        assert "**" not in text
        assert "<strong>Frühjahrstreffen</strong>" in markup
        assert "<li>Anmeldung bis Ende März</li>" in markup
        assert _header(message, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
        path = _unsubscribe_path(message)
        assert SITE_URL + path in text
        assert f'href="{SITE_URL}{path}"' in markup
        assert f"{SITE_URL}/infomail/{mailing.pk}/" in text
        assert re.fullmatch(r"<outbox-\d+@engagiert\.example>", message["Message-ID"])
    assert _statuses(mailing) == {Status.SENT: 4}
    assert batch_progress(mailing.batch) == {
        "queued": 0,
        "sending": 0,
        "sent": 4,
        "failed": 0,
        "total": 4,
    }
    assert dispatch().sent == 0
    assert len(mailbox.messages) == 4


@pytest.mark.django_db
def test_unsubscribe_link_from_the_mail_works_without_login(client, mailbox, office_user):
    _members(PEOPLE[:1])
    mailing_release(mailing=MailingFactory(subject=SUBJECT), user=office_user)
    dispatch()
    path = _unsubscribe_path(mailbox.messages[0])

    page = client.get(path)

    assert page.status_code == 200
    text = page.content.decode()
    assert "Von den Infomails abmelden" in text
    assert (
        "Möchten Sie, dass juergen.gross@kommune.example keine Infomails des Netzwerks mehr "
        "erhält?" in text
    )
    assert not Unsubscription.objects.exists()

    done = Client(enforce_csrf_checks=True).post(path)

    assert done.status_code == 200
    text = done.content.decode()
    assert "Sie sind abgemeldet" in text
    assert "juergen.gross@kommune.example erhält keine Infomails des Netzwerks mehr." in text
    assert Unsubscription.objects.get().email == "juergen.gross@kommune.example"


@pytest.mark.django_db
def test_outbox_dispatch_sends_to_a_name_written_surname_first(mailbox, office_user):
    _members([("Groß, Jürgen", "gross@kommune.example"), ("Änne Weiß", "weiss@kommune.example")])
    mailing_release(mailing=MailingFactory(subject=SUBJECT), user=office_user)

    result = dispatch()

    assert result.sent == 2
    assert mailbox.message_to("gross@kommune.example")["To"].addresses[0].display_name == (
        "Groß, Jürgen"
    )


# Nothing lost, nothing twice -----------------------------------------------------------------


@pytest.mark.django_db
def test_outbox_dispatch_resumes_after_the_server_went_away_and_sends_each_once(
    smtp_server, mailbox, office_user
):
    addresses = _members(_numbered(10))
    mailing = MailingFactory(subject=SUBJECT)
    mailing_release(mailing=mailing, user=office_user)
    mailbox.stop_after = 6  # the server goes away while the 7th message is transferred

    before = timezone.now()
    result = dispatch(batch_size=4)
    smtp_server.wait_stopped()

    assert (result.sent, result.retried, result.failed) == (6, 2, 0)
    assert result.server_unreachable
    assert len(mailbox.messages) == 6
    assert _statuses(mailing) == {Status.SENT: 6, Status.QUEUED: 4}
    waiting = OutboundMail.objects.filter(batch=mailing.batch, status=Status.QUEUED)
    # The two of the interrupted batch wait for the server (no attempt counted against them);
    # two were not claimed yet.
    assert set(waiting.values_list("attempts", flat=True)) == {0}
    interrupted = waiting.exclude(last_error="")
    unclaimed = list(waiting.filter(last_error="").values_list("pk", flat=True))
    assert (interrupted.count(), len(unclaimed)) == (2, 2)
    for message in interrupted:
        assert message.next_attempt_at >= before + datetime.timedelta(minutes=1)
        assert message.last_error.startswith("SMTPServerDisconnected")
        assert message.claimed_at is None
    assert batch_progress(mailing.batch)["sent"] == 6

    still_away = dispatch()

    assert still_away.server_unreachable
    assert (still_away.sent, still_away.retried, still_away.failed) == (0, 2, 0)
    assert list(waiting.values_list("attempts", flat=True)) == [0, 0, 0, 0]  # outage: no attempt
    assert all(m.next_attempt_at > timezone.now() for m in waiting)
    for message in OutboundMail.objects.filter(pk__in=unclaimed):
        assert message.last_error.startswith("ConnectionRefusedError")
    assert dispatch().sent == 0  # nothing is due before the pause is over

    smtp_server.start()
    _make_due()
    back = dispatch()

    assert (back.sent, back.retried, back.failed) == (4, 0, 0)
    assert not back.server_unreachable
    assert mailbox.received() == dict.fromkeys(addresses, 1)
    assert len(mailbox.messages) == 10
    assert len({message["Message-ID"] for message in mailbox.messages}) == 10
    assert _statuses(mailing) == {Status.SENT: 10}


@pytest.mark.django_db
def test_outbox_dispatch_loses_nothing_when_the_server_is_away_for_hours(
    smtp_server, mailbox, office_user
):
    addresses = _members(_numbered(3))
    mailing = MailingFactory(subject=SUBJECT)
    mailing_release(mailing=mailing, user=office_user)
    smtp_server.stop()

    for _round in range(MAX_ATTEMPTS):
        assert dispatch().server_unreachable
        _make_due()

    assert _statuses(mailing) == {Status.QUEUED: 3}
    smtp_server.start()
    _make_due()
    assert dispatch().sent == 3
    assert mailbox.received() == dict.fromkeys(addresses, 1)


@pytest.mark.django_db
def test_outbox_dispatch_after_a_worker_was_killed_mid_batch_sends_the_rest_once(
    mailbox, office_user, monkeypatch
):
    addresses = _members(_numbered(8))
    mailing = MailingFactory(subject=SUBJECT)
    mailing_release(mailing=mailing, user=office_user)
    real_send = outbox._sendmail
    sent_before_death = []

    def killed_after_three(smtp, *message):
        if len(sent_before_death) == 3:
            raise SystemExit("worker killed")
        sent_before_death.append(message)
        return real_send(smtp, *message)

    monkeypatch.setattr(outbox, "_sendmail", killed_after_three)
    with pytest.raises(SystemExit):
        dispatch(batch_size=5)
    monkeypatch.undo()

    assert len(mailbox.messages) == 3
    assert _statuses(mailing) == {Status.SENT: 3, Status.SENDING: 2, Status.QUEUED: 3}

    # Another worker sends what is queued, but leaves the dead worker's claims alone for now.
    other = dispatch()

    assert (other.released, other.sent) == (0, 3)
    assert _statuses(mailing) == {Status.SENT: 6, Status.SENDING: 2}

    # After the lease the dead worker's messages are queued again and sent.
    OutboundMail.objects.filter(status=Status.SENDING).update(
        claimed_at=F("claimed_at") - LEASE - datetime.timedelta(seconds=1)
    )
    later = dispatch()

    assert (later.released, later.sent, later.failed) == (2, 2, 0)
    assert _statuses(mailing) == {Status.SENT: 8}
    assert mailbox.received() == dict.fromkeys(addresses, 1)
    assert len(mailbox.messages) == 8


@pytest.mark.django_db
def test_outbox_sends_each_message_once_through_refusals_an_outage_and_a_dead_worker(
    smtp_server, mailbox, office_user, monkeypatch
):
    """Only the message in the window between the server's acceptance and the database update
    of a worker that dies there is sent twice: one message, not the worker's batch."""
    addresses = _members(_numbered(24))
    mailbox.refuse[addresses[1]] = "451 4.2.1 Mailbox busy, try again later"
    mailbox.refuse[addresses[20]] = "550 5.1.1 Mailbox unavailable"
    mailing = MailingFactory(subject=SUBJECT)
    mailing_release(mailing=mailing, user=office_user)
    real_send = outbox._sendmail
    accepted = []

    def dies_after_the_fourth_acceptance(smtp, *message):
        answer = real_send(smtp, *message)
        accepted.append(message[1])
        if len(accepted) == 4:
            raise SystemExit("worker killed after the server accepted, before the update")
        return answer

    monkeypatch.setattr(outbox, "_sendmail", dies_after_the_fourth_acceptance)
    with pytest.raises(SystemExit):
        dispatch(batch_size=10)
    monkeypatch.undo()
    in_the_window = accepted[-1]
    # 3 marked sent, 1 refused for now, the fourth accepted but unmarked, 5 claimed unsent.
    assert _statuses(mailing) == {Status.SENT: 3, Status.QUEUED: 15, Status.SENDING: 6}

    mailbox.stop_after = len(mailbox.messages) + 5  # another worker; the server goes away
    away = dispatch(batch_size=10)
    smtp_server.wait_stopped()
    assert away.server_unreachable
    assert away.sent == 5

    smtp_server.start()
    del mailbox.refuse[addresses[1]]
    OutboundMail.objects.filter(status=Status.SENDING).update(
        claimed_at=F("claimed_at") - LEASE - datetime.timedelta(seconds=1)
    )
    for _round in range(MAX_ATTEMPTS):
        _make_due()
        dispatch(batch_size=10)

    received = mailbox.received()
    assert received[in_the_window] == 2
    assert received[addresses[20]] == 0
    assert {address: count for address, count in received.items() if count != 1} == {
        in_the_window: 2
    }
    assert set(received) == set(addresses) - {addresses[20]}
    assert _statuses(mailing) == {Status.SENT: 23, Status.FAILED: 1}


@pytest.mark.django_db
def test_outbox_dispatch_retries_a_refused_address_with_growing_pauses_then_gives_up(
    mailbox, office_user
):
    # The refused address comes last (messages go out in address order), see the next test.
    first, second, refused = _members(_numbered(3))
    mailbox.refuse[refused] = "550 5.1.1 Mailbox unavailable"
    mailing = MailingFactory(subject=SUBJECT)
    mailing_release(mailing=mailing, user=office_user)
    message = OutboundMail.objects.get(to_email=refused)

    pauses = []
    for attempt in range(1, MAX_ATTEMPTS + 1):
        before = timezone.now()
        result = dispatch()
        message.refresh_from_db()
        assert message.attempts == attempt
        assert "550" in message.last_error
        assert "Mailbox unavailable" in message.last_error
        if attempt < MAX_ATTEMPTS:
            assert result.retried == 1
            assert message.status == Status.QUEUED
            pauses.append(round((message.next_attempt_at - before).total_seconds() / 60))
            assert dispatch().retried == 0  # not due before the pause is over
            _make_due()

    assert pauses == [1, 2, 4, 8, 16, 32, 64]
    assert message.status == Status.FAILED
    assert message.last_error.startswith("SMTPRecipientsRefused")
    assert (dispatch().retried, len(mailbox.messages)) == (0, 2)  # failed is not tried again
    assert mailbox.received() == {first: 1, second: 1}
    assert batch_progress(mailing.batch) == {
        "queued": 0,
        "sending": 0,
        "sent": 2,
        "failed": 1,
        "total": 3,
    }


@pytest.mark.django_db
def test_outbox_dispatch_refused_address_does_not_hold_up_the_others(mailbox, office_user):
    refused, *others = _members(_numbered(4))
    mailbox.refuse[refused] = "550 5.1.1 Mailbox unavailable"
    mailing = MailingFactory(subject=SUBJECT)
    mailing_release(mailing=mailing, user=office_user)

    first = dispatch()

    assert (first.sent, first.retried, first.failed) == (3, 1, 0)
    assert not first.server_unreachable
    assert mailbox.received() == dict.fromkeys(others, 1)
    for _round in range(MAX_ATTEMPTS - 1):
        _make_due()
        last = dispatch()
    assert (last.sent, last.retried, last.failed) == (0, 0, 1)
    assert _statuses(mailing) == {Status.SENT: 3, Status.FAILED: 1}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad",
    [
        pytest.param({"to_name": "Jürgen\r\nBcc: opfer@example.org"}, id="name"),
        pytest.param({"subject": "Frage\r\nBcc: opfer@example.org"}, id="subject"),
        pytest.param({"to_email": "kaputt@"}, id="address"),
    ],
)
def test_outbox_dispatch_fails_a_message_that_cannot_be_built_and_sends_the_rest(mailbox, bad):
    good = [f"kontakt{n}@kommune.example" for n in range(3)]
    fields = {"to_email": "kaputt@kommune.example", "subject": SUBJECT, "text": "Hallo"}
    broken = outbox_add(**(fields | bad))
    for address in good:
        outbox_add(to_email=address, subject=SUBJECT, text="Hallo")

    result = dispatch()

    assert (result.sent, result.retried, result.failed) == (3, 0, 1)
    assert mailbox.received() == dict.fromkeys(good, 1)
    broken.refresh_from_db()
    assert broken.status == Status.FAILED
    assert broken.last_error
    assert dispatch() == DispatchResult()


@pytest.mark.django_db
def test_mailing_with_a_broken_contact_name_reaches_everyone_else(mailbox, office_user):
    others = _members(_numbered(3))
    (broken,) = _members([("Jürgen Groß\r\nBcc: opfer@example.org", "jg@kommune.example")])
    mailing = MailingFactory(subject=SUBJECT)
    mailing_release(mailing=mailing, user=office_user)

    result = dispatch()

    assert (result.sent, result.failed) == (3, 1)
    assert mailbox.received() == dict.fromkeys(others, 1)
    failed = OutboundMail.objects.get(status=Status.FAILED)
    assert failed.to_email == broken
    assert "newlines" in failed.last_error
    assert _statuses(mailing) == {Status.SENT: 3, Status.FAILED: 1}


@pytest.mark.django_db
def test_outbox_dispatch_delivers_after_a_temporary_refusal(mailbox, office_user):
    (address,) = _members(PEOPLE[:1])
    mailbox.refuse[address] = "451 4.2.1 Mailbox busy, try again later"
    mailing_release(mailing=MailingFactory(subject=SUBJECT), user=office_user)

    assert dispatch().retried == 1
    del mailbox.refuse[address]
    _make_due()
    result = dispatch()

    assert result.sent == 1
    assert mailbox.received() == {address: 1}
    assert OutboundMail.objects.get().attempts == 1


def test_three_workers_at_once_send_each_recipient_exactly_once(threads_database, mailbox):
    addresses = _members(_numbered(30))
    office = UserFactory(email="buero@example.org")
    mailing = MailingFactory(subject=SUBJECT)
    mailing_release(mailing=mailing, user=office)

    outcomes = run_at_once([lambda: dispatch(batch_size=4)] * 3)

    assert all(isinstance(outcome, DispatchResult) for outcome in outcomes), outcomes
    assert sum(outcome.sent for outcome in outcomes) == 30
    assert not any(outcome.retried or outcome.failed for outcome in outcomes)
    assert mailbox.received() == dict.fromkeys(addresses, 1)
    assert len(mailbox.messages) == 30
    assert _statuses(mailing) == {Status.SENT: 30}


@pytest.fixture
def slow_recording(threads_database):
    """On PostgreSQL, marking a message sent takes 50 ms (a trigger), longer than the next
    message's transfer."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION test_slowly() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN PERFORM pg_sleep(0.05); RETURN NEW; END $$; "
            "CREATE TRIGGER test_slowly BEFORE UPDATE ON core_outboundmail FOR EACH ROW "
            "WHEN (NEW.status = 'sent') EXECUTE FUNCTION test_slowly()"
        )
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP FUNCTION test_slowly() CASCADE")


def test_each_message_is_recorded_as_sent_before_the_next_one_is_accepted(slow_recording, mailbox):
    """The one message a worker dying at the wrong moment could send twice: on PostgreSQL the
    update of one message overlaps the next message's transfer, never its acceptance."""
    _members(_numbered(12))
    mailing = MailingFactory(subject=SUBJECT)
    mailing_release(mailing=mailing, user=UserFactory(email="buero@example.org"))
    recorded_when_accepting = []

    def count_recorded():  # seen from another connection: committed
        recorded_when_accepting.append(OutboundMail.objects.filter(status=Status.SENT).count())
        connection.close()

    mailbox.before_accepting = count_recorded

    assert dispatch(batch_size=5).sent == 12

    assert recorded_when_accepting == list(range(12))


# Releasing -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_mailing_release_twice_is_refused(mailbox, office_user):
    _members(PEOPLE[:2])
    mailing = MailingFactory(subject=SUBJECT)
    mailing_release(mailing=mailing, user=office_user)

    with pytest.raises(ValidationError) as error:
        mailing_release(mailing=mailing, user=office_user)

    assert error.value.messages == ["Diese Infomail wurde bereits versendet."]
    assert OutboundMail.objects.filter(batch=mailing.batch).count() == 2
    dispatch()
    assert len(mailbox.messages) == 2


@pytest.mark.django_db
def test_mailing_release_sends_an_address_reached_twice_only_once(mailbox, office_user):
    """The same person is contact of two members and officer of a third (in capitals)."""
    _members([("Jürgen Groß", "juergen.gross@kommune.example")] * 2)
    third = MembershipFactory().authority
    role_grant(
        user=UserFactory(email="Juergen.Gross@Kommune.example"), role=Role.OFFICER, authority=third
    )
    _members(PEOPLE[1:2])
    mailing = MailingFactory(subject=SUBJECT)

    mailing = mailing_release(mailing=mailing, user=office_user)
    # A second queuing of the same batch (e.g. a retried release job) adds no one.
    again = OutboundMail.objects.filter(batch=mailing.batch).order_by("pk")
    copies = [OutboundMail(**{**m, "id": None}) for m in again.values()]
    outbox_add_many(copies)
    dispatch()

    assert mailing.recipient_count == 2
    assert OutboundMail.objects.filter(batch=mailing.batch).count() == 2
    assert mailbox.received() == {
        "juergen.gross@kommune.example": 1,
        "aenne.weiss@kommune.example": 1,
    }


@pytest.mark.django_db
def test_mailing_release_refuses_a_segment_without_recipients(office_user):
    mailing = MailingFactory(subject=SUBJECT)

    with pytest.raises(ValidationError) as error:
        mailing_release(mailing=mailing, user=office_user)

    assert error.value.messages == [
        "Niemand in dieser Zielgruppe kann die Infomail erhalten: Zu dieser Zielgruppe gehört "
        "derzeit niemand mit E-Mail-Adresse."
    ]
    mailing.refresh_from_db()
    assert mailing.is_draft


# Unsubscribing -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_unsubscribe_drops_waiting_mails_and_every_later_mailing_skips_the_address(
    mailbox, office_user
):
    juergen, aenne, oezlem, zoe = _members(PEOPLE, population=600_000)
    later = timezone.now() + datetime.timedelta(hours=2)
    scheduled = MailingFactory(subject=SUBJECT)
    mailing_release(mailing=scheduled, user=office_user, send_at=later)
    waiting = OutboundMail.objects.filter(batch=scheduled.batch)
    browser = Client(enforce_csrf_checks=True)
    mail_program = Client(enforce_csrf_checks=True)

    confirm = browser.get(_unsubscribe_path(waiting.get(to_email=juergen)))
    clicked = browser.post(_unsubscribe_path(waiting.get(to_email=juergen)))
    one_click = mail_program.post(
        _unsubscribe_path(waiting.get(to_email=aenne)),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert confirm.status_code == clicked.status_code == one_click.status_code == 200
    assert 'method="post"' in confirm.content.decode()
    assert "Sie sind abgemeldet" in clicked.content.decode()
    assert "Sie sind abgemeldet" in one_click.content.decode()
    assert set(Unsubscription.objects.values_list("email", flat=True)) == {juergen, aenne}
    assert set(waiting.values_list("to_email", flat=True)) == {oezlem, zoe}
    assert batch_progress(scheduled.batch)["total"] == 2

    big_cities = SegmentFactory(
        name="Große Städte", kind=Segment.Kind.BIG_CITIES, min_population=500_000
    )
    for segment in (scheduled.segment, big_cities):
        mailing = MailingFactory(subject=f"An {segment.name}", segment=segment)
        assert mailing_release(mailing=mailing, user=office_user).recipient_count == 2
    _make_due()
    dispatch()

    assert mailbox.received() == {oezlem: 3, zoe: 3}


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_unsubscribe_view_refuses_a_tampered_link(client, office_user, method):
    (address,) = _members(PEOPLE[:1])
    mailing_release(mailing=MailingFactory(subject=SUBJECT), user=office_user)
    path = _unsubscribe_path(OutboundMail.objects.get())
    token = path.rstrip("/").rsplit("/", 1)[1]
    forged = path.replace(token, token[:-1] + ("A" if token[-1] != "A" else "B"))

    response = getattr(client, method)(forged)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Dieser Link ist ungültig" in page
    assert "Bitte verwenden Sie den Abmeldelink aus einer Infomail unverändert." in page
    assert address not in page
    assert not Unsubscription.objects.exists()
    assert OutboundMail.objects.get().status == Status.QUEUED


# The test copy -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_mailing_send_test_goes_only_to_the_writer(mailbox, office_user):
    _members(PEOPLE)
    office_user.first_name, office_user.last_name = "Käthe", "Büro-Schäfer"
    office_user.save()
    mailing = MailingFactory(subject=SUBJECT, created_by=office_user)

    mailing_send_test(mailing=mailing, user=office_user)
    dispatch()

    assert mailbox.received() == {"buero@example.org": 1}
    message = mailbox.messages[0]
    assert _header(message, "Subject") == f"[Test] {SUBJECT}"
    assert message["To"].addresses[0].display_name == "Käthe Büro-Schäfer"
    assert message.get_content_type() == "multipart/alternative"
    assert "<strong>Frühjahrstreffen</strong>" in message.get_body(("html",)).get_content()
    mailing.refresh_from_db()
    assert mailing.is_draft
    assert not OutboundMail.objects.filter(batch=mailing.batch).exists()


# Scheduled sending ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_scheduled_mailing_is_not_sent_before_its_time(
    mailbox, office_user, django_capture_on_commit_callbacks
):
    addresses = _members(PEOPLE[:2])
    far = MailingFactory(subject="Erst übermorgen")
    soon = MailingFactory(subject=SUBJECT)
    in_two_days = timezone.now() + datetime.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        mailing_release(mailing=far, user=office_user, send_at=in_two_days)
    in_a_moment = timezone.now() + datetime.timedelta(seconds=1)
    mailing_release(mailing=soon, user=office_user, send_at=in_a_moment)

    assert dispatch().sent == 0
    assert mailbox.messages == []
    assert list(queries.archive()) == []
    assert {m.next_attempt_at for m in OutboundMail.objects.filter(batch=far.batch)} == {
        in_two_days
    }
    # The worker is asked to come back at the sending time, not before.
    (task,) = DBTaskResult.objects.filter(task_path__endswith="dispatch_outbox")
    assert task.run_after == in_two_days

    time.sleep(max(0.0, (in_a_moment - timezone.now()).total_seconds()) + 0.05)
    result = dispatch()

    assert result.sent == 2
    assert mailbox.received() == dict.fromkeys(addresses, 1)
    assert {_header(m, "Subject") for m in mailbox.messages} == {SUBJECT}
    assert list(queries.archive()) == [soon]
    assert _statuses(far) == {Status.QUEUED: 2}


# The digest ----------------------------------------------------------------------------------


def _prefer(user, frequency):
    for kind in providers():
        NotificationPreference.objects.create(user=user, kind=kind, frequency=frequency)


@pytest.mark.django_db
def test_digest_send_tells_news_once_and_respects_each_choice(mailbox):
    UserFactory(email="leserin@example.org", first_name="Käthe", last_name="Groß")
    never = UserFactory(email="nie@example.org")
    _prefer(never, NotificationPreference.Frequency.NEVER)
    instant = UserFactory(email="sofort@example.org")
    _prefer(instant, NotificationPreference.Frequency.NOW)
    EventFactory(title="Netzwerktreffen in Münster")
    EventFactory(title="Entwurf: noch geheim", status=Event.Status.DRAFT)
    MembershipFactory(authority=AuthorityFactory(name="Lüdenscheid"))

    start = timezone.now()
    minutes = [start + datetime.timedelta(minutes=n) for n in range(4)]

    assert digest_send(frequency="digest", now=minutes[0]) == 1
    dispatch()

    assert mailbox.received() == {"leserin@example.org": 1}
    message = mailbox.messages[0]
    assert _header(message, "Subject") == "Neues im Netzwerk"
    assert message["To"].addresses[0].display_name == "Käthe Groß"
    text = message.get_content()
    assert "Netzwerktreffen in Münster" in text
    assert "Lüdenscheid" in text
    assert "noch geheim" not in text
    assert "https://engagiert.example/infomail/einstellungen/" in text

    assert digest_send(frequency="digest", now=minutes[1]) == 0  # nothing new since then
    between = EventFactory(title="Werkstatt Ehrenamtskarte in Bielefeld")
    Event.objects.filter(pk=between.pk).update(
        published_at=minutes[1] + datetime.timedelta(seconds=30)
    )
    assert digest_send(frequency="digest", now=minutes[2]) == 1
    dispatch()

    assert mailbox.received() == {"leserin@example.org": 2}
    second = mailbox.messages[1].get_content()
    assert "Werkstatt Ehrenamtskarte in Bielefeld" in second
    assert "Münster" not in second
    assert "Lüdenscheid" not in second

    # The people who chose »at once« are told by the hourly run, with everything new.
    assert digest_send(frequency="now", now=minutes[3]) == 1
    dispatch()

    assert mailbox.received() == {"leserin@example.org": 2, "sofort@example.org": 1}
    at_once = mailbox.message_to("sofort@example.org").get_content()
    assert "Netzwerktreffen in Münster" in at_once
    assert "Werkstatt Ehrenamtskarte in Bielefeld" in at_once
    assert "Lüdenscheid" in at_once
    assert digest_send(frequency="now", now=minutes[3] + datetime.timedelta(hours=1)) == 0


@pytest.mark.django_db
def test_digest_send_twice_in_one_minute_tells_the_news_in_between(mailbox):
    UserFactory(email="leserin@example.org")
    run = timezone.now().replace(second=10, microsecond=0) + datetime.timedelta(minutes=1)
    for title, created in (("Netzwerktreffen in Münster", -5), ("Werkstatt in Bielefeld", 10)):
        event = EventFactory(title=title)
        Event.objects.filter(pk=event.pk).update(
            published_at=run + datetime.timedelta(seconds=created)
        )
    assert digest_send(frequency="digest", now=run) == 1

    assert digest_send(frequency="digest", now=run + datetime.timedelta(seconds=20)) == 1


@pytest.mark.django_db
def test_digest_send_tells_an_event_published_after_the_last_run(mailbox):
    UserFactory(email="leserin@example.org")
    event = EventFactory(title="Netzwerktreffen in Münster", status=Event.Status.DRAFT)
    first_run = timezone.now()
    digest_send(frequency="digest", now=first_run)

    event.status = Event.Status.PUBLISHED  # as the admin does when the office publishes
    event.published_at = first_run + datetime.timedelta(days=1)
    event.save()

    assert digest_send(frequency="digest", now=first_run + datetime.timedelta(days=7)) == 1


@pytest.mark.django_db
def test_digest_news_comes_from_the_events_and_the_members_provider():
    since = timezone.now() - datetime.timedelta(minutes=1)
    EventFactory(title="Netzwerktreffen in Münster")
    MembershipFactory(authority=AuthorityFactory(name="Lüdenscheid"))

    news = news_since(since, timezone.now())

    assert [item.title for item in news["events"]] == ["Netzwerktreffen in Münster"]
    assert [item.title for item in news["members"]] == ["Lüdenscheid"]


@pytest.mark.django_db
def test_digest_tells_a_kind_of_news_a_new_app_registers(monkeypatch, mailbox):
    shifts = NewsItem("Tafel Bochum sucht Fahrer", "Samstag", "https://engagiert.example/s/1/")
    extended: Registry[NewsProvider] = Registry("news_providers")
    for key, provider in news_providers.items():
        extended.register(key, provider)
    extended.register(
        "opportunities.shifts",
        NewsProvider("shifts", "Neue Schichten", lambda since, until: [shifts]),
    )
    monkeypatch.setattr(extensions, "news_providers", extended)
    reader = UserFactory(email="leserin@example.org")
    NotificationPreference.objects.create(user=reader, kind="shifts", frequency="now")

    assert digest.preferences_of(reader)["shifts"] == "now"
    assert digest_send(frequency="now") == 1
    dispatch()

    text = mailbox.message_to("leserin@example.org").get_content()
    assert "Neue Schichten" in text
    assert "Tafel Bochum sucht Fahrer" in text
