"""Requests without a token, counted per client address in the shared `throttle` cache.

The address is the one ClientAddressMiddleware resolved (TRUSTED_PROXIES applies), and the
counter is core.throttle's fixed window, so every app process counts together."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from engagiert.core import throttle
from engagiert.core.http import client_ip

if TYPE_CHECKING:
    from rest_framework.views import APIView

UNITS = {"s": 1, "sec": 1, "min": 60, "m": 60, "h": 3600, "hour": 3600, "day": 86400, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """»60/min« → (60 requests, 60 seconds)."""
    count, _sep, unit = rate.partition("/")
    try:
        return int(count), UNITS[unit.strip().lower()]
    except (ValueError, KeyError) as error:
        raise ImproperlyConfigured(f"API_ANON_RATE: {rate!r} is not like »60/min«") from error


class AnonymousThrottle(BaseThrottle):
    """API_ANON_RATE requests per window from one address; a token's requests are not counted
    here (the token scheme limits those itself)."""

    scope = "api-anonymous"

    def allow_request(self, request: Request, view: "APIView") -> bool:
        if request.auth is not None:
            return True
        limit, self.window = parse_rate(settings.API_ANON_RATE)
        return throttle.hit(
            self.scope, client_ip(request._request), limit=limit, window=self.window
        )

    def wait(self) -> float | None:
        return float(self.window)
