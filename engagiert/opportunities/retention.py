"""Interest that came to nothing is deleted (data minimisation).

As the privacy note of the interest form promises (»six months after your message, unless an
engagement comes about«): every interest that was not accepted is deleted
OPPORTUNITIES_KEEP_DECLINED_DAYS after it was sent, and a declined or withdrawn one no earlier
than as long after the answer or the withdrawal. With it go the volunteer's name, address and
message, and the organisation's answer. Accepted interests stay (they count as placements).
Each run that deletes writes one entry to the audit log: the count, no names.
"""

import datetime

from django.conf import settings
from django.db import transaction
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
    due = (
        Interest.objects.exclude(status=Interest.Status.ACCEPTED)
        .filter(created_at__lt=cutoff)
        .exclude(answered_at__gte=cutoff)
        .exclude(withdrawn_at__gte=cutoff)
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
