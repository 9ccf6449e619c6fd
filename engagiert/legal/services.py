"""Writes of the legal app.

Rules: a legal page is never edited in place; saving it adds a version numbered after the last,
so the history shows what the public saw when. A feedback case is answered once, by the office,
and the answer reaches the sender through the outbox. A form's privacy note is versioned the
same way. A consent is recorded with the wording and version the person saw and the version of
the form's privacy note; giving the same consent again changes nothing, and withdrawing it
clears the choice in the app that keeps it (the purpose's `withdraw`), so it takes effect
everywhere.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engagiert.accounts.models import Role, User
from engagiert.core.audit import audit_record
from engagiert.core.extensions import ConsentPurpose, DataSubject, consent_purposes
from engagiert.core.locking import lock_objects
from engagiert.core.mail import mail_send

from . import queries
from .models import ConsentRecord, FeedbackCase, NoteVersion, Page, PageVersion

#: The fields of a version the office edits; the accessibility statement has all of them.
STATEMENT_FIELDS = (
    "conformity",
    "barriers",
    "prepared_on",
    "reviewed_on",
    "method",
    "enforcement_body",
)


@transaction.atomic
def page_version_create(*, page: str, user: User, data: dict[str, Any]) -> PageVersion:
    """Save a new version of a legal page; the versions before it stay as they were."""
    last = queries.current_version(page)
    if last is not None:
        lock_objects([last])
    fields = ("body", *(STATEMENT_FIELDS if page == Page.ACCESSIBILITY else ()))
    version = PageVersion(
        page=page,
        number=(last.number if last else 0) + 1,
        created_by=user,
        **{name: data.get(name) or _blank(name) for name in fields},
    )
    version.full_clean()
    version.save()
    audit_record(action="create", obj=version)
    return version


@transaction.atomic
def note_version_create(
    *, key: str, user: User, purpose: str, legal_basis: str, retention: str
) -> NoteVersion:
    """Save a new version of a form's privacy note; the versions before it stay as they were."""
    last = queries.current_note(key)
    if last is None:
        raise ValidationError(_("There is no privacy note for this form."))
    lock_objects([last])
    last = queries.current_note(key)
    assert last is not None
    note = NoteVersion(
        key=key,
        number=last.number + 1,
        created_by=user,
        purpose=purpose.strip(),
        legal_basis=legal_basis.strip(),
        retention=retention.strip(),
    )
    note.full_clean()
    note.save()
    audit_record(action="create", obj=note)
    return note


def _blank(name: str) -> Any:
    return None if name.endswith("_on") else ""


@transaction.atomic
def feedback_submit(*, name: str, email: str, page_url: str, description: str) -> FeedbackCase:
    """A reported barrier becomes a case for the office; the sender is told it arrived."""
    case = FeedbackCase(
        name=name.strip(),
        email=email.strip().lower(),
        page_url=page_url.strip(),
        description=description.strip(),
    )
    case.full_clean()
    case.save()
    mail_send(to=[case.email], template="legal/email/feedback_received.txt", context={"case": case})
    office = User.objects.filter(role_assignments__role=Role.OFFICE, is_active=True)
    mail_send(
        to=office.values_list("email", flat=True),
        template="legal/email/feedback_new.txt",
        context={"case": case},
    )
    return case


@transaction.atomic
def feedback_answer(*, case: FeedbackCase, reply: str, user: User) -> FeedbackCase:
    """The office answers a case once; the answer goes to the sender through the outbox."""
    lock_objects([case])
    case = FeedbackCase.objects.get(pk=case.pk)
    if case.status == FeedbackCase.Status.ANSWERED:
        raise ValidationError(_("This feedback has been answered already."))
    if not reply.strip():
        raise ValidationError({"reply": _("Please write your answer.")})
    case.reply, case.status = reply.strip(), FeedbackCase.Status.ANSWERED
    case.answered_at, case.answered_by = timezone.now(), user
    case.save(update_fields=["reply", "status", "answered_at", "answered_by", "updated_at"])
    mail_send(to=[case.email], template="legal/email/feedback_answer.txt", context={"case": case})
    audit_record(action="update", obj=case, changes={"status": ["open", "answered"]})
    return case


def _purpose(key: str) -> ConsentPurpose:
    purpose = consent_purposes.get(key)
    if purpose is None:
        raise ValueError(f"unknown consent purpose {key!r}")
    return purpose


@transaction.atomic
def consent_give(
    *, person: DataSubject, purpose: str, source: str, reference: str = ""
) -> ConsentRecord:
    """Record that a person agreed to a purpose, with the wording they saw; once is enough."""
    wording = _purpose(purpose)
    existing = queries.active_consents(person, purpose=purpose, reference=reference).first()
    if existing is not None and existing.version == wording.version:
        return existing
    note = queries.current_note(source)
    record = ConsentRecord(
        user=person.user if getattr(person.user, "is_authenticated", False) else None,
        note_version=note.number if note else None,
        email=person.email.strip().lower(),
        purpose=purpose,
        reference=reference,
        wording=str(wording.wording),
        version=wording.version,
        source=source,
    )
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def consent_withdraw(*, record: ConsentRecord) -> ConsentRecord:
    """Withdraw a consent; the app that keeps the choice clears it (it takes effect everywhere)."""
    lock_objects([record])
    record = ConsentRecord.objects.get(pk=record.pk)
    if record.withdrawn_at is not None:
        raise ValidationError(_("This consent has been withdrawn already."))
    record.withdrawn_at = timezone.now()
    record.save(update_fields=["withdrawn_at"])
    _purpose(record.purpose).withdraw(record)
    audit_record(action="update", obj=record, changes={"withdrawn_at": ["", "withdrawn"]})
    return record


def consents_close(*, purpose: str, references: Iterable[str], reason: str) -> int:
    """The platform ended what the consents were for (the needs were deleted after the event):
    the records are closed with the reason; the choice they stood for is gone already."""
    return ConsentRecord.objects.filter(
        purpose=purpose, reference__in=list(references), withdrawn_at=None
    ).update(withdrawn_at=timezone.now(), end_reason=reason)
