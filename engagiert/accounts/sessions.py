"""A person's logged-in browsers: seen, ended, and a login from a new one announced.

Rules:
- Sessions are kept in the database (Django's default SESSION_ENGINE); each logged-in session
  has a UserSession row with the browser and system read from the user agent, the client
  address shortened to its network (IPv4 /24, IPv6 /48) and the last activity, refreshed at
  most once a minute.
- Ending a session deletes it from the session store: that browser is logged out at once.
- A new password ends every other session of the person.
- A login from a browser (user agent) the person has not used before sends them a mail, except
  for their very first login.
"""

import datetime
import hashlib
import ipaddress
import re
from typing import Any

from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from engagiert.core.mail import mail_send

from .models import KnownDevice, User, UserSession

#: How often a session's last activity is written at most.
TOUCH_EVERY = datetime.timedelta(minutes=1)
#: The session key holding when its activity was last written (ISO text).
TOUCHED = "session_touched_at"

_BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chromium/", "Chromium"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def device_label(user_agent: str) -> str:
    """»Firefox on Windows«-like words for a user agent; the agent itself when unknown."""
    browser = next((name for token, name in _BROWSERS if token in user_agent), "")
    system = next((name for token, name in _SYSTEMS if token in user_agent), "")
    if browser and system:
        return f"{browser} · {system}"
    return browser or system or re.sub(r"\s+", " ", user_agent)[:80] or "?"


def address_short(address: str) -> str:
    """The network a client address belongs to: enough for »this was me at work«, no more."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def _fingerprint(user_agent: str) -> str:
    return hashlib.sha256(user_agent.encode()).hexdigest()


def session_seen(*, session_key: str, now: datetime.datetime) -> None:
    """Record the session's latest activity (called at most once a minute per session)."""
    UserSession.objects.filter(session_key=session_key).update(last_seen_at=now)


def _session_record(
    *, user: User, session_key: str, user_agent: str, address: str, now: datetime.datetime
) -> UserSession:
    row, _created = UserSession.objects.update_or_create(
        session_key=session_key,
        defaults={
            "user": user,
            "device": device_label(user_agent)[:200],
            "address": address_short(address),
            "last_seen_at": now,
        },
    )
    return row


@transaction.atomic
def login_record(*, user: User, session_key: str, user_agent: str, address: str) -> bool:
    """A completed login: its session is listed, and a browser new to the person announced.

    Returns whether the browser was new."""
    now = timezone.now()
    _session_record(
        user=user, session_key=session_key, user_agent=user_agent, address=address, now=now
    )
    first_login = not KnownDevice.objects.filter(user=user).exists()
    _device, created = KnownDevice.objects.get_or_create(
        user=user,
        fingerprint=_fingerprint(user_agent),
        defaults={"device": device_label(user_agent)[:200]},
    )
    if created and not first_login:
        mail_send(
            to=[user.email],
            template="accounts/email/new_device.txt",
            context={
                "person": user,
                "device": device_label(user_agent),
                "address": address_short(address),
                "when": timezone.localtime(now),
            },
        )
    return created


def sessions_active(user: User) -> QuerySet[UserSession]:
    """The person's sessions that are still valid, most recently used first."""
    alive = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return UserSession.objects.filter(user=user, session_key__in=alive)


@transaction.atomic
def session_end(*, session: UserSession) -> None:
    """Log that browser out: its session goes from the store."""
    Session.objects.filter(session_key=session.session_key).delete()
    session.delete()


@transaction.atomic
def sessions_end_others(*, user: User, keep: str | None, renamed_from: str = "") -> int:
    """End every session of the person but `keep` (the one changing the password, which got
    its new key `keep` in place of `renamed_from`)."""
    if renamed_from and keep:
        UserSession.objects.filter(user=user, session_key=renamed_from).update(session_key=keep)
    others = UserSession.objects.filter(user=user).exclude(session_key=keep or "")
    keys = list(others.values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    count, _kinds = others.delete()
    return count


def logged_out(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    """After a logout (`user_logged_out`): the session leaves the list."""
    if request is not None and request.session.session_key:
        UserSession.objects.filter(session_key=request.session.session_key).delete()
