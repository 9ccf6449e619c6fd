"""Small shapes every resource shares: a reference to an authority, a topic, an organisation."""

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from engagiert.registry.models import Authority, Organisation, Topic


def display(source: str) -> serializers.CharField:
    """The German label of a coded field (`kind` → `kind_display`)."""
    return serializers.CharField(
        source=f"get_{source}_display", read_only=True, help_text=_("German label of the code.")
    )


class AuthorityRefSerializer(serializers.ModelSerializer):
    """An authority named by its official key (AGS)."""

    class Meta:
        model = Authority
        fields = ["ags", "name"]


class TopicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["slug", "name"]


class OptionalUrlField(serializers.URLField):
    """A web address that may be missing: null, never an empty string (which is no URI)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value: str) -> str | None:
        return value or None


class OrganisationRefSerializer(serializers.ModelSerializer):
    kind_display = display("kind")
    website = OptionalUrlField()

    class Meta:
        model = Organisation
        fields = ["id", "name", "kind", "kind_display", "town", "website"]


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The object's page on the website (for people; the API's own address is `url`)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("The page on the website."))
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: Any) -> str:
        return settings.SITE_URL + value.get_absolute_url()
