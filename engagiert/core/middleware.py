"""Request-wide concerns: the audit actor and the content security policy."""

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .audit import audit_actor


def _tile_origin() -> str:
    """The tile server's origin, allowed for images only when tiles are switched on."""
    url = urlsplit(settings.MAP_TILE_URL.replace("{s}", "a"))
    return f" {url.scheme}://{url.netloc}" if url.netloc else ""


def content_security_policy() -> str:
    """Everything from our own origin; inline styles only for SVG maps and Leaflet's layout."""
    return "; ".join(
        [
            "default-src 'self'",
            f"img-src 'self' data:{_tile_origin()}",
            "style-src 'self' 'unsafe-inline'",
            "script-src 'self'",
            "font-src 'self'",
            "connect-src 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "object-src 'none'",
        ]
    )


class AuditActorMiddleware:
    """Attribute audited changes made while handling a request to the logged-in user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with audit_actor(request.user):
            return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """No page may load anything from another origin (no CDN, no external fonts)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", content_security_policy())
        return response
