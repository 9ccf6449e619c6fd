from typing import TYPE_CHECKING, cast

from django.http import HttpRequest
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
