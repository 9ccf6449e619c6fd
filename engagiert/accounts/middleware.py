"""The second login step guards every URL; logged-in sessions record their activity."""

import datetime
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils import timezone

from . import twofactor
from .sessions import TOUCH_EVERY, TOUCHED, session_seen

#: What a session between password and second factor may still open.
_STEP_PAGES = {
    twofactor.VERIFY: "accounts:two_factor_verify",
    twofactor.SETUP: "accounts:two_factor_setup",
}
#: The URLs a step's page calls itself (a passkey's options and answer).
_STEP_CALLS = {
    twofactor.VERIFY: frozenset({"accounts:passkey_verify_options", "accounts:passkey_verify"}),
    twofactor.SETUP: frozenset({"accounts:passkey_register_options", "accounts:passkey_register"}),
}
_ALWAYS_OPEN = frozenset({"accounts:logout", "core:healthz", "core:readyz"})


def _url_name(request: HttpRequest) -> str:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return ""


class TwoFactorMiddleware:
    """A session that passed the password but not yet the second step reaches only that step's
    page (and the logout): every other URL, the admin included, leads there."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        step = twofactor.pending(request.session) if request.user.is_authenticated else ""
        if step:
            page = _STEP_PAGES[step]
            name = _url_name(request)
            if name != page and name not in _ALWAYS_OPEN | _STEP_CALLS[step]:
                return redirect(page)
        return self.get_response(request)


class SessionActivityMiddleware:
    """Keep the last activity of each session listed on the security page current (sessions
    started by a login through the login page; at most one write a minute)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = request.session
        touched = session.get(TOUCHED) if request.user.is_authenticated else None
        now = timezone.now()
        if touched and now - datetime.datetime.fromisoformat(touched) >= TOUCH_EVERY:
            session_seen(session_key=session.session_key or "", now=now)
            session[TOUCHED] = now.isoformat()
        return response
