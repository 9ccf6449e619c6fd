from typing import Any

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from engagiert.core.navigation import Figure, NavItem, Panel


def _office(user: Any) -> bool:
    from engagiert.accounts.permissions import is_office

    return is_office(user)


class MembershipConfig(AppConfig):
    name = "engagiert.membership"
    label = "membership"
    verbose_name = _("Network and membership")
    navigation = [
        NavItem(_("Network"), "membership:directory", order=5),
        NavItem(_("Applications"), "membership:application_queue", _office, order=80),
    ]

    def ready(self) -> None:
        from engagiert.core.audit import audit_model
        from engagiert.core.extensions import search_providers

        from . import documents, models

        for provider in documents.providers():
            search_providers.register(f"membership.{provider.kind}", provider)

        def by_authority(obj: Any) -> str:
            return f"authority:{obj.authority_id}"

        audit_model(models.Profile, scope=by_authority)
        audit_model(models.ContactPerson, scope=by_authority)
        audit_model(models.Leader, scope=by_authority)
        audit_model(models.StrategyDocument, scope=lambda d: f"authority:{d.profile_id}")
        audit_model(models.Membership, scope=by_authority)
        for model in (
            models.Topic,
            models.Declaration,
            models.SigningWave,
            models.Signature,
            models.Partnership,
        ):
            audit_model(model)

    def home_figures(self) -> list[Figure]:
        from .queries import current_member_keys

        return [
            Figure(
                _("members of the network"),
                len(current_member_keys()),
                reverse("membership:directory"),
            )
        ]

    def panels(self, place: str, **context: Any) -> list[Panel]:
        from . import panels

        return panels.for_place(place, **context)
