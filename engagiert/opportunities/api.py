"""Free engagement in the JSON API: public opportunities, and actions with their shifts to come
and the free places in each.

Public as on the pages: open opportunities of verified providers that have not ended (no
contact e-mail: the page shows name and phone only, interest goes through the site); published
actions of verified providers with shifts to come (no helpers' names)."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from engagiert.api.serializers import AuthorityRefSerializer, PageUrlField, TopicSerializer, display
from engagiert.api.viewsets import PublicViewSet
from engagiert.core.forms import FilterForm
from engagiert.registry.models import Authority

from . import queries, shift_queries
from .models import Action, ActionPlace, Opportunity, Shift, ShiftSignup, Task

# --- Opportunities --------------------------------------------------------------------------


@dataclass(frozen=True)
class OpportunityFilter:
    topic: str = ""
    gemeinde: str = ""
    remote: bool = False


class OpportunityFilterForm(FilterForm):
    """Topic, place (a Gemeinde, or a Kreis for all its Gemeinden) and work from home."""

    filter_class = OpportunityFilter

    topic = forms.ChoiceField(label=_("Topic"), required=False)
    gemeinde = forms.RegexField(
        regex=r"^[0-9]{5}([0-9]{3})?$",
        label=_("Municipality or Kreis (AGS)"),
        required=False,
        help_text=_("Official key of a Gemeinde or of a Kreis."),
        error_messages={"invalid": _("Give the official key: 5 or 8 digits.")},
    )
    remote = forms.BooleanField(label=_("possible from home"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        topics = queries.topics().values_list("slug", "name")
        self.set_choices("topic", [("", _("All topics")), *topics])


class ProviderNameField(serializers.CharField):
    def __init__(self) -> None:
        super().__init__(source="provider.organisation.name", read_only=True)


class OpportunitySerializer(serializers.ModelSerializer):
    provider = ProviderNameField()
    topic = TopicSerializer(read_only=True, allow_null=True)
    authority = AuthorityRefSerializer(read_only=True)
    schedule_display = display("schedule")
    web_url = PageUrlField()

    class Meta:
        model = Opportunity
        fields = [
            "id",
            "title",
            "description",
            "provider",
            "topic",
            "target_groups",
            "authority",
            "address",
            "latitude",
            "longitude",
            "schedule",
            "schedule_display",
            "hours_per_week",
            "on_weekdays",
            "on_weekends",
            "in_evenings",
            "starts_on",
            "ends_on",
            "skills",
            "requirements",
            "languages",
            "accessibility",
            "remote_possible",
            "minimum_age",
            "contact_name",
            "contact_phone",
            "web_url",
        ]


@extend_schema_view(
    list=extend_schema(summary=_("Public engagement opportunities, newest first")),
    retrieve=extend_schema(summary=_("A public engagement opportunity")),
)
class OpportunityViewSet(PublicViewSet):
    serializer_class = OpportunitySerializer
    filter_form_class = OpportunityFilterForm

    def get_queryset(self) -> QuerySet[Opportunity]:
        opportunities = queries.with_details(queries.public_opportunities())
        if self.action != "list":
            return opportunities
        filters = self.filters()
        if filters.topic:
            opportunities = opportunities.filter(topic__slug=filters.topic)
        if filters.gemeinde:
            opportunities = queries.in_area(opportunities, Authority(ags=filters.gemeinde))
        if filters.remote:
            opportunities = opportunities.filter(remote_possible=True)
        return opportunities.order_by("-created_at", "-pk")


# --- Actions and shifts ---------------------------------------------------------------------


class ShiftSerializer(serializers.ModelSerializer):
    taken = serializers.IntegerField(read_only=True, help_text=_("Confirmed helpers."))
    free_places = serializers.SerializerMethodField()

    class Meta:
        model = Shift
        fields = ["id", "starts_at", "ends_at", "needed", "taken", "free_places"]

    def get_free_places(self, shift: Any) -> int:
        return max(shift.needed - shift.taken, 0)


class TaskSerializer(serializers.ModelSerializer):
    shifts = ShiftSerializer(many=True, read_only=True)

    class Meta:
        model = Task
        fields = ["id", "title", "description", "requirements", "shifts"]


class PlaceSerializer(serializers.ModelSerializer):
    authority = AuthorityRefSerializer(read_only=True)
    tasks = TaskSerializer(many=True, read_only=True)

    class Meta:
        model = ActionPlace
        fields = ["id", "name", "address", "authority", "latitude", "longitude", "tasks"]


class ActionSerializer(serializers.ModelSerializer):
    provider = ProviderNameField()
    authority = AuthorityRefSerializer(read_only=True)
    next_shift = serializers.DateTimeField(read_only=True)
    places = PlaceSerializer(many=True, read_only=True)
    web_url = PageUrlField()

    class Meta:
        model = Action
        fields = [
            "id",
            "title",
            "description",
            "provider",
            "authority",
            "next_shift",
            "places",
            "web_url",
        ]


class ActionFilterForm(FilterForm):
    """The action list's filter: the municipality of the action."""

    filter_class = dict
    gemeinde = forms.ChoiceField(label=_("Municipality"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        authorities = shift_queries.action_authorities()
        self.set_choices("gemeinde", [("", _("All municipalities")), *authorities])


@extend_schema_view(
    list=extend_schema(summary=_("Actions with shifts to come and their free places")),
    retrieve=extend_schema(summary=_("An action with its shifts to come")),
)
class ActionViewSet(PublicViewSet):
    """Spontaneous help: published actions, places → tasks → shifts still to come."""

    serializer_class = ActionSerializer
    filter_form_class = ActionFilterForm

    def get_queryset(self) -> QuerySet[Action]:
        gemeinde = self.filters().get("gemeinde", "") if self.action == "list" else ""
        confirmed = Q(signups__status=ShiftSignup.Status.CONFIRMED)
        shifts = (
            Shift.objects.filter(starts_at__gt=timezone.now())
            .annotate(taken=Count("signups", filter=confirmed))
            .order_by("starts_at", "pk")
        )
        return shift_queries.public_actions(gemeinde).prefetch_related(
            Prefetch("places", ActionPlace.objects.select_related("authority").order_by("pk")),
            Prefetch("places__tasks", Task.objects.order_by("title", "pk")),
            Prefetch("places__tasks__shifts", shifts),
        )
