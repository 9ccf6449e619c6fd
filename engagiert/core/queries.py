"""Platform-wide reads."""

import datetime
import uuid
from typing import Any

from django.core.cache import caches
from django.db import DatabaseError, connections
from django.db.models import Count, QuerySet
from django_tasks_db.models import DBTaskResult

from .models import OutboundMail


def database_reachable(alias: str = "default") -> bool:
    """True when the database answers a trivial query."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def cache_works(alias: str) -> bool:
    """True when the cache stores and returns a value."""
    key = f"readyz-{uuid.uuid4().hex}"
    try:
        cache = caches[alias]
        cache.set(key, "1", 10)
        found = cache.get(key) == "1"
        cache.delete(key)
    except Exception:  # a cache server that is away raises its client library's errors
        return False
    return found


def worker_last_seen() -> datetime.datetime | None:
    """When a task worker last finished the schedule's heartbeat task."""
    return (
        DBTaskResult.objects.filter(
            task_path="engagiert.core.tasks.worker_heartbeat", finished_at__isnull=False
        )
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )


def outbox_overdue(*, since: datetime.datetime) -> int:
    """Messages waiting to be sent that were due before `since`."""
    return OutboundMail.objects.filter(
        status=OutboundMail.Status.QUEUED, next_attempt_at__lt=since
    ).count()


def outbox_backlog(*, now: datetime.datetime) -> dict[str, Any]:
    """What waits in the outbox: due now, waiting for a retry, being sent, failed; the oldest
    due message's time."""
    Status = OutboundMail.Status
    counts = dict(
        OutboundMail.objects.exclude(status=Status.SENT)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    due = OutboundMail.objects.filter(status=Status.QUEUED, next_attempt_at__lte=now)
    return {
        "due": due.count(),
        "waiting": counts.get(Status.QUEUED, 0) - due.count(),
        "sending": counts.get(Status.SENDING, 0),
        "failed": counts.get(Status.FAILED, 0),
        "oldest_due": due.order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first(),
    }


def failed_mails() -> QuerySet[OutboundMail]:
    """Messages the outbox gave up on, newest first, with the reason in `last_error`."""
    return OutboundMail.objects.filter(status=OutboundMail.Status.FAILED).order_by("-pk")
