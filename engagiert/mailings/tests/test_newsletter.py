"""The public newsletter: sign-up, double opt-in through a mailed link, the consent it records,
the office's info-mail to the subscribers, unsubscribing as withdrawal, and the clean-up of
sign-ups never confirmed. Mail goes through the outbox to a real SMTP server."""

import datetime
import re
import time

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from engagiert.accounts.tests.factories import UserFactory
from engagiert.audiences.models import Segment
from engagiert.audiences.queries import recipients_to_mail
from engagiert.audiences.tests.factories import SegmentFactory
from engagiert.core.models import AuditEntry
from engagiert.core.outbox import outbox_dispatch as dispatch
from engagiert.legal.models import ConsentRecord
from engagiert.mailings import services
from engagiert.mailings.models import Subscription, Unsubscription
from engagiert.mailings.services import mailing_release

from .factories import MailingFactory

pytestmark = pytest.mark.django_db

SITE_URL = "https://engagiert.example"
ADDRESS = "leserin@example.org"


def _sign_up(client, **data):
    return client.post(
        "/infomail/abonnieren/", {"email": ADDRESS, "name": "Lea Leser", "consent": "on", **data}
    )


def _link(message, path):
    body = message.get_body(preferencelist=("plain",)).get_content()
    match = re.search(rf"{SITE_URL}({path}\S+)", body)
    assert match, body
    return match.group(1)


def _subscribe_and_confirm(client, mailbox):
    _sign_up(client)
    dispatch()
    path = _link(mailbox.messages[-1], "/infomail/abonnieren/bestaetigen/")
    client.post(path)
    return path


def test_sign_up_mails_a_link_and_only_its_confirmation_subscribes(client, mailbox):
    page = client.get("/infomail/abonnieren/").content.decode()
    assert "Newsletter abonnieren" in page
    assert 'data-privacy-note="mailings.newsletter"' in page

    response = _sign_up(client)

    assert "Wir haben eine E-Mail an leserin@example.org geschickt." in response.content.decode()
    dispatch()
    (message,) = mailbox.messages
    assert message["Subject"] == "Bitte bestätigen Sie Ihr Newsletter-Abonnement"
    assert not ConsentRecord.objects.exists()
    path = _link(message, "/infomail/abonnieren/bestaetigen/")

    assert "Soll der Newsletter des Netzwerks an leserin@example.org gehen?" in (
        client.get(path).content.decode()
    )  # opening the link (a mail scanner does) confirms nothing
    assert Subscription.objects.get().confirmed_at is None

    done = Client(enforce_csrf_checks=False).post(path).content.decode()

    assert "Danke, Ihr Abonnement ist bestätigt" in done
    assert Subscription.objects.get().confirmed_at is not None
    consent = ConsentRecord.objects.get(email=ADDRESS)
    assert consent.purpose == "mailings.newsletter"
    assert consent.wording.startswith("Ich möchte den Newsletter des Netzwerks")
    assert (consent.version, consent.note_version) == ("1", 1)


def test_the_consent_box_must_be_ticked(client):
    response = client.post("/infomail/abonnieren/", {"email": ADDRESS})

    assert "Bitte stimmen Sie zu, damit wir Ihnen den Newsletter senden dürfen." in (
        response.content.decode()
    )
    assert not Subscription.objects.exists()


def test_an_expired_or_altered_link_confirms_nothing(client, settings, monkeypatch):
    settings.NEWSLETTER_CONFIRM_DAYS = 3
    services.newsletter_subscribe(email=ADDRESS)
    altered = services.newsletter_token(ADDRESS)[:-2] + "xx"
    four_days_ago = time.time() - 4 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: four_days_ago)
    expired = services.newsletter_token(ADDRESS)
    monkeypatch.undo()

    for token in (altered, expired):
        response = client.post(f"/infomail/abonnieren/bestaetigen/{token}/")
        assert response.status_code == 400
        assert "Dieser Bestätigungslink ist ungültig oder abgelaufen." in response.content.decode()
    assert Subscription.objects.get().confirmed_at is None


def test_the_office_mails_the_subscribers_and_the_unsubscribe_link_withdraws(
    client, mailbox, office_user
):
    _subscribe_and_confirm(client, mailbox)
    services.newsletter_subscribe(email="nie-bestaetigt@example.org")
    public = SegmentFactory(name="Öffentlichkeit", kind=Segment.Kind.PUBLIC)

    mailing = mailing_release(mailing=MailingFactory(segment=public), user=office_user)
    dispatch()

    assert mailing.recipient_count == 1
    newsletter = mailbox.messages[-1]
    assert newsletter["To"].addresses[0].addr_spec == ADDRESS
    assert newsletter["Subject"] == mailing.subject
    unsubscribe = _link(newsletter, "/infomail/abmelden/")
    assert client.post(unsubscribe).status_code == 200

    assert not Subscription.objects.filter(email=ADDRESS).exists()
    assert ConsentRecord.objects.get(email=ADDRESS).withdrawn_at is not None
    assert Unsubscription.objects.filter(email=ADDRESS).exists()


def test_withdrawing_at_my_consents_ends_the_subscription(client, mailbox):
    user = UserFactory(email=ADDRESS)
    client.force_login(user)
    _subscribe_and_confirm(client, mailbox)
    record = ConsentRecord.objects.get(purpose="mailings.newsletter")
    assert record.user == user
    assert "Newsletter" in client.get("/einwilligungen/").content.decode()

    client.post(f"/einwilligungen/{record.pk}/widerrufen/")

    assert not Subscription.objects.exists()
    segment = SegmentFactory(kind=Segment.Kind.PUBLIC)
    assert recipients_to_mail(segment) == []


def test_signing_up_again_tells_nothing_about_the_list(client, mailbox):
    _subscribe_and_confirm(client, mailbox)

    again = _sign_up(client).content.decode()
    dispatch()

    assert "Wir haben eine E-Mail an leserin@example.org geschickt." in again
    assert mailbox.messages[-1]["Subject"] == "Sie erhalten unseren Newsletter bereits"
    assert Subscription.objects.count() == 1


def test_sign_ups_are_rate_limited_per_connection(client, settings):
    settings.PUBLIC_FORM_LIMIT = 2
    for number in range(2):
        _sign_up(client, email=f"person{number}@example.org")

    blocked = _sign_up(client, email="person9@example.org").content.decode()

    assert "Zu viele Anmeldungen von Ihrer Verbindung" in blocked
    assert Subscription.objects.count() == 2


def test_unconfirmed_sign_ups_are_deleted_after_the_period(settings):
    settings.NEWSLETTER_CONFIRM_DAYS = 3
    now = timezone.now()
    old = services.newsletter_subscribe(email="alt@example.org")
    Subscription.objects.filter(pk=old.pk).update(created_at=now - datetime.timedelta(days=4))
    services.newsletter_subscribe(email="neu@example.org")
    confirmed = services.newsletter_subscribe(email="treu@example.org")
    Subscription.objects.filter(pk=confirmed.pk).update(
        created_at=now - datetime.timedelta(days=40), confirmed_at=now
    )

    assert services.newsletter_unconfirmed_purge(now=now) == 1

    assert set(Subscription.objects.values_list("email", flat=True)) == {
        "neu@example.org",
        "treu@example.org",
    }
    entry = AuditEntry.objects.get(object_repr="Löschfristen Newsletter")
    assert entry.changes == {"unconfirmed_deleted": 1}
