"""Webhooks: the owning apps announce events, a worker delivers them signed.

Announcing (`webhook_emit`) only writes delivery rows, in the transaction of the change that
caused the event (outbox pattern: the event is announced exactly when the change commits, and
not when it rolls back); a worker is asked to deliver after the commit. No request ever waits
for a receiver.

Delivering (`webhook_dispatch`, every minute by the schedule and by the task the commit
enqueues): each due delivery is claimed, POSTed as JSON with a timeout and the headers
`X-Engagiert-Timestamp` and `X-Engagiert-Signature: sha256=<hex>`, the HMAC-SHA256 with the
subscription's secret over »<timestamp>.<body>«. An answer 2xx counts as delivered; anything
else (an error status, a timeout, a refused connection) is tried again after 1, 2, 4 … minutes,
at most MAX_ATTEMPTS times, then the delivery is given up and the office page shows it.
"""

import datetime
import hashlib
import hmac
import json
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from engagiert.core.logs import enqueue_on_commit

from .models import WebhookDelivery, WebhookEvent, WebhookSubscription

Status = WebhookDelivery.Status
MAX_ATTEMPTS = 8
FIRST_PAUSE = datetime.timedelta(minutes=1)
LEASE = datetime.timedelta(minutes=10)
BATCH_SIZE = 50


def webhook_emit(*, event: WebhookEvent, data: dict[str, Any], authority_ags: str = "") -> int:
    """Queue `event` for every active subscription that wants it; returns how many.

    An authority's subscription hears only of events of its own authority (`authority_ags`);
    an event of the whole network (no authority) reaches every subscription."""
    wanted = [
        subscription
        for subscription in WebhookSubscription.objects.filter(is_active=True)
        if event in subscription.events
        and subscription.authority_id in (None, authority_ags or subscription.authority_id)
    ]
    if not wanted:
        return 0
    now = timezone.now()
    payload = {"event": str(event), "occurred_at": now.isoformat(), "data": data}
    WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            subscription=subscription,
            event=event,
            payload={"id": str(uuid.uuid4()), **payload},
            next_attempt_at=now,
        )
        for subscription in wanted
    )
    _kick()
    return len(wanted)


def _kick() -> None:
    from .tasks import deliver_webhooks

    enqueue_on_commit(deliver_webhooks)


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """The value of X-Engagiert-Signature; receivers compute the same and compare."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


@dataclass
class DispatchResult:
    delivered: int = 0
    retried: int = 0
    failed: int = 0


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A receiver answers itself; following it elsewhere could reach internal addresses."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def _send(delivery: WebhookDelivery) -> tuple[int | None, str]:
    """POST one delivery; returns the status code (None without an answer) and an error."""
    body = json.dumps(delivery.payload, ensure_ascii=False).encode()
    timestamp = str(int(timezone.now().timestamp()))
    request = urllib.request.Request(
        delivery.subscription.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "engagiert-webhooks/1",
            "X-Engagiert-Event": delivery.event,
            "X-Engagiert-Delivery": str(delivery.payload.get("id", delivery.pk)),
            "X-Engagiert-Timestamp": timestamp,
            "X-Engagiert-Signature": signature(delivery.subscription.secret, timestamp, body),
        },
    )
    try:
        with _opener.open(request, timeout=settings.WEBHOOK_TIMEOUT) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (OSError, ValueError) as error:
        return None, str(error)[:300]


@transaction.atomic
def _claim(now: datetime.datetime) -> list[WebhookDelivery]:
    due = (
        WebhookDelivery.objects.select_for_update(skip_locked=True)
        .filter(status=Status.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
    )
    claimed = list(due[:BATCH_SIZE])
    WebhookDelivery.objects.filter(pk__in=[d.pk for d in claimed]).update(
        status=Status.SENDING, claimed_at=now
    )
    return claimed


def _record(delivery: WebhookDelivery, code: int | None, error: str) -> Status:
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_status_code = code
    delivery.last_error = error
    delivery.claimed_at = None
    if code is not None and 200 <= code < 300:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = (
            Status.DELIVERED,
            now,
            None,
        )
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status, delivery.next_attempt_at = Status.FAILED, None
    else:
        delivery.status = Status.QUEUED
        delivery.next_attempt_at = now + FIRST_PAUSE * 2 ** (delivery.attempts - 1)
    delivery.save(
        update_fields=[
            "attempts",
            "last_status_code",
            "last_error",
            "claimed_at",
            "status",
            "delivered_at",
            "next_attempt_at",
            "updated_at",
        ]
    )
    return Status(delivery.status)


def webhook_dispatch(*, now: datetime.datetime | None = None) -> DispatchResult:
    """Deliver every due delivery (safe to run in several processes: each row is claimed)."""
    now = now or timezone.now()
    WebhookDelivery.objects.filter(status=Status.SENDING, claimed_at__lt=now - LEASE).update(
        status=Status.QUEUED, claimed_at=None
    )
    result = DispatchResult()
    while claimed := _claim(now):
        subscriptions = {
            s.pk: s
            for s in WebhookSubscription.objects.filter(pk__in={d.subscription_id for d in claimed})
        }
        for delivery in claimed:
            delivery.subscription = subscriptions[delivery.subscription_id]
            status = _record(delivery, *_send(delivery))
            if status == Status.DELIVERED:
                result.delivered += 1
            elif status == Status.FAILED:
                result.failed += 1
            else:
                result.retried += 1
    return result


def next_due() -> datetime.datetime | None:
    """When the earliest waiting delivery is due."""
    first = (
        WebhookDelivery.objects.filter(status=Status.QUEUED)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    return first
