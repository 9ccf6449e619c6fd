"""News for members: at once (checked hourly) or in the weekly digest, as each person chose.

What counts as news is whatever the registered news providers report for the window since the
last run (events: published and not yet over; membership: authorities admitted); each provider
is one kind a person chooses a frequency for. The default for everyone is the digest. A
provider may also tell each person what is new for them alone (new matches of their kept
searches); it is asked only for the people who chose the frequency being sent.
Each run remembers up to when it told each person, so nothing is told twice or skipped.
"""

import datetime

from django.conf import settings
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from engagiert.accounts.models import User
from engagiert.core.extensions import Label, NewsItem, NewsProvider, news_providers_in_order
from engagiert.core.models import OutboundMail
from engagiert.core.outbox import outbox_add_many

from .models import DigestRun, NotificationPreference

Frequency = NotificationPreference.Frequency
FIRST_DIGEST_WINDOW = datetime.timedelta(days=7)


def providers() -> dict[str, NewsProvider]:
    """The kinds of news people can choose from, by the kind stored in their preference."""
    return {provider.kind: provider for provider in news_providers_in_order()}


def news_since(since: datetime.datetime, until: datetime.datetime) -> dict[str, list[NewsItem]]:
    return {kind: provider.news(since, until) for kind, provider in providers().items()}


def _people() -> QuerySet[User]:
    return User.objects.filter(is_active=True).prefetch_related("notification_preferences")


def preferences_of(user: User) -> dict[str, str]:
    chosen = {p.kind: p.frequency for p in user.notification_preferences.all()}
    return {kind: chosen.get(kind, Frequency.DIGEST) for kind in providers()}


def _sections(
    user: User,
    chosen: list[NewsProvider],
    news: dict[str, list[NewsItem]],
    since: datetime.datetime,
    until: datetime.datetime,
) -> list[tuple[Label, list[NewsItem]]]:
    """The person's sections: each kind's news for everyone, then that kind's news for them."""
    sections = []
    for provider in chosen:
        items = news[provider.kind]
        if provider.personal:
            items = items + provider.personal(user, since, until)
        if items:
            sections.append((provider.label, items))
    return sections


def digest_send(*, frequency: str, now: datetime.datetime | None = None) -> int:
    """Tell everyone who chose `frequency` what is new for them; returns the mails queued."""
    now = now or timezone.now()
    known = providers()
    runs = {run.user_id: run.sent_until for run in DigestRun.objects.filter(frequency=frequency)}
    cache: dict[datetime.datetime, dict[str, list[NewsItem]]] = {}
    queued = 0
    for user in _people():
        chosen = [known[k] for k, f in preferences_of(user).items() if f == frequency]
        if not chosen:
            continue
        since = runs.get(user.pk, now - FIRST_DIGEST_WINDOW)
        if since not in cache:
            cache[since] = news_since(since, now)
        sections = _sections(user, chosen, cache[since], since, now)
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
