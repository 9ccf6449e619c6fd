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
