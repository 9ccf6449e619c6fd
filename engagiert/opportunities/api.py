"""The JSON API of opportunities."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from engagiert.api.authentication import TokenAuthentication
from engagiert.api.permissions import OpportunitiesWrite
from engagiert.core.audit import audit_actor
from engagiert.registry.models import Topic
from engagiert.registry.queries import municipalities

from . import permissions, queries, services
from .models import Opportunity, Provider

# --- Token access: the own organisation's opportunities (scope opportunities:write) ---------


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
