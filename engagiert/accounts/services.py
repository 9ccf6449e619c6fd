"""Writes about people and roles.

Rules: the network office is staff in the Django admin (it manages every model there);
a role is granted once per scope; repeated failed logins for one account or from one address
pause further attempts for LOGIN_LOCKOUT_SECONDS (counted in the shared cache).
"""

import hashlib
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from .models import Role, RoleAssignment, User

if TYPE_CHECKING:
    from engagiert.registry.models import Authority, Organisation


@transaction.atomic
def role_grant(
    *,
    user: User,
    role: Role,
    authority: "Authority | None" = None,
    organisation: "Organisation | None" = None,
    function: str = "",
) -> RoleAssignment:
    """Give a person a role (idempotent); the office also gets the Django admin."""
    assignment, _created = RoleAssignment.objects.update_or_create(
        user=user,
        role=role,
        authority=authority,
        organisation=organisation,
        defaults={"function": function},
    )
    if role == Role.OFFICE and not (user.is_staff and user.is_superuser):
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    return assignment


def _throttle_keys(*, email: str, address: str) -> list[str]:
    account = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return [f"login-fail:account:{account}", f"login-fail:address:{address}"]


def login_is_blocked(*, email: str, address: str) -> bool:
    """True while the account or the address has used up its failed attempts."""
    counts = cache.get_many(_throttle_keys(email=email, address=address))
    return any(count >= settings.LOGIN_FAILURE_LIMIT for count in counts.values())


def login_failure_record(*, email: str, address: str) -> None:
    for key in _throttle_keys(email=email, address=address):
        if cache.add(key, 1, timeout=settings.LOGIN_LOCKOUT_SECONDS):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=settings.LOGIN_LOCKOUT_SECONDS)


def login_failures_clear(*, email: str, address: str) -> None:
    """A successful login forgives the account's earlier mistakes (not the address's)."""
    cache.delete(_throttle_keys(email=email, address=address)[0])
