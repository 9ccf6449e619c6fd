from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import NavItem, navigation


class OpportunitiesConfig(AppConfig):
    name = "engagiert.opportunities"
    label = "opportunities"
    verbose_name = _("Free engagement and cooperation")

    def ready(self) -> None:
        navigation.register(
            "opportunities.home", NavItem(_("Get involved"), "opportunities:home", order=35)
        )
        self._cooperation_ready()

    def _cooperation_ready(self) -> None:
        """Corporate volunteering and the cooperation registry."""
        from engagiert.core.audit import audit_model
        from engagiert.core.extensions import (
            figures,
            indicator_providers,
            panels,
            search_providers,
        )

        from . import cooperation_extensions as extensions
        from .models import Cooperation, CorporateMatch

        search_providers.register("opportunities.cooperation", extensions.search_provider())
        panels.register("opportunities.cooperations", extensions.authority_panels)
        figures.register("opportunities.cooperations", extensions.figures)
        for key, provider in extensions.indicators().items():
            indicator_providers.register(key, provider)
        audit_model(Cooperation)
        audit_model(CorporateMatch)
