"""Unused accounts are warned, then deleted (data minimisation).

Rules:
- An account without a login (or, never logged in, without one since it was made) for
  ACCOUNTS_INACTIVE_WARN_MONTHS months gets one warning mail; `inactivity_warned_at` records it.
- Still without a login ACCOUNTS_INACTIVE_DELETE_DAYS after the warning, it is deleted. A login
  after the warning clears the warning (the next idle spell starts again with a warning).
- Never warned nor deleted: the network office and superusers (the platform needs them) and
  demo accounts (invented people, removed with the demo data).
- Deleting the account deletes what hangs on it by the database's rules; where a record must
  keep it (a protected link), the account is anonymised instead: no name, no address, no login.
- Each run writes one summary entry per kind to the audit log: counts, no names.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F, ProtectedError, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from engagiert.core.audit import audit_record
from engagiert.core.mail import mail_send
from engagiert.core.models import AuditEntry

from .models import Role, User


@dataclass(frozen=True)
class InactivityResult:
    warned: int
    deleted: int


def _months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    return moment - datetime.timedelta(days=round(months * 365.25 / 12))


def _candidates() -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True, is_superuser=False, is_demo=False)
        .exclude(role_assignments__role=Role.OFFICE)
        .annotate(last_activity=Coalesce("last_login", "date_joined"))
    )


def accounts_to_warn(now: datetime.datetime) -> QuerySet[User]:
    """Idle longer than the warning period, and not warned since their last login."""
    cutoff = _months_before(now, settings.ACCOUNTS_INACTIVE_WARN_MONTHS)
    return _candidates().filter(
        Q(inactivity_warned_at__isnull=True) | Q(inactivity_warned_at__lt=F("last_activity")),
        Q(last_activity__lt=cutoff),
    )


def accounts_to_delete(now: datetime.datetime) -> QuerySet[User]:
    """Warned longer ago than the grace period, and no login since the warning."""
    cutoff = now - datetime.timedelta(days=settings.ACCOUNTS_INACTIVE_DELETE_DAYS)
    return _candidates().filter(
        Q(last_activity__lt=F("inactivity_warned_at")), inactivity_warned_at__lt=cutoff
    )


def _account_remove(user: User) -> int:
    """Delete the account; where other records must keep it (protected links), anonymise it.

    The name goes first, so the audit entry of the deletion names no one."""
    anonymous = f"geloescht-{user.pk}@example.invalid"
    User.objects.filter(pk=user.pk).update(first_name="", last_name="", email=anonymous)
    user.refresh_from_db()
    try:
        with transaction.atomic():
            user.delete()
    except ProtectedError:
        user.set_unusable_password()
        user.is_active = False
        user.save(update_fields=["password", "is_active"])
    return 1


@transaction.atomic
def inactive_accounts_retire(*, now: datetime.datetime | None = None) -> InactivityResult:
    """The daily job: delete the accounts whose warning went unanswered, then warn the next."""
    now = now or timezone.now()
    deleted = sum(_account_remove(user) for user in accounts_to_delete(now))
    to_warn = list(accounts_to_warn(now))
    deadline = now + datetime.timedelta(days=settings.ACCOUNTS_INACTIVE_DELETE_DAYS)
    for user in to_warn:
        mail_send(
            to=[user.email],
            template="accounts/email/inactive_warning.txt",
            context={"person": user, "deadline": timezone.localtime(deadline)},
        )
    User.objects.filter(pk__in=[user.pk for user in to_warn]).update(inactivity_warned_at=now)
    result = InactivityResult(warned=len(to_warn), deleted=deleted)
    if result.warned or result.deleted:
        audit_record(
            action=AuditEntry.Action.DELETE,
            model=User,
            object_repr="Löschfristen Konten",
            changes={"accounts_warned": result.warned, "accounts_deleted": result.deleted},
        )
    return result
