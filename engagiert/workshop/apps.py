from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from engagiert.core.navigation import NavItem, Panel


class WorkshopConfig(AppConfig):
    name = "engagiert.workshop"
    label = "workshop"
    verbose_name = _("Development workshop")
    navigation = [
        NavItem(pgettext_lazy("navigation", "Workshop"), "workshop:cohort_list", order=30)
    ]

    def ready(self) -> None:
        from engagiert.core.audit import audit_model

        from .models import Cohort, CohortApplication

        audit_model(Cohort)
        audit_model(CohortApplication)

    def panels(self, place: str, **context: Any) -> list[Panel]:
        """On the personal start page: the cohort spaces this person works in."""
        if place != "dashboard" or not context["user"].is_authenticated:
            return []
        from .models import CohortApplication, TeamMember

        memberships = TeamMember.objects.filter(
            user=context["user"],
            application__status=CohortApplication.Status.SELECTED,
            application__cohort__finished_at__isnull=True,
        ).select_related("application__cohort", "application__authority")
        if not memberships:
            return []
        return [Panel("workshop/_dashboard_team.html", {"memberships": memberships})]
