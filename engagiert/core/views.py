import logging

from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET

from . import queries
from .extensions import Place, home_figures, panels_for
from .logs import current_request_id

logger = logging.getLogger(__name__)


def home_view(request: HttpRequest) -> HttpResponse:
    context = {"figures": home_figures(), "panels": panels_for(Place.HOME, user=request.user)}
    return render(request, "core/home.html", context)


def _pages_render(request: HttpRequest) -> bool:
    """The page frame renders: templates load and every static file it names is in the
    production manifest (a missing one makes every page fail with 500)."""
    try:
        render_to_string("base.html", request=request)
    except Exception:
        logger.exception("Health check: the page frame does not render")
        return False
    return True


@never_cache
@require_GET
def healthz_view(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: 200 when the database answers and pages render,
    503 otherwise."""
    if not queries.database_reachable():
        body = {"status": "unavailable", "database": "unreachable", "pages": "unchecked"}
        return JsonResponse(body, status=503)
    if not _pages_render(request):
        body = {"status": "unavailable", "database": "ok", "pages": "failing"}
        return JsonResponse(body, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "pages": "ok"})


@requires_csrf_token
def server_error_view(request: HttpRequest) -> HttpResponse:
    """The 500 page names the request's id, which the log line of the error carries too."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request_id": current_request_id.get()}))
