"""Request-wide concerns: the client's address, the audit actor and the content security policy."""

import functools
import ipaddress
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
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
