"""Interest that came to nothing is deleted (data minimisation).

A declined interest OPPORTUNITIES_KEEP_DECLINED_DAYS after the answer, a withdrawn one as long
after the withdrawal, and one whose address was never confirmed as long after it was sent: with
it go the volunteer's name, address and message, and the organisation's answer. Accepted and
open interests stay (they count as placements). Each run that deletes writes one entry to the
audit log: the count, no names.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from engagiert.core.audit import audit_record
from engagiert.core.models import AuditEntry

from .models import Interest


@transaction.atomic
def interests_closed_delete(*, now: datetime.datetime | None = None) -> int:
    """The daily job; returns how many interests were deleted."""
    cutoff = (now or timezone.now()) - datetime.timedelta(
        days=settings.OPPORTUNITIES_KEEP_DECLINED_DAYS
    )
    Status = Interest.Status
    due = Interest.objects.filter(
        Q(status=Status.DECLINED, answered_at__lt=cutoff)
        | Q(status=Status.WITHDRAWN, withdrawn_at__lt=cutoff)
        | Q(status=Status.PENDING, created_at__lt=cutoff)
    )
    _count, kinds = due.delete()
    deleted = kinds.get(Interest._meta.label, 0)
    if deleted:
        audit_record(
            action=AuditEntry.Action.DELETE,
            model=Interest,
            object_repr="Löschfristen Interessensbekundungen",
            changes={"interests_deleted": deleted},
        )
    return deleted
