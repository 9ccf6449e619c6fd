from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from engagiert.accounts.models import User


class HtmxHttpRequest(HttpRequest):
    """A request as our views see it: HtmxMiddleware adds `htmx`."""

    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    """A request behind @login_required: `user` is a real account."""

    user: "User"
