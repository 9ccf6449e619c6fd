from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import (
    NavItem,
    NewsProvider,
    inbox_providers,
    navigation,
    news_providers,
    panels,
    personal_data,
    search_providers,
)


class NewsConfig(AppConfig):
    name = "engagiert.news"
    label = "news"
    verbose_name = _("News")

    def ready(self) -> None:
        from engagiert.core.audit import audit_model

        from . import documents
        from . import panels as news_panels
        from .models import Article
        from .personal_data import declarations
        from .queries import digest_members_news, digest_news, release_inbox

        for key, declaration in declarations().items():
            personal_data.register(key, declaration)
        navigation.register("news.articles", NavItem(_("News"), "news:article_list", order=15))
        panels.register("news.latest", news_panels.for_place)
        search_providers.register("news.article", documents.provider())
        news_providers.register(
            "news.articles",
            NewsProvider(
                "news",
                _("News of the network"),
                digest_news,
                order=5,
                personal=digest_members_news,
            ),
        )
        inbox_providers.register("news.release", release_inbox)
        audit_model(Article)
