"""Writes of the privacy app: requests of data subjects and their completion.

Rules:
- A request is due one month after it was received (Art. 12 Abs. 3 DSGVO); one open request
  per kind and address.
- An erasure runs every app's declared `erase` in one transaction, the highest app first and
  the accounts and the audit log last (so rows are still found by the account while the apps
  erase them, and the log forgets what the erasure itself recorded). Before anything is erased,
  every declaration may refuse (`check`: e.g. the last account of the network office).
- The person is told by mail before their address is erased; the notice is sent right away and,
  should the mail server be away, stays queued (and only it) until it is delivered.
- The audit log records the erasure with the number of rows per kind of data, without the
  person's name or address.
"""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from engagiert.accounts.models import Role
from engagiert.core.audit import audit_forget, audit_record
from engagiert.core.extensions import DataSubject, personal_data
from engagiert.core.mail import mail_send
from engagiert.core.models import AuditEntry
from engagiert.core.outbox import outbox_add, outbox_dispatch
from engagiert.core.personal_data import NOTICE_BATCH, full_name, personal_data_erased

from . import queries
from .models import DataRequest, one_month_after


def _office_addresses() -> list[str]:
    from django.contrib.auth import get_user_model

    office = get_user_model()._default_manager.filter(
        role_assignments__role=Role.OFFICE, is_active=True
    )
    return list(office.values_list("email", flat=True))


@transaction.atomic
def request_create(
    *,
    kind: str,
    user: Any = None,
    email: str = "",
    created_by: Any = None,
    note: str = "",
    received_on: datetime.date | None = None,
) -> DataRequest:
    """Record a request (by the person, or by the office for someone without an account)."""
    subject = queries.subject_for(user=user, email=email)
    received = received_on or timezone.localdate()
    request = DataRequest(
        kind=kind,
        user=subject.user,
        email=subject.email,
        received_on=received,
        due_on=one_month_after(received),
        note=note,
        created_by=created_by,
    )
    request.full_clean()
    request.save()
    mail_send(
        to=_office_addresses(),
        template="privacy/email/request_received.txt",
        context={"request": request},
    )
    return request


@transaction.atomic
def request_complete(*, request: DataRequest, actor: Any) -> DataRequest:
    """Mark a request for a copy of the data as answered (the office sent the export)."""
    if not request.is_open or request.kind != DataRequest.Kind.EXPORT:
        raise ValidationError("Diese Anfrage ist nicht offen.")
    request.status = DataRequest.Status.COMPLETED
    request.completed_at, request.completed_by = timezone.now(), actor
    request.save(update_fields=["status", "completed_at", "completed_by", "updated_at"])
    return request


def _identifying_terms(subject: DataSubject) -> set[str]:
    """The person's address and every name, address and phone number the apps keep of them (a
    public registration's name need not be the account's), so the audit log can forget each
    of them afterwards."""
    terms = {subject.email, full_name(subject)}
    for item in queries.sections(subject):
        for row in item.rows:
            terms.update(
                value
                for name, value in row.items()
                if isinstance(value, str) and name.endswith(("name", "email", "phone"))
            )
    return {term for term in terms if term and term != "[gelöscht]"}


def _notify(request: DataRequest, subject: DataSubject) -> None:
    """Tell the person, and send it now: their address is gone once the erasure is done."""
    text = render_to_string(
        "privacy/email/erasure_done.txt", {"site_url": settings.SITE_URL}
    ).strip()
    subject_line, _, body = text.partition("\n")
    with transaction.atomic():
        outbox_add(
            to_email=subject.email,
            subject=subject_line.strip(),
            text=body.strip() + "\n",
            batch=f"{NOTICE_BATCH}{request.pk}",
        )
    outbox_dispatch()


def erasure_complete(*, request: DataRequest, actor: Any) -> dict[str, int]:
    """Erase a person's data everywhere (Art. 17 DSGVO); returns the rows touched per kind."""
    if not request.is_open or request.kind != DataRequest.Kind.ERASURE:
        raise ValidationError("Diese Anfrage ist nicht offen.")
    subject = queries.subject_of(request)
    for declaration in personal_data:
        if declaration.check is not None:
            declaration.check(subject)
    terms = _identifying_terms(subject)
    if subject.email:
        _notify(request, subject)
    with transaction.atomic():
        counts = {
            key: declaration.erase(subject) for key, declaration in reversed(personal_data.items())
        }
        audit_forget(user=None, terms=terms)
        counts = {key: count for key, count in counts.items() if count}
        DataRequest.objects.filter(pk=request.pk).update(
            status=DataRequest.Status.COMPLETED,
            user=None,
            email="",
            completed_at=timezone.now(),
            completed_by=actor,
            result=counts,
        )
        audit_record(
            action=AuditEntry.Action.DELETE,
            model=DataRequest,
            object_id=str(request.pk),
            object_repr=f"Löschung nach Anfrage Nr. {request.pk}",
            changes=counts,
        )
    personal_data_erased.send(sender=DataRequest)
    request.refresh_from_db()
    return counts


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Tell the office of open requests due within a week or overdue (the daily job)."""
    today = today or timezone.localdate()
    due = list(queries.requests_due_soon(today))
    if due:
        mail_send(
            to=_office_addresses(),
            template="privacy/email/reminder.txt",
            context={"requests": due, "today": today},
        )
    return len(due)
