from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import (
    NavItem,
    navigation,
    personal_data,
)


def _office(user: Any) -> bool:
    from .permissions import can_edit_legal_pages

    return can_edit_legal_pages(user)


class LegalConfig(AppConfig):
    name = "engagiert.legal"
    label = "legal"
    verbose_name = _("Legal pages and consent")

    def ready(self) -> None:
        self._inbox_ready()
        from django.db.models.signals import post_migrate

        from . import reference

        post_migrate.connect(reference.pages_seed, sender=self)
        post_migrate.connect(reference.notes_seed, sender=self)
        navigation.register(
            "legal.office", NavItem(_("Legal pages"), "legal:office", _office, order=85)
        )
        from .personal_data import declarations

        for key, declaration in declarations().items():
            personal_data.register(key, declaration)

    def _inbox_ready(self) -> None:
        """What waits for the network office in its inbox."""
        from engagiert.core.extensions import inbox_providers

        from .queries import inbox_open_feedback

        inbox_providers.register("legal.feedback", inbox_open_feedback)
