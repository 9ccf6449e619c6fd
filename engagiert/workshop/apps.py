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

    def segment_recipients(self, segment: Any) -> list[Any]:
        """The audience rule »development teams of one cohort« (see audiences.queries)."""
        from engagiert.audiences.queries import Recipient

        from .models import TeamMember

        if segment.kind != "cohort" or not segment.cohort_number:
            return []
        members = TeamMember.objects.filter(
            application__cohort__number=segment.cohort_number, application__status="selected"
        ).select_related("application")
        return [Recipient(m.email, m.name, m.application.authority_id) for m in members]

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
