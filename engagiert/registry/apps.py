from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from engagiert.core.navigation import Figure, NavItem


class RegistryConfig(AppConfig):
    name = "engagiert.registry"
    label = "registry"
    verbose_name = _("Registry of authorities")
    navigation = [NavItem(_("Municipalities"), "registry:authority_list", order=10)]

    def ready(self) -> None:
        from engagiert.core.audit import audit_model

        from .models import Authority, Organisation, Topic

        audit_model(Authority, scope=lambda authority: f"authority:{authority.ags}")
        audit_model(Organisation)
        audit_model(Topic)

    def home_figures(self) -> list[Figure]:
        from .queries import registry_figures

        figures = registry_figures()
        listing = reverse("registry:authority_list")
        return [
            Figure(
                _("towns and municipalities in the registry"),
                figures.municipalities,
                f"{listing}?kind=gemeinden",
            ),
            Figure(_("Kreise and Städteregion"), figures.districts, f"{listing}?kind=kreise"),
            Figure(_("inhabitants of these municipalities"), figures.inhabitants),
            Figure(_("partner organisations"), figures.organisations),
        ]
