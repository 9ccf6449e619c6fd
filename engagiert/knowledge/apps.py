from typing import Any

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import Figure, NavItem, figures, navigation


def _figures() -> list[Figure]:
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


class KnowledgeConfig(AppConfig):
    name = "engagiert.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge and collegial exchange")

    def ready(self) -> None:
        from engagiert.core.audit import audit_model
        from engagiert.registry.signals import registry_imported

        from . import indexing
        from .models import AssistanceOffer, KnowledgeItem

        navigation.register(
            "knowledge.items", NavItem(_("Knowledge"), "knowledge:item_list", order=25)
        )
        figures.register("knowledge.items", _figures)
        indexing.connect()
        registry_imported.connect(self._reindex_authorities, dispatch_uid="search-registry")
        audit_model(KnowledgeItem)
        audit_model(AssistanceOffer)

    @staticmethod
    def _reindex_authorities(sender: Any, **kwargs: Any) -> None:
        from engagiert.registry.models import Authority

        from . import indexing

        for authority in Authority.objects.select_related("region", "profile").iterator(
            chunk_size=500
        ):
            indexing.refresh(authority)
