"""The Ehrenamtskarte's benefit partners in the JSON API: approved partners with their
locations and current benefits, and the benefits filtered like /ehrenamtskarte/vorteile/.

Pending and rejected partners, ended benefits, the partners' contact persons and e-mail
addresses (the pages show none of them) never leave here."""

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from engagiert.api.serializers import AuthorityRefSerializer, OptionalUrlField, display
from engagiert.api.viewsets import PublicViewSet

from . import partner_queries
from .models import Benefit, BenefitPartner, PartnerLocation
from .partner_forms import BenefitFilterForm


@extend_schema_field(OpenApiTypes.URI)
class PartnerPageField(serializers.Field):
    """The partner's page on the website."""

    def __init__(self, source: str = "*") -> None:
        super().__init__(source=source, read_only=True, help_text=_("The page on the website."))

    def to_representation(self, value: Any) -> str:
        return settings.SITE_URL + reverse("volunteercard:partner_detail", args=[value.pk])


class LocationSerializer(serializers.ModelSerializer):
    authority = AuthorityRefSerializer(read_only=True)

    class Meta:
        model = PartnerLocation
        fields = ["id", "name", "street", "postcode", "authority", "latitude", "longitude"]


class BenefitSerializer(serializers.ModelSerializer):
    category_display = display("category")
    kind_display = display("kind")
    value_label = serializers.CharField(read_only=True, help_text=_("The benefit in words."))
    locations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Benefit
        fields = [
            "id",
            "title",
            "category",
            "category_display",
            "kind",
            "kind_display",
            "percent",
            "amount_eur",
            "value_label",
            "conditions",
            "valid_from",
            "valid_until",
            "statewide",
            "locations",
        ]


class PartnerSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="organisation.name", read_only=True)
    website = OptionalUrlField(source="organisation.website")
    locations = LocationSerializer(many=True, read_only=True)
    benefits = BenefitSerializer(many=True, read_only=True)
    web_url = PartnerPageField()

    class Meta:
        model = BenefitPartner
        fields = ["id", "name", "website", "description", "locations", "benefits", "web_url"]


@extend_schema_view(
    list=extend_schema(summary=_("Benefit partners of the Ehrenamtskarte")),
    retrieve=extend_schema(summary=_("A benefit partner with its locations and benefits")),
)
class PartnerViewSet(PublicViewSet):
    serializer_class = PartnerSerializer

    def get_queryset(self) -> QuerySet[BenefitPartner]:
        return partner_queries.public_partners()


class PartnerRefSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="organisation.name", read_only=True)
    web_url = PartnerPageField()

    class Meta:
        model = BenefitPartner
        fields = ["id", "name", "web_url"]


class BenefitListSerializer(BenefitSerializer):
    partner = PartnerRefSerializer(read_only=True)
    locations = LocationSerializer(many=True, read_only=True)

    class Meta(BenefitSerializer.Meta):
        fields = [*BenefitSerializer.Meta.fields, "partner"]


@extend_schema_view(
    list=extend_schema(summary=_("Current benefits for card holders")),
    retrieve=extend_schema(summary=_("A current benefit")),
)
class BenefitViewSet(PublicViewSet):
    serializer_class = BenefitListSerializer
    filter_form_class = BenefitFilterForm

    def get_queryset(self) -> QuerySet[Benefit]:
        filters = self.filters() if self.action == "list" else partner_queries.BenefitFilter()
        return partner_queries.with_partner_and_places(partner_queries.public_benefits(filters))
