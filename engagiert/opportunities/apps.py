import datetime
from typing import Any

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from engagiert.core.extensions import (
    Figure,
    IndicatorProvider,
    NavItem,
    NewsItem,
    NewsProvider,
    Panel,
    PanelRequest,
    PeriodicJob,
    Place,
    figures,
    hours_evidence,
    indicator_providers,
    navigation,
    news_providers,
    panels,
    periodic_jobs,
    personal_data,
    search_providers,
)


def _figures() -> list[Figure]:
    from .queries import open_count

    count = open_count()
    label = ngettext("open engagement opportunity", "open engagement opportunities", count)
    return [Figure(label, count, reverse("opportunities:home"))]


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


def _saved_search_news(
    user: Any, since: datetime.datetime, until: datetime.datetime
) -> list[NewsItem]:
    """The new matches of each of the person's kept searches that tell by e-mail."""
    from django.http import QueryDict

    from .forms import MatchForm
    from .models import SavedSearch
    from .queries import saved_search_news

    news = []
    for search in SavedSearch.objects.filter(user=user, notify=True):
        criteria = MatchForm(QueryDict(search.query)).search()
        news += saved_search_news(search, criteria, since, until)
    return news


def _retention() -> int:
    from engagiert.core.audit import audit_actor

    from .retention import retention_run

    with audit_actor("retention"):
        return retention_run()


def _news(since: datetime.datetime, until: datetime.datetime) -> list[NewsItem]:
    """New opportunities and new actions of spontaneous help: one kind of news."""
    from .queries import opportunities_news
    from .shift_queries import actions_news

    return opportunities_news(since, until) + actions_news(since, until)


def _shift_figures() -> list[Figure]:
    from . import shift_queries

    url = reverse("opportunities:action_list")
    helpers = shift_queries.signed_up_this_month()
    shifts = shift_queries.open_shifts()
    return [
        Figure(
            ngettext(
                "helper signed up for shifts this month",
                "helpers signed up for shifts this month",
                helpers,
            ),
            helpers,
            url,
        ),
        Figure(ngettext("open shift", "open shifts", shifts), shifts, url),
    ]


def _shift_panels(request: PanelRequest) -> list[Panel]:
    """On a municipality's page: its current actions of spontaneous help."""
    from . import shift_queries

    if request.place != Place.AUTHORITY_DETAIL or request.authority is None:
        return []
    actions = list(shift_queries.public_actions(request.authority.ags)[:5])
    if not actions:
        return []
    return [
        Panel(
            "opportunities/_action_panel.html", {"actions": actions, "ags": request.authority.ags}
        )
    ]


def _shift_reminders() -> int:
    from .shifts import reminders_send

    return reminders_send()


def _confirmed_hours(year: int) -> dict[str, float]:
    from .shifts import confirmed_hours_by_authority

    return confirmed_hours_by_authority(year)


class OpportunitiesConfig(AppConfig):
    name = "engagiert.opportunities"
    label = "opportunities"
    verbose_name = _("Free engagement and cooperation")

    def ready(self) -> None:
        from .personal_data import declarations

        for key, declaration in declarations().items():
            personal_data.register(key, declaration)
        self._token_api_ready()
        from engagiert.core.audit import audit_model
        from engagiert.core.extensions import ApiRoute, api_routes

        from . import api, documents, shift_documents
        from .models import Action, ActionPlace, Opportunity, Provider, Shift, Task
        from .queries import placements_per_authority
        from .shifts import hours_evidence_lookup

        api_routes.register(
            "opportunities.opportunities",
            ApiRoute("opportunities", api.OpportunityViewSet, "opportunity"),
        )
        api_routes.register(
            "opportunities.actions", ApiRoute("actions", api.ActionViewSet, "action")
        )
        navigation.register(
            "opportunities.home", NavItem(_("Get involved"), "opportunities:home", order=35)
        )
        figures.register("opportunities.open", _figures)
        panels.register("opportunities.authority", _authority_panel)
        news_providers.register(
            "opportunities.new",
            NewsProvider("opportunities", _("New engagement opportunities"), _news, order=30),
        )
        news_providers.register(
            "opportunities.saved_searches",
            NewsProvider(
                "saved_searches",
                _("New matches for your kept searches"),
                order=35,
                personal=_saved_search_news,
            ),
        )
        periodic_jobs.register(
            "opportunities.retention",
            PeriodicJob(
                _("Delete interest that was not accepted, past shift sign-ups and ended contacts"),
                datetime.timedelta(days=1),
                _retention,
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
        # Spontaneous help in shifts
        figures.register("opportunities.shifts", _shift_figures)
        panels.register("opportunities.shift_actions", _shift_panels)
        search_providers.register("opportunities.action", shift_documents.provider())
        periodic_jobs.register(
            "opportunities.shift_reminders",
            PeriodicJob(
                _("Remind helpers of their shift the day before"),
                datetime.timedelta(hours=1),
                _shift_reminders,
                lease=datetime.timedelta(minutes=5),
            ),
        )
        indicator_providers.register(
            "opportunities.confirmed_hours",
            IndicatorProvider(_("Confirmed hours of engagement"), _("hours"), _confirmed_hours),
        )
        hours_evidence.register("opportunities.shift_hours", hours_evidence_lookup)
        for model in (Action, ActionPlace, Task, Shift):
            audit_model(model)
        self._cooperation_ready()

    def _cooperation_ready(self) -> None:
        """Corporate volunteering and the cooperation registry."""
        from engagiert.core.audit import audit_model
        from engagiert.core.extensions import (
            figures,
            indicator_providers,
            panels,
            search_providers,
        )

        from . import cooperation_extensions as extensions
        from .models import Cooperation, CorporateMatch

        search_providers.register("opportunities.cooperation", extensions.search_provider())
        panels.register("opportunities.cooperations", extensions.authority_panels)
        figures.register("opportunities.cooperations", extensions.figures)
        for key, provider in extensions.indicators().items():
            indicator_providers.register(key, provider)
        audit_model(Cooperation)
        audit_model(CorporateMatch)
        from engagiert.core.extensions import open_datasets

        from . import opendata

        for dataset in opendata.datasets():
            open_datasets.register(f"opportunities.{dataset.slug}", dataset)

    def _token_api_ready(self) -> None:
        """The JSON API's endpoints for integrations with a token (scoped)."""
        from engagiert.core.extensions import ApiRoute, api_routes

        from . import api

        api_routes.register(
            "opportunities.own-opportunities",
            ApiRoute("own/opportunities", api.OwnOpportunityViewSet, "own-opportunities"),
        )
