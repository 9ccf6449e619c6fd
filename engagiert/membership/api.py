"""The JSON API of the network's members."""

from django.db.models import QuerySet
from rest_framework import serializers, viewsets

from engagiert.api.authentication import TokenAuthentication
from engagiert.api.permissions import MembersRead

from .models import ContactPerson, StrategyDocument

# --- Token access: the own authority's members-only data (scope members:read) ---------------


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


class MemberContactViewSet(_OwnAuthorityViewSet):
    """The contact persons of the token's authority, with their members-only details."""

    serializer_class = MemberContactSerializer

    def get_queryset(self) -> QuerySet[ContactPerson]:
        return ContactPerson.objects.filter(authority_id=self.request.auth.authority_id)


class MemberDocumentViewSet(_OwnAuthorityViewSet):
    """The strategy documents of the token's authority, those for members only included."""

    serializer_class = MemberDocumentSerializer

    def get_queryset(self) -> QuerySet[StrategyDocument]:
        return StrategyDocument.objects.filter(profile__authority_id=self.request.auth.authority_id)
