import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from engagiert.core.extensions import (
    IndicatorProvider,
    NavItem,
    PeriodicJob,
    indicator_providers,
    navigation,
    panels,
    periodic_jobs,
    personal_data,
    segment_rules,
)


def _send_reminders() -> int:
    from .services import slot_reminders_send

    return slot_reminders_send()


def _purge_declined() -> int:
    from .services import applications_declined_purge

    return applications_declined_purge()


class WorkshopConfig(AppConfig):
    name = "engagiert.workshop"
    label = "workshop"
    verbose_name = _("Development workshop")

    def ready(self) -> None:
        from .personal_data import declarations

        for key, declaration in declarations().items():
            personal_data.register(key, declaration)
        self._inbox_ready()
        from engagiert.core.audit import audit_model

        from . import panels as workshop_panels
        from .models import Cohort, CohortApplication
        from .queries import cohort_recipients, participation_indicator

        navigation.register(
            "workshop.cohorts",
            NavItem(pgettext_lazy("navigation", "Workshop"), "workshop:cohort_list", order=30),
        )
        panels.register("workshop.team_spaces", workshop_panels.for_place)
        segment_rules.register("workshop.cohort", cohort_recipients)
        periodic_jobs.register(
            "workshop.reminders",
            PeriodicJob(
                _("Remind teams of consultation appointments"),
                datetime.timedelta(hours=1),
                _send_reminders,
            ),
        )
        periodic_jobs.register(
            "workshop.retention",
            PeriodicJob(
                _("Delete the personal data of applications not selected"),
                datetime.timedelta(days=1),
                _purge_declined,
            ),
        )
        indicator_providers.register(
            "workshop.participation",
            IndicatorProvider(
                _("Teams in the development workshop"), _("count"), participation_indicator
            ),
        )
        audit_model(Cohort)
        audit_model(CohortApplication)

    def _inbox_ready(self) -> None:
        """What waits for the network office in its inbox."""
        from engagiert.core.extensions import inbox_providers

        from .queries import inbox_applications

        inbox_providers.register("workshop.applications", inbox_applications)
