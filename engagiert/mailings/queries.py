"""Reads of info-mails. The archive holds released info-mails whose sending time has come.

Who may read an info-mail online follows its audience: the office reads every one (drafts
too); a mail to the public segment is public; anyone else reads a mail they were sent (an
addressee, member or not) or whose segment reaches them now.
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from engagiert.accounts.permissions import is_office
from engagiert.audiences.models import Segment
from engagiert.audiences.queries import recipients
from engagiert.core.extensions import Recipient
from engagiert.core.models import OutboundMail
from engagiert.core.outbox import batch_progress

from .models import Mailing, Subscription, Unsubscription

BATCH_PREFIX = "mailing:"


def archive() -> QuerySet[Mailing]:
    return (
        Mailing.objects.filter(released_at__isnull=False, send_at__lte=timezone.now())
        .select_related("segment")
        .order_by("-send_at")
    )


def all_mailings() -> QuerySet[Mailing]:
    return Mailing.objects.select_related("segment", "created_by").order_by("-created_at")


def readable_mailings(user: Any) -> QuerySet[Mailing]:
    """The info-mails this person (anonymous too) may read: for the archive list, the page of
    one info-mail and its »Read online« link alike. One query per segment in use, not per mail."""
    if is_office(user):
        return all_mailings()
    sent = archive()
    public = Q(segment__kind=Segment.Kind.PUBLIC)
    if not getattr(user, "is_authenticated", False):
        return sent.filter(public)
    email = user.email.lower()
    batches = OutboundMail.objects.filter(
        to_email=email, batch__startswith=BATCH_PREFIX
    ).values_list("batch", flat=True)
    addressed = {int(batch.removeprefix(BATCH_PREFIX)) for batch in batches}
    segments = Segment.objects.filter(pk__in=sent.values("segment")).exclude(
        kind=Segment.Kind.PUBLIC
    )
    reaching = [s.pk for s in segments if any(r.email == email for r in recipients(s))]
    return sent.filter(public | Q(pk__in=addressed) | Q(segment__in=reaching))


def unsubscribed(addresses: list[str]) -> set[str]:
    """Those of the addresses that unsubscribed: they get no mail sent to a segment again."""
    return set(Unsubscription.objects.filter(email__in=addresses).values_list("email", flat=True))


def newsletter_recipients(segment: Segment) -> list[Recipient]:
    """The public segment reaches the confirmed newsletter subscribers (double opt-in)."""
    confirmed = Subscription.objects.filter(confirmed_at__isnull=False).order_by("email")
    return [Recipient(s.email, s.name, None) for s in confirmed]


def progress(mailing: Mailing) -> dict[str, int]:
    """Per-recipient states: queued, being sent, sent, failed, and the total."""
    return batch_progress(mailing.batch)
