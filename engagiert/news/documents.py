"""How published articles become search documents (registered in apps.py)."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import SearchDocument, SearchProvider
from engagiert.core.markup import to_text

from . import permissions
from .models import Article, Visibility


def article_document(article: Article) -> SearchDocument | None:
    """A published article; drafts and articles waiting for release are not found."""
    if not article.is_published:
        return None
    authority = article.authority
    return SearchDocument(
        kind="news",
        key=f"news:{article.pk}",
        title=article.title,
        text=f"{to_text(article.teaser)}\n{to_text(article.body)}",
        url=article.get_absolute_url(),
        members_only=article.visibility == Visibility.MEMBERS,
        topics=[topic.slug for topic in article.topics.all()],
        authority_kind=authority.kind if authority else "",
        region=authority.region.name if authority and authority.region else "",
        year=article.published_at.year if article.published_at else None,
    )


def articles() -> QuerySet[Article]:
    return Article.objects.select_related("authority__region").prefetch_related("topics")


def provider() -> SearchProvider:
    return SearchProvider(
        kind="news",
        label=_("News"),
        model=Article,
        document=article_document,
        queryset=articles,
        m2m=("topics",),
        members=permissions.is_member_user,
    )
