"""The JSON API, version 1: every app's routes from `extensions.api_routes`, one router.

Besides the resources: the root listing them, the OpenAPI schema and its interactive
documentation (Swagger UI from our own static files), and a problem answer (404) for every
other address under /api/v1/."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from engagiert.core import extensions

from .problems import not_found_view
from .root import ApiRootView

app_name = "api"


def _router() -> SimpleRouter:
    router = SimpleRouter()
    for route in extensions.api_routes:
        router.register(route.prefix, route.viewset, basename=route.basename)
    return router


urlpatterns = [
    path("", ApiRootView.as_view(), name="root"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    *_router().urls,
    # Last: an address ending in »/« that nothing above knows (without the slash, Django first
    # redirects to it).
    re_path(r"^.*/$", not_found_view),
]
