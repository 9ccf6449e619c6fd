"""Request-wide concerns: the client's address, request ids, refused control characters,
the audit actor, the content security policy and a busy database."""

import functools
import ipaddress
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext

from .audit import audit_actor
from .logs import current_request_id, request_id_for


def _tile_origin() -> str:
    """The tile server's origin, allowed for images only when tiles are switched on."""
    url = urlsplit(settings.MAP_TILE_URL.replace("{s}", "a"))
    return f" {url.scheme}://{url.netloc}" if url.netloc else ""


def admin_content_security_policy() -> str:
    """Django's admin needs nothing inline: its scripts read their data from attributes and its
    templates set no style attribute (checked in a real browser by tests/e2e/test_admin_csp.py)."""
    return "; ".join(
        [
            "default-src 'self'",
            "img-src 'self' data:",
            "style-src 'self'",
            "script-src 'self'",
            "font-src 'self'",
            "connect-src 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "object-src 'none'",
        ]
    )


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
        policy = (
            admin_content_security_policy()
            if request.path.startswith("/admin/")
            else content_security_policy()
        )
        response.headers.setdefault("Content-Security-Policy", policy)
        return response


class RequestIdMiddleware:
    """Give each request an id: in every log line while it is handled, in the X-Request-ID
    response header and on the error page. Kept from the connection's peer only when that is
    one of the TRUSTED_PROXIES, the same trust ClientAddressMiddleware grants."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        networks = _trusted_networks(tuple(settings.TRUSTED_PROXIES))
        peer_is_proxy = _is_trusted(request.META.get("REMOTE_ADDR", ""), networks)
        request_id = request_id_for(request, trust_proxy=peer_is_proxy)
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response.headers["X-Request-ID"] = request_id
        return response


#: C0 control characters and DEL; a query value may still hold tab and line breaks.
_PATH_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_QUERY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RejectControlCharactersMiddleware:
    """No URL of ours holds control characters: answer 400 before any view or query sees a NUL
    byte (PostgreSQL refuses it in text, file names and calendars cannot carry it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.GET
        if _PATH_CONTROL.search(request.path) or any(
            _QUERY_CONTROL.search(text) for key, values in query.lists() for text in (key, *values)
        ):
            return HttpResponseBadRequest(
                gettext("The address contains characters that are not allowed."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.cache
def _trusted_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    try:
        return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)
    except ValueError as error:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from error


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(remote_addr: str, forwarded_for: str, trusted: tuple[str, ...]) -> str:
    """The client's address: the connecting one, unless that is a trusted proxy.

    A trusted proxy appends the address it was connected from to X-Forwarded-For; everything
    left of it may be forged by the client. So the address is the right-most entry that is not
    itself a trusted proxy; an entry that is no address ends the walk at the last proxy."""
    networks = _trusted_networks(trusted)
    address = remote_addr
    if not _is_trusted(address, networks):
        return address
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        try:
            address = str(ipaddress.ip_address(hop))
        except ValueError:
            return address
        if not _is_trusted(address, networks):
            return address
    return address


class ClientAddressMiddleware:
    """Resolve `request.client_ip` once; the only code that reads the connection's address."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        _trusted_networks(tuple(settings.TRUSTED_PROXIES))  # a typo stops the start

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.client_ip = client_address(  # type: ignore[attr-defined]
            request.META.get("REMOTE_ADDR", ""),
            request.META.get("HTTP_X_FORWARDED_FOR", ""),
            tuple(settings.TRUSTED_PROXIES),
        )
        return self.get_response(request)


class DatabaseBusyMiddleware:
    """A busy embedded database answers 503 »please send again«, never a 500.

    SQLite lets one writer at a time; when a burst of sign-ups keeps the write lock longer than
    the busy timeout, the write fails with »database is locked«. The service's transaction was
    rolled back, so nothing was half-saved: the visitor is told so and asked to send again (with
    `Retry-After`). Any other database error is left to the usual error handling."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not (isinstance(exception, OperationalError) and "database is locked" in str(exception)):
            return None
        context = {"request_id": current_request_id.get()}
        response = TemplateResponse(request, "503.html", context, status=503)
        response["Retry-After"] = "5"
        return response.render()
