from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import NavItem, navigation


class VolunteerCardConfig(AppConfig):
    name = "engagiert.volunteercard"
    label = "volunteercard"
    verbose_name = _("Ehrenamtskarte")

    def ready(self) -> None:
        navigation.register(
            "volunteercard.home", NavItem(_("Ehrenamtskarte"), "volunteercard:home", order=40)
        )
