import datetime
from typing import Any

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from engagiert.core.extensions import (
    ConsentPurpose,
    Figure,
    IndicatorProvider,
    NavItem,
    NewsProvider,
    PeriodicJob,
    consent_purposes,
    figures,
    indicator_providers,
    navigation,
    news_providers,
    periodic_jobs,
    personal_data,
    segment_rules,
)


def _figures() -> list[Figure]:
    from .queries import EventFilter, events

    upcoming = events(EventFilter(), user=None).count()
    label = ngettext("upcoming event", "upcoming events", upcoming)
    return [Figure(label, upcoming, reverse("events:event_list"))]


def _purge_needs() -> int:
    """Accessibility and dietary needs are deleted once an event is over (data minimisation)."""
    from engagiert.core.audit import audit_actor

    from .services import registration_needs_purge

    with audit_actor("events_housekeeping"):
        return registration_needs_purge()


def _send_reminders() -> int:
    """Confirmed participants are reminded of an event a few days before it (once)."""
    from .office_services import reminders_send

    return reminders_send()


def _withdraw_list_consent(record: Any) -> None:
    from .services import registration_list_consent_withdraw

    registration_list_consent_withdraw(registration_id=int(record.reference))


def _withdraw_needs_consent(record: Any) -> None:
    from .services import registration_needs_withdraw

    registration_needs_withdraw(registration_id=int(record.reference))


def _registration_event(reference: str) -> str:
    from .models import Registration

    registration = Registration.objects.select_related("event").filter(pk=reference).first()
    return registration.event.title if registration else ""


class EventsConfig(AppConfig):
    name = "engagiert.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from .personal_data import declarations

        for key, declaration in declarations().items():
            personal_data.register(key, declaration)
        self._inbox_ready()
        from engagiert.core.audit import audit_model
        from engagiert.core.extensions import ApiRoute, api_routes, search_providers

        from . import api, documents
        from .models import AgendaItem, Event
        from .queries import events_news, participations_indicator, segment_participants

        api_routes.register("events.events", ApiRoute("events", api.EventViewSet, "event"))
        navigation.register("events.events", NavItem(_("Events"), "events:event_list", order=20))
        figures.register("events.upcoming", _figures)
        segment_rules.register("events.event", segment_participants)
        news_providers.register(
            "events.new_events", NewsProvider("events", _("New events"), events_news, order=10)
        )
        periodic_jobs.register(
            "events.housekeeping",
            PeriodicJob(
                _("Delete the needs of past events"), datetime.timedelta(days=1), _purge_needs
            ),
        )
        periodic_jobs.register(
            "events.reminders",
            PeriodicJob(
                _("Remind participants of their event"),
                datetime.timedelta(hours=1),
                _send_reminders,
            ),
        )
        search_providers.register("events.event", documents.provider())
        indicator_providers.register(
            "events.participations",
            IndicatorProvider(
                _("Participations in network events"), _("count"), participations_indicator
            ),
        )
        from .models import Registration
        from .services import LIST_PURPOSE, NEEDS_CONSENT_WORDING, NEEDS_PURPOSE

        consent_purposes.register(
            LIST_PURPOSE,
            ConsentPurpose(
                _("Name on the participant list"),
                Registration._meta.get_field("list_consent").verbose_name,
                "1",
                _withdraw_list_consent,
                _registration_event,
            ),
        )
        consent_purposes.register(
            NEEDS_PURPOSE,
            ConsentPurpose(
                _("Accessibility or dietary needs (special categories, Art. 9 DSGVO)"),
                NEEDS_CONSENT_WORDING,
                "1",
                _withdraw_needs_consent,
                _registration_event,
            ),
        )
        audit_model(Event)
        audit_model(AgendaItem)
        from engagiert.core.extensions import open_datasets

        from . import opendata

        for dataset in opendata.datasets():
            open_datasets.register(f"events.{dataset.slug}", dataset)

    def _inbox_ready(self) -> None:
        """What waits for the network office in its inbox, and the start pages' events."""
        from engagiert.core.extensions import inbox_providers

        from .queries import inbox_waiting_lists

        inbox_providers.register("events.waiting_lists", inbox_waiting_lists)
        from engagiert.core.extensions import panels

        from .panels import for_place

        panels.register("events.start_pages", for_place)
