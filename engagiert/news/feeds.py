"""RSS and Atom feeds of the public network news (django.contrib.syndication)."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from engagiert.core.markup import to_text

from . import queries
from .models import Article

#: Articles in a feed: the newest.
FEED_LENGTH = 20


class ArticleRssFeed(Feed[Article, None]):
    title = _("News of the Kommunen-Netzwerk: engagiert in NRW")
    description = _("Public news of the network office and the member municipalities.")

    def link(self) -> str:
        return reverse("news:article_list")

    def items(self) -> list[Article]:
        return queries.public_latest(FEED_LENGTH)

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return to_text(item.teaser)

    def item_pubdate(self, item: Article) -> datetime.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Article) -> datetime.datetime:
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return item.authority.name if item.authority else str(_("Network office"))


class ArticleAtomFeed(ArticleRssFeed):
    feed_type = Atom1Feed
    subtitle = ArticleRssFeed.description
