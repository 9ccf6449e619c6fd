"""The public registration form cannot be used to send mail to arbitrary addresses: each client
address may register only so often, and the mail to an unconfirmed address carries no text the
registrant chose."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from engagiert.events.models import Registration
from engagiert.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

TOO_MANY = "Zu viele Anmeldungen von Ihrem Anschluss aus."
PROXY = "10.0.0.1"


def _register(client: Client, event, n: int, **meta: str):
    return client.post(
        reverse("events:registration_create", args=[event.pk]),
        {"name": f"Opfer {n}", "email": f"opfer{n}@example.org"},
        **meta,
    )


def test_public_registration_is_limited_per_client_address(
    settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_FORM_LIMIT = 3
    settings.TRUSTED_PROXIES = [PROXY]
    event = EventFactory(is_public=True, capacity=100)
    attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}

    with django_capture_on_commit_callbacks(execute=True):
        for n in range(settings.PUBLIC_FORM_LIMIT + 2):
            response = _register(Client(), event, n, **attacker)
        other_client = _register(
            Client(), event, 99, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.20"
        )

    assert TOO_MANY in response.content.decode()
    assert TOO_MANY not in other_client.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "opfer0@example.org",
        "opfer1@example.org",
        "opfer2@example.org",
        "opfer99@example.org",
    ]
    assert Registration.objects.filter(event=event).count() == 4


def test_registration_of_a_logged_in_person_is_not_limited(settings, officer):
    settings.PUBLIC_FORM_LIMIT = 1
    client = Client()
    client.force_login(officer)
    events = [EventFactory(is_public=True, capacity=100) for _ in range(3)]

    for event in events:
        response = client.post(reverse("events:registration_create", args=[event.pk]))
        assert TOO_MANY not in response.content.decode()

    assert Registration.objects.filter(user=officer).count() == 3


def test_confirmation_mail_to_an_unconfirmed_address_carries_no_chosen_text(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(is_public=True, capacity=100, title="Tag des Ehrenamts")

    with django_capture_on_commit_callbacks(execute=True):
        Client().post(
            reverse("events:registration_create", args=[event.pk]),
            {
                "name": "Gewinnen Sie 1000 Euro auf https://betrug.example",
                "email": "opfer@example.org",
                "organisation_name": "Klicken Sie hier",
                "needs": "Jetzt Konto bestätigen",
                "needs_consent": "on",
            },
        )

    [message] = mail.outbox
    assert message.body.startswith("Guten Tag,\n")
    for chosen in ("betrug.example", "1000 Euro", "Klicken Sie hier", "Konto bestätigen"):
        assert chosen not in message.body
    assert "Tag des Ehrenamts" in message.body
