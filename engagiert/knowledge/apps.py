from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from engagiert.core.extensions import (
    Figure,
    IndicatorProvider,
    NavItem,
    figures,
    indicator_providers,
    navigation,
    personal_data,
)


def _figures() -> list[Figure]:
    from .models import KnowledgeItem, Visibility

    count = KnowledgeItem.objects.filter(
        status=KnowledgeItem.Status.PUBLISHED, visibility=Visibility.PUBLIC
    ).count()
    return [
        Figure(
            ngettext(
                "practice example or other knowledge item",
                "practice examples and other knowledge items",
                count,
            ),
            count,
            reverse("knowledge:item_list"),
        )
    ]


class KnowledgeConfig(AppConfig):
    name = "engagiert.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge and collegial exchange")

    def ready(self) -> None:
        from .personal_data import declarations

        for key, declaration in declarations().items():
            personal_data.register(key, declaration)
        self._inbox_ready()
        from engagiert.core.audit import audit_model
        from engagiert.core.extensions import ApiRoute, api_routes, search_providers

        from . import api, documents
        from .models import AssistanceOffer, KnowledgeItem
        from .queries import practice_examples_indicator, questions_answered_indicator

        api_routes.register(
            "knowledge.items", ApiRoute("knowledge-items", api.ItemViewSet, "knowledge-item")
        )
        navigation.register(
            "knowledge.items", NavItem(_("Knowledge"), "knowledge:item_list", order=25)
        )
        figures.register("knowledge.items", _figures)

        for provider in documents.providers():
            search_providers.register(f"knowledge.{provider.kind}", provider)
        indicator_providers.register(
            "knowledge.practice_examples",
            IndicatorProvider(
                _("Practice examples shared"), _("count"), practice_examples_indicator
            ),
        )
        indicator_providers.register(
            "knowledge.questions_answered",
            IndicatorProvider(_("Questions answered"), _("count"), questions_answered_indicator),
        )
        audit_model(KnowledgeItem)
        audit_model(AssistanceOffer)
        from engagiert.core.extensions import open_datasets

        from . import opendata

        for dataset in opendata.datasets():
            open_datasets.register(f"knowledge.{dataset.slug}", dataset)

    def _inbox_ready(self) -> None:
        """What waits for the network office in its inbox."""
        from engagiert.core.extensions import inbox_providers

        from .queries import inbox_unanswered_questions

        inbox_providers.register("knowledge.unanswered_questions", inbox_unanswered_questions)
