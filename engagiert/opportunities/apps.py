import datetime

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import (
    Figure,
    IndicatorProvider,
    NavItem,
    NewsProvider,
    Panel,
    PanelRequest,
    PeriodicJob,
    Place,
    figures,
    indicator_providers,
    navigation,
    news_providers,
    panels,
    periodic_jobs,
    search_providers,
)


def _figures() -> list[Figure]:
    from .queries import open_count

    return [Figure(_("open engagement opportunities"), open_count(), reverse("opportunities:home"))]


def _authority_panel(request: PanelRequest) -> list[Panel]:
    """The authority's open opportunities (those of its Gemeinden for a Kreis)."""
    from .queries import in_area, public_opportunities, with_details

    if request.place != Place.AUTHORITY_DETAIL or request.authority is None:
        return []
    found = in_area(public_opportunities(), request.authority)
    count = found.count()
    if not count:
        return []
    shown = list(with_details(found).order_by("-created_at")[:5])
    context = {"authority": request.authority, "opportunities": shown, "count": count}
    return [Panel("opportunities/_authority_panel.html", context)]


def _notify_saved_searches() -> int:
    from .services import saved_searches_notify

    return saved_searches_notify()


class OpportunitiesConfig(AppConfig):
    name = "engagiert.opportunities"
    label = "opportunities"
    verbose_name = _("Free engagement and cooperation")

    def ready(self) -> None:
        from engagiert.core.audit import audit_model

        from . import documents
        from .models import Opportunity, Provider
        from .queries import opportunities_news, placements_per_authority

        navigation.register(
            "opportunities.home", NavItem(_("Get involved"), "opportunities:home", order=35)
        )
        figures.register("opportunities.open", _figures)
        panels.register("opportunities.authority", _authority_panel)
        news_providers.register(
            "opportunities.new",
            NewsProvider(
                "opportunities", _("New engagement opportunities"), opportunities_news, order=30
            ),
        )
        periodic_jobs.register(
            "opportunities.saved_searches",
            PeriodicJob(
                _("Tell volunteers about new opportunities for their kept searches"),
                datetime.timedelta(days=1),
                _notify_saved_searches,
            ),
        )
        indicator_providers.register(
            "opportunities.placements",
            IndicatorProvider(
                _("Volunteers placed in engagement opportunities"),
                _("people"),
                placements_per_authority,
            ),
        )
        search_providers.register("opportunities.opportunity", documents.provider())
        audit_model(Provider, scope=lambda p: f"authority:{p.authority_id}")
        audit_model(Opportunity, scope=lambda o: f"authority:{o.authority_id}")
