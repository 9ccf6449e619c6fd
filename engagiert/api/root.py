"""The API's own resources: its root, listing every resource an app registered."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from engagiert.core import extensions


class ApiRootView(APIView):
    """The resources of version 1, each with the address of its list, and the documentation."""

    @extend_schema(
        summary=_("The resources of the API"),
        responses=inline_serializer(
            "ApiRoot",
            {
                "resources": serializers.DictField(child=serializers.URLField()),
                "schema": serializers.URLField(),
                "docs": serializers.URLField(),
            },
        ),
        examples=[
            OpenApiExample(
                "Wurzel",
                value={
                    "resources": {"authorities": "https://example.org/api/v1/authorities/"},
                    "schema": "https://example.org/api/v1/schema/",
                    "docs": "https://example.org/api/v1/docs/",
                },
            )
        ],
    )
    def get(self, request: Request) -> Response:
        resources = {
            route.prefix: reverse(f"api:{route.basename}-list", request=request)
            for route in sorted(extensions.api_routes, key=lambda route: route.prefix)
        }
        return Response(
            {
                "resources": resources,
                "schema": reverse("api:schema", request=request),
                "docs": reverse("api:docs", request=request),
            }
        )
