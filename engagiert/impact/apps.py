import datetime
from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import (
    NavItem,
    Panel,
    PanelRequest,
    PeriodicJob,
    Place,
    navigation,
    panels,
    periodic_jobs,
    personal_data,
)


def _may_see_impact(user: Any) -> bool:
    from .permissions import can_use_impact

    return can_use_impact(user)


def _snapshot_last_year() -> object:
    """Early in a year, freeze last year's automatic indicators (nothing once it is frozen)."""
    from engagiert.core.audit import audit_actor

    from .services import snapshot_take_if_due

    with audit_actor("impact_snapshot"):
        return snapshot_take_if_due(today=datetime.date.today())


def _measures_panel(request: PanelRequest) -> list[Panel]:
    """On a municipality's page: its published measures, for the members of the network."""
    from . import measure_queries, permissions

    if request.place != Place.AUTHORITY_DETAIL or request.authority is None:
        return []
    if not permissions.can_view_published_measures(request.user):
        return []
    published = measure_queries.measures_of(request.authority, request.user).filter(
        is_published=True
    )
    measures = measure_queries.summaries(published)
    if not measures:
        return []
    context = {
        "authority": request.authority,
        "measures": measures,
        "sees_all": permissions.can_view_measures(request.user, request.authority),
    }
    return [Panel("impact/_measures_panel.html", context)]


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

        from .models import Evidence, Goal, Indicator, IndicatorValue, IndicatorVersion, Measure

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
        panels.register("impact.measures", _measures_panel)
        audit_model(Measure, scope=lambda measure: f"authority:{measure.authority_id}")
        audit_model(Evidence, scope=lambda evidence: f"measure:{evidence.measure_id}")
        audit_model(Goal, scope=lambda goal: f"authority:{goal.authority_id}")
        from engagiert.core.extensions import open_datasets

        from . import opendata

        for dataset in opendata.datasets():
            open_datasets.register(f"impact.{dataset.slug}", dataset)
