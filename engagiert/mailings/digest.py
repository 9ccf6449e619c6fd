"""News for members: at once (checked hourly) or in the weekly digest, as each person chose.

What counts as news: events published since the last run that have not yet taken place, and
authorities admitted to the network since then. The default for everyone is the digest.
Each run remembers up to when it told each person, so nothing is told twice or skipped.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from engagiert.accounts.models import User
from engagiert.core.models import OutboundMail
from engagiert.core.outbox import outbox_add_many
from engagiert.events.models import Event
from engagiert.membership.models import Membership

from .models import DigestRun, NotificationPreference

Kind = NotificationPreference.Kind
Frequency = NotificationPreference.Frequency
FIRST_DIGEST_WINDOW = datetime.timedelta(days=7)


@dataclass(frozen=True)
class NewsItem:
    title: str
    detail: str
    url: str


def news_since(since: datetime.datetime, until: datetime.datetime) -> dict[str, list[NewsItem]]:
    events = Event.objects.filter(
        status=Event.Status.PUBLISHED,
        published_at__gt=since,
        published_at__lte=until,
        starts_at__gt=until,
    ).order_by("starts_at")
    members = (
        Membership.objects.filter(created_at__gt=since, created_at__lte=until, until__isnull=True)
        .select_related("authority")
        .order_by("authority__name")
    )
    return {
        Kind.EVENTS: [
            NewsItem(
                e.title,
                timezone.localtime(e.starts_at).strftime("%d.%m.%Y"),
                settings.SITE_URL + e.get_absolute_url(),
            )
            for e in events
        ],
        Kind.MEMBERS: [
            NewsItem(
                m.authority.name,
                m.authority.get_kind_display(),
                settings.SITE_URL + m.authority.get_absolute_url(),
            )
            for m in members
        ],
    }


def _people() -> QuerySet[User]:
    return User.objects.filter(is_active=True).prefetch_related("notification_preferences")


def preferences_of(user: User) -> dict[str, str]:
    chosen = {p.kind: p.frequency for p in user.notification_preferences.all()}
    return {kind: chosen.get(kind, Frequency.DIGEST) for kind in Kind.values}


def digest_send(*, frequency: str, now: datetime.datetime | None = None) -> int:
    """Tell everyone who chose `frequency` what is new for them; returns the mails queued."""
    now = now or timezone.now()
    runs = {run.user_id: run.sent_until for run in DigestRun.objects.filter(frequency=frequency)}
    cache: dict[datetime.datetime, dict[str, list[NewsItem]]] = {}
    queued = 0
    for user in _people():
        kinds = [k for k, f in preferences_of(user).items() if f == frequency]
        if not kinds:
            continue
        since = runs.get(user.pk, now - FIRST_DIGEST_WINDOW)
        if since not in cache:
            cache[since] = news_since(since, now)
        news = cache[since]
        sections = [(NotificationPreference.Kind(k).label, news[k]) for k in kinds if news[k]]
        if sections:
            text = render_to_string(
                "mailings/email/digest.txt",
                {"user": user, "sections": sections, "site_url": settings.SITE_URL},
            )
            # One message per person and window: a repeated run of the same window adds nothing.
            message = OutboundMail(
                to_email=user.email,
                to_name=user.get_full_name(),
                next_attempt_at=timezone.now(),
                subject=_("What is new in the network"),
                text=text,
                batch=f"digest:{frequency}:{user.pk}:{since.timestamp():.6f}",
            )
            outbox_add_many([message])
            queued += 1
        DigestRun.objects.update_or_create(
            user=user, frequency=frequency, defaults={"sent_until": now}
        )
    return queued
