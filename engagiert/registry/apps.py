from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from engagiert.core.extensions import Figure, NavItem, figures, navigation


def _figures() -> list[Figure]:
    from .queries import registry_figures

    counts = registry_figures()
    listing = reverse("registry:authority_list")
    return [
        Figure(
            ngettext(
                "town or municipality in the registry",
                "towns and municipalities in the registry",
                counts.municipalities,
            ),
            counts.municipalities,
            f"{listing}?kind=gemeinden",
        ),
        Figure(
            ngettext("Kreis or Städteregion", "Kreise and Städteregion", counts.districts),
            counts.districts,
            f"{listing}?kind=kreise",
        ),
        Figure(
            ngettext(
                "inhabitant of these municipalities",
                "inhabitants of these municipalities",
                counts.inhabitants,
            ),
            counts.inhabitants,
        ),
        Figure(
            ngettext("partner organisation", "partner organisations", counts.organisations),
            counts.organisations,
        ),
    ]


class RegistryConfig(AppConfig):
    name = "engagiert.registry"
    label = "registry"
    verbose_name = _("Registry of authorities")

    def ready(self) -> None:
        from engagiert.core.audit import audit_model

        from .models import Authority, Organisation, Topic

        navigation.register(
            "registry.authorities",
            NavItem(_("Municipalities"), "registry:authority_list", order=10),
        )
        figures.register("registry.authorities", _figures)
        audit_model(Authority, scope=lambda authority: f"authority:{authority.ags}")
        audit_model(Organisation)
        audit_model(Topic)
