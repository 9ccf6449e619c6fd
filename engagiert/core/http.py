from typing import TYPE_CHECKING, cast

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    # django-stubs resolves this alias to settings.AUTH_USER_MODEL; core names no app.
    from django.contrib.auth.models import _User


class ClientHttpRequest(HttpRequest):
    """Every request: ClientAddressMiddleware adds the client's address (proxies resolved)."""

    client_ip: str


def client_ip(request: HttpRequest) -> str:
    """The client's address as ClientAddressMiddleware resolved it."""
    return cast(ClientHttpRequest, request).client_ip


class HtmxHttpRequest(ClientHttpRequest):
    """A request as our views see it: HtmxMiddleware adds `htmx`."""

    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    """A request behind @login_required: `user` is a real account."""

    user: "_User"


def safe_next(request: HttpRequest, url: str, fallback: str) -> str:
    """`url` (a »next« address the request brought) when it stays on this site, over https
    when the request came so; `fallback` otherwise (no open redirect)."""
    on_site = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if on_site else fallback
