from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from engagiert.core.navigation import Figure, NavItem


class KnowledgeConfig(AppConfig):
    name = "engagiert.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge and collegial exchange")
    navigation = [NavItem(_("Knowledge"), "knowledge:item_list", order=25)]

    def ready(self) -> None:
        from engagiert.core.audit import audit_model
        from engagiert.core.extensions import search_providers

        from . import documents
        from .models import AssistanceOffer, KnowledgeItem

        for provider in documents.providers():
            search_providers.register(f"knowledge.{provider.kind}", provider)
        audit_model(KnowledgeItem)
        audit_model(AssistanceOffer)

    def home_figures(self) -> list[Figure]:
        from .models import KnowledgeItem, Visibility

        count = KnowledgeItem.objects.filter(
            status=KnowledgeItem.Status.PUBLISHED, visibility=Visibility.PUBLIC
        ).count()
        return [
            Figure(
                _("practice examples and other knowledge items"),
                count,
                reverse("knowledge:item_list"),
            )
        ]
