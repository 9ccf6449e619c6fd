"""Counting attempts, shared by every app process: logins and public forms.

Counters live in the `throttle` cache (Redis when REDIS_URL is set, a database table
otherwise), so several app processes count together. Keys are client addresses as
ClientAddressMiddleware resolved them (`request.client_ip`) or accounts (hashed e-mail).

Logins are counted twice, separately: failures for one account pause that account for everyone
after LOGIN_FAILURE_LIMIT; failures from one address across accounts pause that address after
the higher LOGIN_ADDRESS_FAILURE_LIMIT. A paused account never blocks other accounts logging in
from the same address. A successful login forgives the account (not the address); a new
password lifts the account's pause.
"""

import hashlib

from django.conf import settings
from django.core.cache import BaseCache, caches

LOGIN_ACCOUNT = "login-account"
LOGIN_ADDRESS = "login-address"


def _cache() -> BaseCache:
    return caches["throttle"]


def _key(scope: str, key: str) -> str:
    return f"{scope}:{hashlib.sha256(key.encode()).hexdigest()}"


def record(scope: str, key: str, *, window: int) -> int:
    """Count one attempt; the count starts at the first attempt and ends `window` seconds later."""
    cache, cache_key = _cache(), _key(scope, key)
    if cache.add(cache_key, 1, timeout=window):
        return 1
    try:
        return int(cache.incr(cache_key))
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window)
        return 1


def attempts(scope: str, key: str) -> int:
    return int(_cache().get(_key(scope, key), 0))


def reset(scope: str, key: str) -> None:
    _cache().delete(_key(scope, key))


def hit(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one attempt; True while at most `limit` attempts fell into the window."""
    return record(scope, key, window=window) <= limit


def public_form_allowed(form: str, *, address: str) -> bool:
    """Count one submission of a public form from this address; False once over the limit."""
    return hit(
        f"form-{form}",
        address,
        limit=settings.PUBLIC_FORM_LIMIT,
        window=settings.PUBLIC_FORM_WINDOW_SECONDS,
    )


def _account(email: str) -> str:
    return email.strip().lower()


def login_is_blocked(*, email: str, address: str) -> bool:
    """True while the account or the client address has used up its failed attempts."""
    return (
        attempts(LOGIN_ACCOUNT, _account(email)) >= settings.LOGIN_FAILURE_LIMIT
        or attempts(LOGIN_ADDRESS, address) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT
    )


def login_failure_record(*, email: str, address: str) -> None:
    record(LOGIN_ACCOUNT, _account(email), window=settings.LOGIN_LOCKOUT_SECONDS)
    record(LOGIN_ADDRESS, address, window=settings.LOGIN_LOCKOUT_SECONDS)


def login_account_forgive(*, email: str) -> None:
    """A successful login or a new password lifts the account's pause (not the address's)."""
    reset(LOGIN_ACCOUNT, _account(email))
