from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from engagiert.core.navigation import Figure, NavItem


class EventsConfig(AppConfig):
    name = "engagiert.events"
    label = "events"
    verbose_name = _("Events")
    navigation = [NavItem(_("Events"), "events:event_list", order=20)]

    def ready(self) -> None:
        from engagiert.core.audit import audit_model
        from engagiert.core.extensions import search_providers

        from . import documents
        from .models import AgendaItem, Event

        search_providers.register("events.event", documents.provider())
        audit_model(Event)
        audit_model(AgendaItem)

    def home_figures(self) -> list[Figure]:
        from .queries import EventFilter, events

        upcoming = events(EventFilter(), user=None).count()
        return [Figure(_("upcoming events"), upcoming, reverse("events:event_list"))]
