"""The knowledge base in the JSON API: published public items (practice examples,
recommendations, learning resources, event documentation). Items for members only, archived
and merged items never leave here."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from engagiert.api.serializers import (
    AuthorityRefSerializer,
    PageUrlField,
    TopicSerializer,
    display,
)
from engagiert.api.viewsets import PublicViewSet
from engagiert.core.forms import FilterForm
from engagiert.registry.models import Topic

from . import queries
from .models import KnowledgeItem


@dataclass(frozen=True)
class ItemFilter:
    kind: str = ""
    topic: str = ""


class ItemFilterForm(FilterForm):
    """The filters of the knowledge list (/wissen/): kind and topic."""

    filter_class = ItemFilter

    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *KnowledgeItem.Kind.choices]
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        topics = Topic.objects.order_by("name").values_list("slug", "name")
        self.set_choices("topic", [("", _("All topics")), *topics])


class ItemSerializer(serializers.ModelSerializer):
    kind_display = display("kind")
    authority = AuthorityRefSerializer(read_only=True, allow_null=True)
    topics = TopicSerializer(many=True, read_only=True)
    web_url = PageUrlField()

    class Meta:
        model = KnowledgeItem
        fields = [
            "id",
            "kind",
            "kind_display",
            "title",
            "summary",
            "problem",
            "approach",
            "resources_used",
            "results",
            "contact",
            "authority",
            "year",
            "topics",
            "featured",
            "created_at",
            "web_url",
        ]


@extend_schema_view(
    list=extend_schema(summary=_("Public knowledge items")),
    retrieve=extend_schema(summary=_("A public knowledge item")),
)
class ItemViewSet(PublicViewSet):
    """Public knowledge items, featured first, then the newest."""

    serializer_class = ItemSerializer
    filter_form_class = ItemFilterForm

    def get_queryset(self) -> QuerySet[KnowledgeItem]:
        filters = self.filters() if self.action == "list" else ItemFilter()
        return queries.items(members=False, kind=filters.kind, topic=filters.topic)
