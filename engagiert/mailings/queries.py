"""Reads of info-mails. The archive holds released info-mails whose sending time has come.

Who may read an info-mail online follows its audience: the office reads every one (drafts
too); a mail to the public segment is public; anyone else reads a mail they were sent (an
addressee, member or not) or whose segment reaches them now.
"""

from typing import Any

from django.db.models import Count, Min, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from engagiert.accounts.permissions import is_office
from engagiert.audiences.models import Segment
from engagiert.audiences.queries import recipients
from engagiert.core.extensions import InboxItem, Recipient
from engagiert.core.models import OutboundMail
from engagiert.core.outbox import batch_progress
from engagiert.core.queries import failed_mails

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


def recent_mailings(user: Any) -> QuerySet[Mailing]:
    """The info-mails sent lately that this person may read, the newest first (a start page
    shows a few; drafts and scheduled mails are the office's work, not news)."""
    sent = archive() if is_office(user) else readable_mailings(user)
    return sent.order_by("-send_at")


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


def inbox_scheduled() -> list[InboxItem]:
    """Info-mails released for a later time: the office may still stop or change them until
    they go out, since they were released."""
    scheduled = Mailing.objects.filter(released_at__isnull=False, send_at__gt=timezone.now())
    return [
        InboxItem(
            key=f"mailings.scheduled:{mailing.pk}",
            kind=_("Info-mail scheduled"),
            title=mailing.subject,
            url=mailing.get_absolute_url(),
            since=mailing.released_at,
            due=timezone.localdate(mailing.send_at) if mailing.send_at else None,
        )
        for mailing in scheduled
    ]


def inbox_failed_mails() -> list[InboxItem]:
    """Mails the outbox gave up on (info-mails and every other mail), as one item: the office
    retries them or corrects the addresses, since the oldest failed."""
    failed = failed_mails().aggregate(count=Count("pk"), oldest=Min("created_at"))
    if not failed["count"]:
        return []
    title = ngettext(
        "%(count)d e-mail could not be delivered",
        "%(count)d e-mails could not be delivered",
        failed["count"],
    ) % {"count": failed["count"]}
    return [
        InboxItem(
            key="mailings.failed_mails:outbox",
            kind=_("E-mails not delivered"),
            title=title,
            url=reverse("mailings:outbox"),
            since=failed["oldest"],
        )
    ]
