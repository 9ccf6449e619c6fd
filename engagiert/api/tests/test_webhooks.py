"""Webhooks against a real HTTP server on 127.0.0.1: signed, retried, never in the request."""

import datetime
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from engagiert.api import services, webhooks
from engagiert.api.models import Scope, WebhookDelivery, WebhookEvent
from engagiert.opportunities.tests.factories import ProviderFactory
from engagiert.registry.tests.factories import AuthorityFactory, TopicFactory

from .factories import bearer, token_issue

pytestmark = pytest.mark.django_db
Status = WebhookDelivery.Status


class Receiver:
    """An HTTP server in a thread that records what it is sent and answers `status`."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.status = 204
        self.delay = 0.0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (the standard library's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                time.sleep(receiver.delay)
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings):
    settings.DEBUG = True  # plain http to 127.0.0.1 is allowed only while DEBUG
    settings.WEBHOOK_TIMEOUT = 0.5
    found = Receiver()
    yield found
    found.close()


def _subscribe(receiver, events=(WebhookEvent.OPPORTUNITY_PUBLISHED,), authority=None):
    return services.subscription_create(
        name="Stadt-CMS", url=receiver.url, events=events, created_by=None, authority=authority
    )


def _publish(authority, organisation):
    provider = ProviderFactory(organisation=organisation, authority=authority)
    _token, secret = token_issue([Scope.OPPORTUNITIES_WRITE], organisation=provider.organisation)
    data = {
        "title": "Tafel: Lebensmittel ausgeben",
        "description": "Samstags bei der Ausgabe helfen.",
        "topic": TopicFactory().slug,
        "authority": authority.ags,
        "contact_name": "Petra Vogel",
        "contact_email": "petra@example.org",
    }
    return APIClient().post("/api/v1/own/opportunities/", data, format="json", **bearer(secret))


def test_a_published_opportunity_is_delivered_signed_after_the_request(
    receiver, authority, organisation, django_capture_on_commit_callbacks
):
    _subscription, secret = _subscribe(receiver)
    receiver.delay = 2  # a slow receiver would slow the request, were it asked in it

    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        answer = _publish(authority, organisation)
    assert answer.status_code == 201
    assert time.monotonic() - started < 1.5
    assert receiver.received == []

    receiver.delay = 0
    result = webhooks.webhook_dispatch()

    assert result.delivered == 1
    headers, body = receiver.received[0]
    timestamp = headers["X-Engagiert-Timestamp"]
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    assert headers["X-Engagiert-Signature"] == "sha256=" + expected.hexdigest()
    assert headers["X-Engagiert-Event"] == "opportunity.published"
    payload = json.loads(body)
    assert payload["data"]["title"] == "Tafel: Lebensmittel ausgeben"
    assert payload["data"]["authority"] == authority.ags
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.last_status_code, delivery.attempts) == (
        Status.DELIVERED,
        204,
        1,
    )


def test_a_failing_receiver_is_tried_again_later_until_it_answers(
    receiver, authority, organisation
):
    _subscribe(receiver)
    _publish(authority, organisation)
    receiver.status = 500

    first = webhooks.webhook_dispatch()
    delivery = WebhookDelivery.objects.get()
    assert (first.retried, delivery.status, delivery.last_status_code) == (1, Status.QUEUED, 500)
    assert delivery.next_attempt_at > timezone.now() + datetime.timedelta(seconds=50)
    assert webhooks.webhook_dispatch().retried == 0  # not due yet: nothing is sent

    receiver.status = 200
    later = webhooks.webhook_dispatch(now=timezone.now() + datetime.timedelta(minutes=2))

    delivery.refresh_from_db()
    assert later.delivered == 1
    assert (delivery.status, delivery.attempts) == (Status.DELIVERED, 2)
    assert len(receiver.received) == 2


def test_the_pause_doubles_and_the_delivery_is_given_up_after_the_last_attempt(
    receiver, authority, organisation
):
    _subscribe(receiver)
    _publish(authority, organisation)
    receiver.delay = 1  # longer than the timeout: no answer
    pauses = []
    now = timezone.now()
    for _attempt in range(webhooks.MAX_ATTEMPTS):
        webhooks.webhook_dispatch(now=now)
        delivery = WebhookDelivery.objects.get()
        if delivery.next_attempt_at:
            pauses.append(round((delivery.next_attempt_at - timezone.now()).total_seconds() / 60))
            now = delivery.next_attempt_at

    assert pauses == [1, 2, 4, 8, 16, 32, 64]
    assert (delivery.status, delivery.attempts) == (Status.FAILED, webhooks.MAX_ATTEMPTS)
    assert delivery.last_status_code is None
    assert "timed out" in delivery.last_error


def test_an_authoritys_subscription_hears_only_of_its_own_authority(receiver, organisation):
    own, other = AuthorityFactory(), AuthorityFactory()
    _subscribe(receiver, authority=own)
    office_subscription, _secret = _subscribe(receiver)

    _publish(other, organisation)

    assert [d.subscription for d in WebhookDelivery.objects.all()] == [office_subscription]


def test_nothing_is_queued_without_a_subscription(authority, organisation):
    assert _publish(authority, organisation).status_code == 201
    assert not WebhookDelivery.objects.exists()


def test_only_https_targets_outside_debug(settings):
    settings.DEBUG = False

    with pytest.raises(ValidationError, match="https"):
        services.subscription_create(
            name="Intern",
            url="http://127.0.0.1:9/hook",
            events=[WebhookEvent.MEMBER_CHANGED],
            created_by=None,
        )


def test_a_redirect_is_not_followed(receiver, authority, organisation):
    _subscribe(receiver)
    _publish(authority, organisation)
    receiver.status = 302

    webhooks.webhook_dispatch()

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.last_status_code) == (Status.QUEUED, 302)
