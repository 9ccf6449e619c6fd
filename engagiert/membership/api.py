"""The network in the JSON API: the registry's authorities with their membership, the members
with their public profile, and the joint declaration with its signatories.

The authorities live here rather than in the registry: whether one is a member is the
network's fact, and the registry sits below the API layer. Only what the public pages show
leaves: contact details the authority marked public, public strategy documents, no leader's
e-mail, no applications."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets

from engagiert.api.authentication import TokenAuthentication
from engagiert.api.permissions import MembersRead
from engagiert.api.serializers import (
    AuthorityRefSerializer,
    OptionalUrlField,
    PageUrlField,
    TopicSerializer,
    display,
)
from engagiert.api.viewsets import PublicViewSet
from engagiert.registry import queries as registry_queries
from engagiert.registry.forms import AuthorityFilterForm
from engagiert.registry.models import Authority

from . import queries
from .forms import MemberFilterForm
from .models import (
    ContactPerson,
    Leader,
    Profile,
    Signature,
    SigningWave,
    StrategyDocument,
    known_part,
)


class MemberSinceField(serializers.CharField):
    """The start of the current membership only as precisely as it is known."""

    def __init__(self, **kwargs: Any) -> None:
        help_text = _(
            "Start of the current membership in ISO 8601, only as precisely as it is known: "
            "the day (2016-09-14), the month (2016-09) or only the year (2016); see "
            "member_since_precision. Null for an authority that is not a member."
        )
        super().__init__(source="*", read_only=True, allow_null=True, help_text=help_text)

    def to_representation(self, authority: Authority) -> str | None:
        return known_part(authority.member_since, authority.member_since_precision)  # type: ignore[attr-defined]


def member_since_precision() -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=SigningWave.Precision.choices,
        read_only=True,
        allow_null=True,
        help_text=_("How precisely member_since is known: day, month or year."),
    )


@dataclass(frozen=True)
class AuthorityApiFilter(registry_queries.AuthorityFilter):
    member: str = ""


class AuthorityApiFilterForm(AuthorityFilterForm):
    """The authority list's filters, and whether the authority is a member of the network."""

    filter_class = AuthorityApiFilter

    member = forms.ChoiceField(
        label=_("Member of the network"),
        required=False,
        choices=[("", _("All")), ("true", _("Members")), ("false", _("Not members"))],
    )


class AuthoritySerializer(serializers.ModelSerializer):
    kind_display = display("kind")
    district = AuthorityRefSerializer(read_only=True, allow_null=True)
    region = AuthorityRefSerializer(read_only=True, allow_null=True)
    is_member = serializers.BooleanField(read_only=True)
    member_since = MemberSinceField()
    member_since_precision = member_since_precision()
    web_url = PageUrlField()

    class Meta:
        model = Authority
        fields = [
            "ags",
            "name",
            "kind",
            "kind_display",
            "district",
            "region",
            "population",
            "area_km2",
            "latitude",
            "longitude",
            "is_member",
            "member_since",
            "member_since_precision",
            "web_url",
        ]


@extend_schema_view(
    list=extend_schema(summary=_("Local authorities of the state")),
    retrieve=extend_schema(summary=_("A local authority by its official key (AGS)")),
)
class AuthorityViewSet(PublicViewSet):
    """Every Gemeinde, Kreis and Regierungsbezirk of the state, with its network membership."""

    serializer_class = AuthoritySerializer
    filter_form_class = AuthorityApiFilterForm
    lookup_field = "ags"
    lookup_value_regex = "[0-9]{3,8}"

    def get_queryset(self) -> QuerySet[Authority]:
        if self.action != "list":
            return queries.with_membership(Authority.objects.select_related("district", "region"))
        filters = self.filters()
        queryset = queries.with_membership(registry_queries.authorities(filters))
        if filters.member:
            queryset = queryset.filter(is_member=filters.member == "true")  # type: ignore[misc]
        return queryset


# --- Members and their profile --------------------------------------------------------------


class ContactSerializer(serializers.Serializer):
    """A contact person: the function always, the other details only where marked public."""

    function = serializers.CharField()
    name = serializers.CharField(allow_null=True)
    department = serializers.CharField(allow_null=True)
    phone = serializers.CharField(allow_null=True)
    email = serializers.EmailField(allow_null=True)
    is_primary = serializers.BooleanField()

    def to_representation(self, instance: ContactPerson) -> dict[str, Any]:
        details = instance.visible_details(members_only=False)
        return {
            "function": details["function"],
            **{field.value: details.get(field.value) for field in ContactPerson.Field},
            "is_primary": instance.is_primary,
        }


class LeaderSerializer(serializers.ModelSerializer):
    office_display = display("office")

    class Meta:
        model = Leader
        fields = ["name", "office", "office_display", "since"]


class DocumentSerializer(serializers.ModelSerializer):
    web_url = PageUrlField(help_text=_("Download of the PDF."))

    class Meta:
        model = StrategyDocument
        fields = ["title", "size", "web_url"]


class ProfileSerializer(serializers.ModelSerializer):
    volunteer_card_display = display("volunteer_card")
    website = OptionalUrlField()
    topics = TopicSerializer(many=True, read_only=True)
    documents = DocumentSerializer(many=True, read_only=True, source="public_documents")

    class Meta:
        model = Profile
        fields = [
            "website",
            "description",
            "strategy",
            "has_staff_unit",
            "has_round_table",
            "has_volunteer_agency",
            "volunteer_card",
            "volunteer_card_display",
            "volunteer_card_since",
            "topics",
            "documents",
        ]


class MemberSerializer(serializers.ModelSerializer):
    kind_display = display("kind")
    district = AuthorityRefSerializer(read_only=True, allow_null=True)
    region = AuthorityRefSerializer(read_only=True, allow_null=True)
    member_since = MemberSinceField()
    member_since_precision = member_since_precision()
    profile = serializers.SerializerMethodField()
    contacts = ContactSerializer(many=True, read_only=True)
    leaders = LeaderSerializer(many=True, read_only=True)
    web_url = PageUrlField()

    class Meta:
        model = Authority
        fields = [
            "ags",
            "name",
            "kind",
            "kind_display",
            "district",
            "region",
            "member_since",
            "member_since_precision",
            "profile",
            "contacts",
            "leaders",
            "web_url",
        ]

    @extend_schema_field(ProfileSerializer(allow_null=True))
    def get_profile(self, authority: Authority) -> dict[str, Any] | None:
        profile = getattr(authority, "profile", None)
        return ProfileSerializer(profile).data if profile is not None else None


@extend_schema_view(
    list=extend_schema(summary=_("Members of the network with their public profile")),
    retrieve=extend_schema(summary=_("A member of the network by its official key (AGS)")),
)
class MemberViewSet(PublicViewSet):
    """The network's current members, filtered like the member directory."""

    serializer_class = MemberSerializer
    filter_form_class = MemberFilterForm
    lookup_field = "ags"
    lookup_value_regex = "[0-9]{3,8}"

    def get_queryset(self) -> QuerySet[Authority]:
        filters = self.filters() if self.action == "list" else queries.MemberFilter()
        public_documents = StrategyDocument.objects.filter(is_public=True).order_by("title")
        return queries.members(filters).prefetch_related(
            Prefetch("contacts", ContactPerson.objects.filter(ended_on__isnull=True)),
            "leaders",
            Prefetch("profile__documents", public_documents, to_attr="public_documents"),
        )


# --- The joint declaration ------------------------------------------------------------------


class SignatureSerializer(serializers.ModelSerializer):
    authority = AuthorityRefSerializer(read_only=True, allow_null=True)
    organisation = serializers.CharField(source="organisation.name", allow_null=True, default=None)

    class Meta:
        model = Signature
        fields = ["authority", "organisation", "signed_by", "signer_role"]


class SigningWaveSerializer(serializers.ModelSerializer):
    declaration = serializers.CharField(source="declaration.title")
    declaration_version = serializers.CharField(source="declaration.version")
    date_precision_display = display("date_precision")
    signatures = SignatureSerializer(many=True, read_only=True)

    class Meta:
        model = SigningWave
        fields = [
            "id",
            "declaration",
            "declaration_version",
            "date",
            "date_precision",
            "date_precision_display",
            "occasion",
            "place",
            "signatures",
        ]


@extend_schema_view(
    list=extend_schema(summary=_("Signing waves of the joint declaration and their signatories")),
    retrieve=extend_schema(summary=_("A signing wave of the joint declaration")),
)
class SigningWaveViewSet(PublicViewSet):
    """The signings of the joint declaration, oldest first, each with its signatories."""

    serializer_class = SigningWaveSerializer

    def get_queryset(self) -> QuerySet[SigningWave]:
        return queries.waves_with_signatures()


class MemberContactSerializer(serializers.ModelSerializer):
    """A contact person with every detail, also those shown to network members only."""

    public_fields = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = ContactPerson
        fields = (
            "id",
            "name",
            "function",
            "department",
            "phone",
            "email",
            "is_primary",
            "public_fields",
        )


class MemberDocumentSerializer(serializers.ModelSerializer):
    """A strategy document of the own profile, also those for members only."""

    class Meta:
        model = StrategyDocument
        fields = ("id", "title", "size", "is_public", "created_at")


class _OwnAuthorityViewSet(viewsets.ReadOnlyModelViewSet):
    """What the token's authority's own engagement officer sees on its page."""

    authentication_classes = [TokenAuthentication]
    permission_classes = [MembersRead]
    lookup_value_regex = "[0-9]+"


class MemberContactViewSet(_OwnAuthorityViewSet):
    """The contact persons of the token's authority, with their members-only details."""

    serializer_class = MemberContactSerializer
    queryset = ContactPerson.objects.none()  # for the schema; the rows come from the token

    def get_queryset(self) -> QuerySet[ContactPerson]:
        return ContactPerson.objects.filter(
            authority_id=self.request.auth.authority_id, ended_on__isnull=True
        )


class MemberDocumentViewSet(_OwnAuthorityViewSet):
    """The strategy documents of the token's authority, those for members only included."""

    serializer_class = MemberDocumentSerializer
    queryset = StrategyDocument.objects.none()  # for the schema; the rows come from the token

    def get_queryset(self) -> QuerySet[StrategyDocument]:
        return StrategyDocument.objects.filter(profile__authority_id=self.request.auth.authority_id)
