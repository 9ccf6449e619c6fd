"""Events in the JSON API: upcoming and past events with their programme and free places.

What an anonymous visitor of /veranstaltungen/ sees: published and cancelled events, never
drafts; no online link (registered participants only), no registrations, no files."""

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from engagiert.api.serializers import (
    OrganisationRefSerializer,
    PageUrlField,
    TopicSerializer,
    display,
)
from engagiert.api.viewsets import PublicViewSet

from . import queries
from .forms import EventFilterForm
from .models import AgendaItem, Event, Registration


def _free(capacity: int | None, taken: int) -> int | None:
    return None if capacity is None else max(capacity - taken, 0)


class AgendaItemSerializer(serializers.ModelSerializer):
    kind_display = display("kind")
    free_places = serializers.SerializerMethodField(
        help_text=_("Places left in a workshop; null without a limit.")
    )

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "title",
            "kind",
            "kind_display",
            "starts_at",
            "ends_at",
            "room",
            "moderators",
            "description",
            "capacity",
            "free_places",
        ]

    def get_free_places(self, item: AgendaItem) -> int | None:
        return _free(item.capacity, getattr(item, "taken", 0))


class EventSerializer(serializers.ModelSerializer):
    kind_display = display("kind")
    status_display = display("status")
    open_to_public = serializers.BooleanField(
        source="is_public", help_text=_("Anyone may register, not only network members.")
    )
    free_places = serializers.SerializerMethodField(
        help_text=_("Places left; null without a limit.")
    )
    topics = TopicSerializer(many=True, read_only=True)
    organisers = OrganisationRefSerializer(many=True, read_only=True)
    programme = AgendaItemSerializer(many=True, read_only=True, source="agenda")
    web_url = PageUrlField()

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "kind",
            "kind_display",
            "status",
            "status_display",
            "starts_at",
            "ends_at",
            "venue_name",
            "venue_address",
            "open_to_public",
            "description",
            "capacity",
            "free_places",
            "registration_deadline",
            "topics",
            "organisers",
            "programme",
            "web_url",
        ]

    def get_free_places(self, event: Any) -> int | None:
        return _free(event.capacity, getattr(event, "taken", 0))


@extend_schema_view(
    list=extend_schema(summary=_("Events of the network (upcoming by default)")),
    retrieve=extend_schema(summary=_("An event with its programme")),
)
class EventViewSet(PublicViewSet):
    """Events as the event list shows them: `when=upcoming` (default), `past` or `all`."""

    serializer_class = EventSerializer
    filter_form_class = EventFilterForm

    def get_queryset(self) -> QuerySet[Event]:
        filters = self.filters() if self.action == "list" else queries.EventFilter(when="all")
        confirmed = Q(registrations__status=Registration.Status.CONFIRMED)
        programme = AgendaItem.objects.annotate(taken=Count("registrations", filter=confirmed))
        return queries.events(filters, self.viewer).prefetch_related(
            Prefetch("agenda", programme.order_by("starts_at", "title")),
            "organisers",
        )
