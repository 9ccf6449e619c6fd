"""Reads of the network news: published articles as a visitor may see them, the writer's own
drafts and the office's queue of articles waiting for release."""

import datetime
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from engagiert.accounts.permissions import is_office
from engagiert.core.extensions import InboxItem, NewsItem
from engagiert.core.markup import to_text
from engagiert.registry.models import Authority

from . import permissions
from .models import Article, Visibility


def published(
    user: Any, *, topic: str = "", authority: Authority | None = None
) -> QuerySet[Article]:
    """Published articles the visitor may see, the newest first."""
    queryset = (
        Article.objects.filter(status=Article.Status.PUBLISHED)
        .select_related("authority")
        .order_by("-published_at", "-pk")
    )
    if not permissions.is_member_user(user):
        queryset = queryset.filter(visibility=Visibility.PUBLIC)
    if topic:
        queryset = queryset.filter(topics__slug=topic)
    if authority is not None:
        queryset = queryset.filter(authority=authority)
    return queryset


def public_latest(limit: int) -> list[Article]:
    """The newest public articles, for the feeds."""
    return list(
        Article.objects.filter(status=Article.Status.PUBLISHED, visibility=Visibility.PUBLIC)
        .select_related("authority")
        .order_by("-published_at", "-pk")[:limit]
    )


def unpublished_for(user: Any) -> QuerySet[Article]:
    """Drafts and waiting articles the person may edit: the office all, an officer their
    municipality's."""
    queryset = (
        Article.objects.exclude(status=Article.Status.PUBLISHED)
        .select_related("authority", "author")
        .order_by("-updated_at")
    )
    if is_office(user):
        return queryset
    return queryset.filter(authority__in=permissions.own_authorities(user))


def waiting() -> QuerySet[Article]:
    return Article.objects.filter(status=Article.Status.WAITING).select_related(
        "authority", "author"
    )


def release_inbox() -> list[InboxItem]:
    """The office's inbox: member articles waiting for release."""
    return [
        InboxItem(
            key=f"news.release:{article.pk}",
            kind=_("News to release"),
            title=article.title,
            url=article.get_absolute_url(),
            since=article.updated_at,
        )
        for article in waiting().order_by("updated_at")
    ]


def _digest(visibility: str, since: datetime.datetime, until: datetime.datetime) -> list[NewsItem]:
    articles = (
        Article.objects.filter(
            status=Article.Status.PUBLISHED,
            visibility=visibility,
            published_at__gt=since,
            published_at__lte=until,
        )
        .select_related("authority")
        .order_by("published_at")
    )
    return [
        NewsItem(
            article.title,
            article.authority.name if article.authority else _("Network office"),
            settings.SITE_URL + article.get_absolute_url(),
        )
        for article in articles
    ]


def digest_news(since: datetime.datetime, until: datetime.datetime) -> list[NewsItem]:
    """Digest news for everyone: public articles published in the window, oldest first."""
    return _digest(Visibility.PUBLIC, since, until)


def digest_members_news(
    user: Any, since: datetime.datetime, until: datetime.datetime
) -> list[NewsItem]:
    """Digest news for one person: members-only articles, if they act for a member."""
    if not permissions.is_member_user(user):
        return []
    return _digest(Visibility.MEMBERS, since, until)


def mailing_prefill_url(article: Article) -> str:
    """The info-mail form of the mailings app, filled with the article's title, teaser and
    link (»In Infomail übernehmen«)."""
    link = settings.SITE_URL + article.get_absolute_url()
    body = f"{to_text(article.teaser)}\n\n{_('Read more:')} {link}"
    query = urlencode({"subject": article.title, "body": body})
    return f"{reverse('mailings:mailing_create')}?{query}"
