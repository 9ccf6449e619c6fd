"""Reads of info-mails. The archive holds released info-mails whose sending time has come."""

from django.db.models import QuerySet
from django.utils import timezone

from engagiert.core.outbox import batch_progress

from .models import Mailing


def archive() -> QuerySet[Mailing]:
    return (
        Mailing.objects.filter(released_at__isnull=False, send_at__lte=timezone.now())
        .select_related("segment")
        .order_by("-send_at")
    )


def all_mailings() -> QuerySet[Mailing]:
    return Mailing.objects.select_related("segment", "created_by").order_by("-created_at")


def progress(mailing: Mailing) -> dict[str, int]:
    """Per-recipient states: queued, being sent, sent, failed, and the total."""
    return batch_progress(mailing.batch)
