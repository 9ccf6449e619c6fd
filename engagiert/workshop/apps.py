from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from engagiert.core.navigation import NavItem


class WorkshopConfig(AppConfig):
    name = "engagiert.workshop"
    label = "workshop"
    verbose_name = _("Development workshop")
    navigation = [NavItem(_("Workshop"), "workshop:cohort_list", order=30)]

    def ready(self) -> None:
        from engagiert.core.audit import audit_model

        from .models import Cohort, CohortApplication

        audit_model(Cohort)
        audit_model(CohortApplication)
