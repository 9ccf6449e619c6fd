from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request as our views see it: HtmxMiddleware adds `htmx`."""

    htmx: HtmxDetails
