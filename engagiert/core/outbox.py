"""The outbox: every e-mail is stored first, then sent by a background worker.

Guarantees: nothing is lost (a message stays queued until an SMTP server accepted it; while
the server is away, it is tried again every minute without using up attempts; a message the
server refuses is retried with growing pauses, 1, 2, 4 … minutes, at most 8 attempts);
nothing is sent twice in normal operation (a message is claimed before sending and marked sent
right after the server accepted it; within one batch each address appears once). A worker
killed mid-batch leaves its claimed messages `sending`; after LEASE they are queued again.
The one gap no mail system closes: a worker dying in the instant between the server's
acceptance and the database update would send that one message again after the lease. The
gap is one message wide: each message is marked sent on its own before the next one goes out.

Throughput: a worker claims a batch in one transaction, sends it over one SMTP connection,
builds each message's MIME once, and marks each message sent with one UPDATE. That UPDATE's
commit does not wait for the disk on PostgreSQL (`synchronous_commit off` for the worker's
connection while it sends; SQLite runs in WAL mode with `synchronous=NORMAL`): it is visible
to every other process at once and survives the worker dying, and only a crash of the database
server itself within a fraction of a second after it could forget it, which would send those
messages again. Several workers share the queue (SKIP LOCKED on PostgreSQL).
"""

import contextlib
import datetime
import functools
import logging
import smtplib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from email.utils import formataddr
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, QuerySet
from django.utils import timezone

from . import mime
from .audit import audit_record
from .logs import enqueue_on_commit
from .models import AuditEntry, OutboundMail
from .site import site_domain

logger = logging.getLogger(__name__)
Status = OutboundMail.Status
BATCH_SIZE = 100
MAX_ATTEMPTS = 8
LEASE = datetime.timedelta(minutes=10)
#: How soon to try again while the SMTP server is unreachable.
SERVER_RETRY = datetime.timedelta(minutes=1)


def outbox_add(
    *,
    to_email: str,
    subject: str,
    text: str,
    to_name: str = "",
    html: str = "",
    headers: dict[str, str] | None = None,
    batch: str = "",
    not_before: datetime.datetime | None = None,
) -> OutboundMail:
    """Queue one message; a worker picks it up once the surrounding transaction commits."""
    message = OutboundMail.objects.create(
        to_email=to_email,
        to_name=to_name,
        subject=subject,
        text=text,
        html=html,
        headers=headers or {},
        batch=batch,
        next_attempt_at=not_before or timezone.now(),
    )
    outbox_kick(not_before)
    return message


def outbox_add_many(
    messages: Iterable[OutboundMail], not_before: datetime.datetime | None = None
) -> int:
    """Queue many prepared messages; an address already in the batch is skipped, not doubled.

    Returns how many were offered (skipped duplicates included)."""
    created = OutboundMail.objects.bulk_create(
        list(messages), batch_size=500, ignore_conflicts=True
    )
    outbox_kick(not_before)
    return len(created)


def outbox_kick(not_before: datetime.datetime | None = None) -> None:
    """Ask a worker to dispatch (after commit; deferred to `not_before` where supported)."""
    from .tasks import dispatch_outbox

    task = dispatch_outbox
    if not_before and not_before > timezone.now() and task.get_backend().supports_defer:
        task = task.using(run_after=not_before)
    enqueue_on_commit(task)


@dataclass
class DispatchResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    released: int = 0
    server_unreachable: bool = False


def _release_stale(now: datetime.datetime) -> int:
    """Messages claimed by a worker that died are queued again."""
    return OutboundMail.objects.filter(status=Status.SENDING, claimed_at__lt=now - LEASE).update(
        status=Status.QUEUED, claimed_at=None
    )


@transaction.atomic
def _claim(now: datetime.datetime, size: int) -> list[OutboundMail]:
    # A queue, not a lock_objects() case: each worker claims the rows no other worker holds
    # (SKIP LOCKED) instead of waiting for them, so several workers share the batch.
    due = (
        OutboundMail.objects.select_for_update(skip_locked=True)
        .filter(status=Status.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
    )
    claimed = list(due[:size])
    OutboundMail.objects.filter(pk__in=[m.pk for m in claimed]).update(
        status=Status.SENDING, claimed_at=now
    )
    return claimed


def _headers(message: OutboundMail) -> dict[str, str]:
    return {"Message-ID": f"<outbox-{message.pk}@{site_domain()}>", **message.headers}


def as_bytes(message: OutboundMail) -> bytes:
    """The message as the SMTP server receives it."""
    return mime.message_bytes(
        sender=settings.DEFAULT_FROM_EMAIL,
        to_name=message.to_name,
        to_email=message.to_email,
        subject=message.subject,
        text=message.text,
        html=message.html,
        headers=_headers(message),
    )


def _sending(smtp: Any, message: OutboundMail) -> Callable[[], object]:
    """The call that sends `message` through `smtp`, with the message fully built here, so that
    whatever is wrong with this one message (a line break in a header, an address the mail
    library rejects) is raised before the server is involved. Over SMTP the bytes go straight
    to the open connection; any other backend (the console, the tests' memory) gets Django's
    message object."""
    if isinstance(smtp, SmtpBackend):
        data = as_bytes(message)
        sender = mime.envelope_address(settings.DEFAULT_FROM_EMAIL)
        to = mime.envelope_address(message.to_email)
        return functools.partial(_sendmail, smtp, sender, to, data)
    return functools.partial(smtp.send_messages, [_as_email(message)])


def _sendmail(smtp: SmtpBackend, sender: str, to: str, data: bytes) -> None:
    if smtp.connection is None:  # closed after an error earlier in the batch
        raise smtplib.SMTPServerDisconnected("The connection to the mail server is closed.")
    smtp.connection.sendmail(sender, [to], data)


def _as_email(message: OutboundMail) -> EmailMultiAlternatives:
    """The message as Django sends it, fully built once here, so that whatever is wrong with
    this one message (a line break in a header, an address the mail library rejects) is
    raised before the server is involved."""
    headers = _headers(message)
    # formataddr quotes names with commas or brackets (»Groß, Jürgen«) correctly.
    to = formataddr((message.to_name, message.to_email)) if message.to_name else message.to_email
    email = EmailMultiAlternatives(
        subject=message.subject, body=message.text, to=[to], headers=headers
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    email.message()
    return email


def _retry(message: OutboundMail, error: Exception, now: datetime.datetime) -> bool:
    """The server refused this message: queue it again after a pause, give up after
    MAX_ATTEMPTS. True if it will be retried."""
    message.attempts += 1
    message.last_error = f"{type(error).__name__}: {error}"[:2000]
    message.claimed_at = None
    if message.attempts >= MAX_ATTEMPTS:
        message.status = Status.FAILED
    else:
        message.status = Status.QUEUED
        message.next_attempt_at = now + datetime.timedelta(minutes=2 ** (message.attempts - 1))
    message.save(
        update_fields=["attempts", "last_error", "claimed_at", "status", "next_attempt_at"]
    )
    return message.status == Status.QUEUED


def _wait_for_server(messages: list[OutboundMail], error: Exception, now: datetime.datetime) -> int:
    """The server is away: queue the messages again without counting an attempt against them
    (an outage of any length loses nothing); the next round tries in a minute."""
    return OutboundMail.objects.filter(pk__in=[m.pk for m in messages]).update(
        status=Status.QUEUED,
        claimed_at=None,
        next_attempt_at=now + SERVER_RETRY,
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )


def _fail(message: OutboundMail, error: Exception) -> None:
    """A message that can never be sent (an address the mail library rejects, a line break in
    a header): failed with the reason, and the batch goes on."""
    OutboundMail.objects.filter(pk=message.pk).update(
        status=Status.FAILED, claimed_at=None, last_error=f"{type(error).__name__}: {error}"[:2000]
    )


def _mark_sent(message: OutboundMail) -> None:
    """The server accepted the message: recorded before the next one goes out."""
    OutboundMail.objects.filter(pk=message.pk).update(
        status=Status.SENT, sent_at=timezone.now(), claimed_at=None, last_error=""
    )


@contextlib.contextmanager
def _commits_without_disk_wait() -> Iterator[None]:
    """PostgreSQL acknowledges this connection's commits before their WAL reaches the disk
    (visible to all, kept when the worker dies; see the module's docstring)."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def _send_claimed(claimed: list[OutboundMail], result: DispatchResult) -> None:
    now = timezone.now()
    try:
        smtp = get_connection()
        smtp.open()
    except (OSError, smtplib.SMTPException) as error:
        result.server_unreachable = True
        result.retried += _wait_for_server(claimed, error, now)
        return
    try:
        with _commits_without_disk_wait():
            _send_each(smtp, claimed, result, now)
    finally:
        with contextlib.suppress(OSError, smtplib.SMTPException):
            smtp.close()


def _send_each(
    smtp: Any, claimed: list[OutboundMail], result: DispatchResult, now: datetime.datetime
) -> None:
    for index, message in enumerate(claimed):
        try:
            send = _sending(smtp, message)
        except Exception as error:  # anything wrong with this one message
            _fail(message, error)
            result.failed += 1
            continue
        try:
            send()
        except (smtplib.SMTPServerDisconnected, ConnectionError, TimeoutError) as error:
            # The server went away: this message and the rest wait for the next round.
            result.server_unreachable = True
            result.retried += _wait_for_server(claimed[index:], error, now)
            return
        except smtplib.SMTPException as error:  # an answer about this one message
            if _retry(message, error, now):
                result.retried += 1
            else:
                result.failed += 1
            continue
        except OSError as error:  # any other socket failure: the server is gone
            result.server_unreachable = True
            result.retried += _wait_for_server(claimed[index:], error, now)
            return
        except Exception as error:  # this message only: never stall the rest
            _fail(message, error)
            result.failed += 1
            continue
        _mark_sent(message)
        result.sent += 1


def outbox_dispatch(*, batch_size: int = BATCH_SIZE, limit: int | None = None) -> DispatchResult:
    """Send everything that is due, batch by batch; stop early when the server is away."""
    result = DispatchResult(released=_release_stale(timezone.now()))
    while limit is None or result.sent + result.retried + result.failed < limit:
        claimed = _claim(timezone.now(), batch_size)
        if not claimed:
            break
        _send_claimed(claimed, result)
        if result.server_unreachable:
            break
    if result != DispatchResult():
        logger.info(
            "Outbox: %d sent, %d to retry, %d failed, %d released%s",
            result.sent,
            result.retried,
            result.failed,
            result.released,
            "; the mail server is unreachable" if result.server_unreachable else "",
        )
    return result


def outbox_retry(*, messages: QuerySet[OutboundMail]) -> int:
    """Send failed messages again (the office's »Erneut senden«): queued now, with a fresh
    count of attempts. Returns how many; each is recorded in the audit log."""
    failed = list(messages.filter(status=Status.FAILED).values_list("pk", "to_email"))
    if not failed:
        return 0
    with transaction.atomic():
        OutboundMail.objects.filter(pk__in=[pk for pk, _email in failed]).update(
            status=Status.QUEUED, attempts=0, claimed_at=None, next_attempt_at=timezone.now()
        )
        for pk, to_email in failed:
            audit_record(
                action=AuditEntry.Action.UPDATE,
                model=OutboundMail,
                object_id=str(pk),
                object_repr=to_email,
                changes={"status": [Status.FAILED.value, Status.QUEUED.value]},
            )
        outbox_kick()
    return len(failed)


def next_due() -> datetime.datetime | None:
    return (
        OutboundMail.objects.filter(status=Status.QUEUED)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )


def batch_progress(batch: str) -> dict[str, Any]:
    """How far a batch is: a count per status."""
    counts = dict(
        OutboundMail.objects.filter(batch=batch)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {status.value: counts.get(status.value, 0) for status in Status} | {
        "total": sum(counts.values())
    }


def outbox_bodies_empty(*, now: datetime.datetime | None = None) -> int:
    """Empty the texts of messages sent more than OUTBOX_KEEP_BODY_DAYS ago: who got which
    subject when stays as the record of sending, what the mail said goes (data minimisation)."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.OUTBOX_KEEP_BODY_DAYS)
    due = OutboundMail.objects.filter(status=OutboundMail.Status.SENT, sent_at__lt=cutoff).exclude(
        text="", html=""
    )
    count = due.update(text="", html="")
    if count:
        audit_record(
            action=AuditEntry.Action.UPDATE,
            model=OutboundMail,
            object_repr="Löschfristen Postausgang",
            changes={"bodies_emptied": count},
        )
    return count
