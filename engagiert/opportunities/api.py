"""Free engagement in the JSON API: public opportunities, and actions with their shifts to come
and the free places in each.

Public as on the pages: open opportunities of verified providers that have not ended (no
contact e-mail: the page shows name and phone only, interest goes through the site); published
actions of verified providers with shifts to come (no helpers' names)."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from engagiert.api.authentication import TokenAuthentication
from engagiert.api.permissions import OpportunitiesWrite
from engagiert.api.serializers import AuthorityRefSerializer, PageUrlField, TopicSerializer, display
from engagiert.api.viewsets import PublicViewSet
from engagiert.core.audit import audit_actor
from engagiert.core.forms import FilterForm
from engagiert.registry.models import Authority, Topic
from engagiert.registry.queries import municipalities

from . import permissions, queries, services, shift_queries
from .models import Action, ActionPlace, Opportunity, Provider, Shift, ShiftSignup, Task


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


class OwnOpportunitySerializer(serializers.ModelSerializer):
    """An opportunity as its provider writes it; the municipality by AGS, the topic by slug."""

    authority = serializers.SlugRelatedField(slug_field="ags", queryset=municipalities())
    topic = serializers.SlugRelatedField(slug_field="slug", queryset=Topic.objects.all())
    latitude = serializers.FloatField(min_value=-90, max_value=90, required=False)
    longitude = serializers.FloatField(min_value=-180, max_value=180, required=False)
    status_display = serializers.CharField(source="status_label", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Opportunity
        fields = ("id", *services.OPPORTUNITY_FIELDS, "status_display", "url", "updated_at")
        read_only_fields = ("id", "updated_at")

    def get_url(self, opportunity: Opportunity) -> str:
        return self.context["request"].build_absolute_uri(opportunity.get_absolute_url())

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("latitude" in attrs) != ("longitude" in attrs):
            raise serializers.ValidationError(
                {"longitude": _("Give both latitude and longitude, or neither.")}
            )
        return attrs


class OwnOpportunityViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The opportunities of the token's organisation: list, create, change (also the status:
    open, filled, paused). Writes go through the same service as the provider's pages and are
    written to the audit log under the token's name."""

    authentication_classes = [TokenAuthentication]
    permission_classes = [OpportunitiesWrite]
    lookup_value_regex = "[0-9]+"
    queryset = Opportunity.objects.none()  # for the schema; the rows come from the token
    serializer_class = OwnOpportunitySerializer

    def get_queryset(self) -> QuerySet[Opportunity]:
        organisation_id = self.request.auth.organisation_id
        return queries.with_details(
            Opportunity.objects.filter(provider__organisation_id=organisation_id)
        ).order_by("-created_at", "-pk")

    def _provider(self) -> Provider:
        provider = Provider.objects.filter(organisation_id=self.request.auth.organisation_id)
        found = provider.select_related("organisation").first()
        if found is None or not permissions.organisation_manages(
            self.request.auth.organisation_id, found
        ):
            raise PermissionDenied(_("The token's organisation is no provider of opportunities."))
        return found

    def _save(self, data: dict[str, Any], **where: Any) -> Opportunity:
        try:
            with audit_actor(str(self.request.user)):
                return services.opportunity_save(data=data, **where)
        except DjangoValidationError as error:
            detail = error.message_dict if hasattr(error, "error_dict") else error.messages
            raise serializers.ValidationError(detail) from None

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = self._save(serializer.validated_data, provider=self._provider())

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        """A partial change keeps the place: the stored municipality and coordinates."""
        opportunity: Opportunity = serializer.instance
        data: dict[str, Any] = {
            "authority": opportunity.authority,
            "latitude": opportunity.latitude,
            "longitude": opportunity.longitude,
            **serializer.validated_data,
        }
        serializer.instance = self._save(
            data, provider=opportunity.provider, opportunity=opportunity
        )
