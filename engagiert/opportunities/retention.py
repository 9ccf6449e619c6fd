"""What the privacy notes of the app promise, kept by a daily job (data minimisation).

- Interest that came to nothing (»six months after your message, unless an engagement comes
  about«): every interest that was not accepted is deleted OPPORTUNITIES_KEEP_DECLINED_DAYS
  after it was sent, and a declined or withdrawn one no earlier than as long after the answer
  or the withdrawal. With it go the volunteer's name, address and message, and the
  organisation's answer. Accepted interests stay (they count as placements).
- Sign-ups for shifts (»one year after the action; confirmed hours as long as you need the
  evidence«): a year after an action's last shift its sign-ups without confirmed hours are
  deleted; those with confirmed hours stay (the evidence for the Ehrenamtskarte points at them).
- Opportunities (»ended ones a year after their end«): the contact person of an opportunity
  that ended more than a year ago is erased; the opportunity stays for the figures.

Each run that changes something writes one entry to the audit log per kind: counts, no names.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from engagiert.core.audit import ERASED, audit_record
from engagiert.core.models import AuditEntry

from .models import Action, Interest, Opportunity, ShiftSignup

#: Sign-ups and ended opportunities keep their personal data this long (the privacy notes).
ONE_YEAR = datetime.timedelta(days=365)


def _count(model: type, label: str, key: str, count: int) -> None:
    if count:
        audit_record(
            action=AuditEntry.Action.DELETE,
            model=model,
            object_repr=label,
            changes={key: count},
        )


@transaction.atomic
def interests_closed_delete(*, now: datetime.datetime | None = None) -> int:
    """Returns how many interests were deleted."""
    cutoff = (now or timezone.now()) - datetime.timedelta(
        days=settings.OPPORTUNITIES_KEEP_DECLINED_DAYS
    )
    due = (
        Interest.objects.exclude(status=Interest.Status.ACCEPTED)
        .filter(created_at__lt=cutoff)
        .exclude(answered_at__gte=cutoff)
        .exclude(withdrawn_at__gte=cutoff)
    )
    _deleted, kinds = due.delete()
    deleted = kinds.get(Interest._meta.label, 0)
    _count(Interest, "Löschfristen Interessensbekundungen", "interests_deleted", deleted)
    return deleted


@transaction.atomic
def signups_past_delete(*, now: datetime.datetime | None = None) -> int:
    """Sign-ups without confirmed hours of actions whose last shift ended a year ago."""
    cutoff = (now or timezone.now()) - ONE_YEAR
    over = Action.objects.annotate(last=Max("places__tasks__shifts__ends_at")).filter(
        last__lt=cutoff
    )
    due = ShiftSignup.objects.filter(
        shift__task__place__action__in=over.values("pk"), hours_confirmed_at__isnull=True
    )
    _deleted, kinds = due.delete()
    deleted = kinds.get(ShiftSignup._meta.label, 0)
    _count(ShiftSignup, "Löschfristen Schichtanmeldungen", "signups_deleted", deleted)
    return deleted


@transaction.atomic
def ended_opportunity_contacts_erase(*, now: datetime.datetime | None = None) -> int:
    """Erase the contact person of opportunities that ended more than a year ago."""
    cutoff = timezone.localdate(now or timezone.now()) - ONE_YEAR
    erased = (
        Opportunity.objects.filter(ends_on__lt=cutoff)
        .exclude(contact_name=ERASED)
        .update(contact_name=ERASED, contact_email="", contact_phone="")
    )
    if erased:
        audit_record(
            action=AuditEntry.Action.UPDATE,
            model=Opportunity,
            object_repr="Löschfristen Ansprechpersonen beendeter Angebote",
            changes={"contacts_erased": erased},
        )
    return erased


def retention_run(*, now: datetime.datetime | None = None) -> int:
    """The daily job: returns how many records lost personal data."""
    return (
        interests_closed_delete(now=now)
        + signups_past_delete(now=now)
        + ended_opportunity_contacts_erase(now=now)
    )
