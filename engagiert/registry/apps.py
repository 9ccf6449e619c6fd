from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import Figure, NavItem, figures, navigation


def _figures() -> list[Figure]:
    from .queries import registry_figures

    counts = registry_figures()
    listing = reverse("registry:authority_list")
    return [
        Figure(
            _("towns and municipalities in the registry"),
            counts.municipalities,
            f"{listing}?kind=gemeinden",
        ),
        Figure(_("Kreise and Städteregion"), counts.districts, f"{listing}?kind=kreise"),
        Figure(_("inhabitants of these municipalities"), counts.inhabitants),
        Figure(_("partner organisations"), counts.organisations),
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
