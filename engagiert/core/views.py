import datetime
import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.template.loader import render_to_string
from django.utils import timezone
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


def _readiness(now: datetime.datetime) -> dict[str, str]:
    """Each check's outcome: "ok" or what is wrong, in words for the operator."""
    if not queries.database_reachable():
        return {
            "database": "unreachable",
            "cache": "unchecked",
            "worker": "unchecked",
            "outbox": "unchecked",
        }
    checks = {"database": "ok"}
    failing_caches = [alias for alias in settings.CACHES if not queries.cache_works(alias)]
    checks["cache"] = f"failing: {', '.join(failing_caches)}" if failing_caches else "ok"
    seen = queries.worker_last_seen()
    silence = datetime.timedelta(minutes=settings.READYZ_WORKER_SILENCE_MINUTES)
    if seen is None:
        checks["worker"] = "no heartbeat yet"
    elif seen < now - silence:
        checks["worker"] = f"silent since {seen.isoformat(timespec='seconds')}"
    else:
        checks["worker"] = "ok"
    delay = datetime.timedelta(minutes=settings.READYZ_OUTBOX_DELAY_MINUTES)
    overdue = queries.outbox_overdue(since=now - delay)
    too_many = overdue > settings.READYZ_OUTBOX_BACKLOG
    checks["outbox"] = f"{overdue} messages overdue by more than {delay}" if too_many else "ok"
    return checks


@never_cache
@require_GET
def readyz_view(request: HttpRequest) -> JsonResponse:
    """For monitoring: 200 when the database and caches answer, a task worker ran the
    schedule's heartbeat recently and the outbox keeps up; 503 with the failing checks
    otherwise. (Load balancers ask /healthz: a stalled worker is no reason to stop serving.)"""
    checks = _readiness(timezone.now())
    failed = [name for name, outcome in checks.items() if outcome != "ok"]
    body = {"status": "unavailable" if failed else "ok", "failed": failed, "checks": checks}
    return JsonResponse(body, status=503 if failed else 200)


@requires_csrf_token
def server_error_view(request: HttpRequest) -> HttpResponse:
    """The 500 page names the request's id, which the log line of the error carries too."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request_id": current_request_id.get()}))
