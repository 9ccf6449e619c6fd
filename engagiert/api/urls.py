"""The JSON API, version 1: every app's routes from `extensions.api_routes`, one router."""

from rest_framework.routers import SimpleRouter

from engagiert.core import extensions

app_name = "api"


def _router() -> SimpleRouter:
    router = SimpleRouter()
    for route in extensions.api_routes:
        router.register(route.prefix, route.viewset, basename=route.basename)
    return router


urlpatterns = [*_router().urls]
