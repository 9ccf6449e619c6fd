from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    # django-stubs resolves this alias to settings.AUTH_USER_MODEL; core names no app.
    from django.contrib.auth.models import _User


class HtmxHttpRequest(HttpRequest):
    """A request as our views see it: HtmxMiddleware adds `htmx`."""

    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    """A request behind @login_required: `user` is a real account."""

    user: "_User"
