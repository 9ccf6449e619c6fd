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
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from engagiert.api.authentication import TokenAuthentication
from engagiert.api.permissions import CardsVerify
from engagiert.api.serializers import AuthorityRefSerializer, OptionalUrlField, display
from engagiert.api.viewsets import PublicViewSet

from . import partner_queries
from .cards import card_check
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


#: As long as the verification page accepts.
CODE_MAX_LENGTH = 2000

# --- Token access: verify a card's code (scope cards:verify) --------------------------------


class CardCheckSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=CODE_MAX_LENGTH, trim_whitespace=True)


class CardCheckAnswerSerializer(serializers.Serializer):
    """The verification page's answer to a scanned code, nothing more (no holder's data)."""

    reason = serializers.CharField()
    valid = serializers.BooleanField()
    text = serializers.CharField()
    revocation = serializers.CharField(allow_blank=True)


class CardCheckViewSet(viewsets.GenericViewSet):
    """Check the code of an Ehrenamtskarte: signature, dates and revocation."""

    authentication_classes = [TokenAuthentication]
    permission_classes = [CardsVerify]
    serializer_class = CardCheckSerializer

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        verification = card_check(serializer.validated_data["code"])
        answer = {
            "reason": verification.reason.value,
            "valid": verification.valid,
            "text": verification.text,
            "revocation": verification.revocation,
        }
        return Response(CardCheckAnswerSerializer(answer).data)
