import datetime
from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import NavItem, PeriodicJob, navigation, periodic_jobs, personal_data


def _may_see_impact(user: Any) -> bool:
    from .permissions import can_use_impact

    return can_use_impact(user)


def _snapshot_last_year() -> object:
    """Early in a year, freeze last year's automatic indicators (nothing once it is frozen)."""
    from engagiert.core.audit import audit_actor

    from .services import snapshot_take_if_due

    with audit_actor("impact_snapshot"):
        return snapshot_take_if_due(today=datetime.date.today())


class ImpactConfig(AppConfig):
    name = "engagiert.impact"
    label = "impact"
    verbose_name = _("Impact")

    def ready(self) -> None:
        from .personal_data import declarations

        for key, declaration in declarations().items():
            personal_data.register(key, declaration)
        from django.db.models.signals import post_migrate

        from . import reference

        post_migrate.connect(reference.catalogue_seed, sender=self)
        from engagiert.core.audit import audit_model

        from .models import Indicator, IndicatorValue, IndicatorVersion

        navigation.register(
            "impact.home", NavItem(_("Impact"), "impact:home", _may_see_impact, order=60)
        )
        periodic_jobs.register(
            "impact.snapshot",
            PeriodicJob(
                _("Freeze last year's automatic impact indicators"),
                datetime.timedelta(days=1),
                _snapshot_last_year,
            ),
        )
        audit_model(Indicator)
        audit_model(IndicatorVersion)
        audit_model(IndicatorValue, scope=lambda value: f"authority:{value.authority_id}")
