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

Throughput: a worker claims a batch with one statement (PostgreSQL: UPDATE … WHERE id IN
(SELECT … FOR UPDATE SKIP LOCKED) RETURNING; SQLite: in one transaction), sends it over one
SMTP connection, builds each message's MIME once, and marks each message sent with one plain
UPDATE statement (no ORM query built per message); on PostgreSQL that statement travels while
the next message's envelope and text go to the SMTP server, and the line ending the next
message waits for its answer (`_Recorder`). That UPDATE's commit does not wait for the disk
on PostgreSQL (`synchronous_commit off` for the worker's connection while it sends; SQLite
runs in WAL mode with `synchronous=NORMAL`): it is visible to every other process at once and
survives the worker dying, and only a crash of the database server itself within a fraction
of a second after it could forget it, which would send those messages again. Several workers
share the queue (SKIP LOCKED on PostgreSQL). Marking a whole batch sent at once would save
more round trips but widen the gap above to the batch, so it is not done.
"""

import contextlib
import datetime
import functools
import logging
import re
import smtplib
import socket
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


def _claim(now: datetime.datetime, size: int) -> list[OutboundMail]:
    """Up to `size` due messages, marked `sending` by this worker (in due order)."""
    if connection.vendor == "postgresql":
        return _claim_skipping_locked(now, size)
    return _claim_locked(now, size)


def _claim_skipping_locked(now: datetime.datetime, size: int) -> list[OutboundMail]:
    # A queue, not a lock_objects() case: each worker claims the rows no other worker holds
    # (SKIP LOCKED) instead of waiting for them, so several workers share the batch. One
    # statement (a transaction of its own) selects, locks, marks and returns the batch.
    table = connection.ops.quote_name(OutboundMail._meta.db_table)
    claimed = OutboundMail.objects.raw(
        f"UPDATE {table} SET status = %s, claimed_at = %s WHERE id IN ("  # noqa: S608
        f"SELECT id FROM {table} WHERE status = %s AND next_attempt_at <= %s"
        " ORDER BY next_attempt_at, id LIMIT %s FOR UPDATE SKIP LOCKED) RETURNING *",
        [Status.SENDING.value, now, Status.QUEUED.value, now, size],
    )
    return sorted(claimed, key=lambda message: (message.next_attempt_at, message.pk))


@transaction.atomic
def _claim_locked(now: datetime.datetime, size: int) -> list[OutboundMail]:
    # SQLite: the transaction takes the database's write lock at BEGIN (IMMEDIATE), so one
    # worker claims at a time.
    due = OutboundMail.objects.filter(status=Status.QUEUED, next_attempt_at__lte=now).order_by(
        "next_attempt_at", "pk"
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


def _sending(smtp: Any, message: OutboundMail, recorder: "_Recorder") -> Callable[[], object]:
    """The call that sends `message` through `smtp`, with the message fully built here, so that
    whatever is wrong with this one message (a line break in a header, an address the mail
    library rejects) is raised before the server is involved. Over SMTP the bytes go straight
    to the open connection; any other backend (the console, the tests' memory) gets Django's
    message object."""
    if isinstance(smtp, SmtpBackend):
        data = as_bytes(message)
        sender = mime.envelope_address(settings.DEFAULT_FROM_EMAIL)
        to = mime.envelope_address(message.to_email)
        return functools.partial(_sendmail, smtp, sender, to, data, recorder.settle)
    return functools.partial(smtp.send_messages, [_as_email(message)])


def _sendmail(
    smtp: SmtpBackend, sender: str, to: str, data: bytes, before_end: Callable[[], None]
) -> None:
    """smtplib's `sendmail` for one recipient, with `before_end` called between the message's
    text and the line that ends it: the server accepts the message only after that line, so
    whatever `before_end` waits for happens before this message can be accepted."""
    server = smtp.connection
    if server is None:  # closed after an error earlier in the batch
        raise smtplib.SMTPServerDisconnected("The connection to the mail server is closed.")
    server.ehlo_or_helo_if_needed()
    options = [f"size={len(data)}"] if server.does_esmtp and server.has_extn("size") else []
    code, answer = server.mail(sender, options)
    if code != 250:
        _abandon(server, code)
        raise smtplib.SMTPSenderRefused(code, answer, sender)
    code, answer = server.rcpt(to)
    if code not in (250, 251):
        _abandon(server, code)
        raise smtplib.SMTPRecipientsRefused({to: (code, answer)})
    code, answer = server.docmd("data")
    if code != 354:
        _abandon(server, code)
        raise smtplib.SMTPDataError(code, answer)
    text = _LEADING_DOT.sub(b"..", data)  # a line's leading dot doubled (RFC 5321 4.5.2)
    server.send(text if text.endswith(b"\r\n") else text + b"\r\n")
    before_end()
    server.send(b".\r\n")
    code, answer = server.getreply()
    if code != 250:
        _abandon(server, code)
        raise smtplib.SMTPDataError(code, answer)


_LEADING_DOT = re.compile(rb"(?m)^\.")


def _abandon(server: smtplib.SMTP, code: int) -> None:
    """After a refusal: the server closing (421) is closed here too; otherwise the half-begun
    transaction is reset, as smtplib does."""
    if code == 421:
        server.close()
    else:
        with contextlib.suppress(smtplib.SMTPServerDisconnected):
            server.rset()


class _Recorder:
    """Marks each message the server accepted as sent, committed before the next message can
    be accepted. Over SMTP on PostgreSQL the UPDATE travels to the database while the next
    message's envelope and text go to the mail server, and the line that ends that message's
    text waits for the database's answer (`settle`, called by `_sendmail`): the round trip to
    the database costs no time of its own, and still at most one accepted message is ever
    unrecorded. Otherwise each UPDATE is waited for at once."""

    def __init__(self, smtp: Any) -> None:
        connection.ensure_connection()
        overlapped = (
            isinstance(smtp, SmtpBackend)
            and connection.vendor == "postgresql"
            and connection.get_autocommit()
        )
        self.driver = connection.connection if overlapped else None
        self.waiting = False

    def sent(self, message: OutboundMail) -> None:
        if self.driver is None:
            _mark_sent(message)
            return
        from psycopg import generators

        self.settle()
        table = connection.ops.quote_name(OutboundMail._meta.db_table)
        with connection.wrap_database_errors:
            self.driver.pgconn.send_query_params(
                f"UPDATE {table} SET status = $1, sent_at = $2, claimed_at = NULL, "  # noqa: S608
                "last_error = '' WHERE id = $3".encode(),
                [Status.SENT.value.encode(), timezone.now().isoformat().encode(),
                 str(message.pk).encode()],
            )  # fmt: skip
            self.waiting = True
            self.driver.wait(generators.send(self.driver.pgconn))

    def settle(self) -> None:
        """Wait for the database to confirm the last message sent (raises DatabaseError)."""
        if not self.waiting or self.driver is None:
            return
        from psycopg import errors, generators, pq

        self.waiting = False
        with connection.wrap_database_errors:
            results = self.driver.wait(generators.fetch_many(self.driver.pgconn))
            for result in results:
                if result.status != pq.ExecStatus.COMMAND_OK:
                    raise errors.error_from_result(result, encoding=self.driver.info.encoding)


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
    """The server accepted the message: recorded (committed) before the next one goes out.
    One plain statement: once per message, building it through the ORM would cost as much
    as the round trip to the database."""
    table = connection.ops.quote_name(OutboundMail._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET status = %s, sent_at = %s, claimed_at = NULL, "  # noqa: S608
            "last_error = '' WHERE id = %s",
            [Status.SENT.value, timezone.now(), message.pk],
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
        if isinstance(smtp, SmtpBackend) and smtp.connection and smtp.connection.sock:
            # `_sendmail` writes a message's end on its own: sent at once, not held back
            # waiting for the server to acknowledge the text (Nagle's algorithm).
            smtp.connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
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
    recorder = _Recorder(smtp)
    try:
        for index, message in enumerate(claimed):
            away = _send_one(smtp, message, recorder, result, now)
            if away is not None:
                # The server went away: this message and the rest wait for the next round.
                recorder.settle()
                result.server_unreachable = True
                result.retried += _wait_for_server(claimed[index:], away, now)
                return
    finally:
        recorder.settle()


def _send_one(
    smtp: Any,
    message: OutboundMail,
    recorder: "_Recorder",
    result: DispatchResult,
    now: datetime.datetime,
) -> Exception | None:
    """Send one message and record the outcome; the error if the server is unreachable."""
    try:
        send = _sending(smtp, message, recorder)
    except Exception as error:  # anything wrong with this one message
        recorder.settle()
        _fail(message, error)
        result.failed += 1
        return None
    try:
        send()
    except DatabaseError:  # the previous message could not be recorded: this one was not sent
        raise
    except (smtplib.SMTPServerDisconnected, ConnectionError, TimeoutError) as error:
        return error
    except smtplib.SMTPException as error:  # an answer about this one message
        recorder.settle()
        if _retry(message, error, now):
            result.retried += 1
        else:
            result.failed += 1
        return None
    except OSError as error:  # any other socket failure: the server is gone
        return error
    except Exception as error:  # this message only: never stall the rest
        recorder.settle()
        _fail(message, error)
        result.failed += 1
        return None
    recorder.sent(message)
    result.sent += 1
    return None


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
