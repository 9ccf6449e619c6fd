from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import queries
from .extensions import Place, home_figures, panels_for


def home_view(request: HttpRequest) -> HttpResponse:
    context = {"figures": home_figures(), "panels": panels_for(Place.HOME, user=request.user)}
    return render(request, "core/home.html", context)


@never_cache
@require_GET
def healthz_view(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: 200 when the database answers, 503 otherwise."""
    if queries.database_reachable():
        return JsonResponse({"status": "ok", "database": "ok"})
    return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
