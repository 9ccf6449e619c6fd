"""Info-mail benchmark: release a mailing to 10,000 recipients and send it through a real SMTP
server, against plain smtplib sending the same messages.

    .venv/bin/python bench/mailing_bench.py [--postgres postgres://postgres@host:5432/postgres]

Starts an aiosmtpd sink on 127.0.0.1 (it counts what it accepts and keeps nothing else),
creates 500 member authorities with 20 contact persons each (bulk_create) and a segment of all
members, then times `mailing_release` (recipients, rendering text and HTML per person, queuing
in the outbox) and `outbox_dispatch()` until every message is sent. The baseline sends the very
same messages, rendered to bytes beforehand, with smtplib over one connection to the same sink.
Reported: wall time, messages per second, the process's peak memory (maximum resident set
size) after each step and the peak of Python allocations during it (tracemalloc, measured in a
second, untimed pass where noted). Every backend runs in a fresh process against a throwaway
database: a temporary SQLite file, and with --postgres (or BENCH_POSTGRES_URL) a database
`engagiert_bench_mailings` created through the given admin URL and dropped afterwards. The
configured DATABASE_URL is never touched.
"""

import argparse
import datetime
import os
import resource
import smtplib
import socket
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import common
from common import argument_parser, django_setup

BENCH_DATABASE = "engagiert_bench_mailings"
CONTACTS_EACH = 20
SUBJECT = "Frühjahrstreffen in Köln – Anmeldung läuft"
BODY = (
    "Liebe Kolleginnen und Kollegen,\n\n"
    "das **Frühjahrstreffen** des Netzwerks findet am 14. März im Rathaus Köln statt. "
    "Wir freuen uns auf den Austausch über Engagementstrategien, die Ehrenamtskarte und "
    "die Förderung junger Engagierter.\n\n"
    "- Anmeldung bis Ende Februar\n"
    "- Programm: https://engagiert.example/termine/\n"
    "- Anreise: Hauptbahnhof, 10 Minuten Fußweg\n\n"
    "Mit freundlichen Grüßen\nIhr Netzwerkbüro"
)


class Sink:
    """An aiosmtpd handler that counts accepted messages per recipient and their bytes."""

    def __init__(self) -> None:
        self.recipients: Counter[str] = Counter()
        self.bytes = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.recipients.update(address.lower() for address in envelope.rcpt_tos)
        self.bytes += len(envelope.original_content)
        return "250 Message accepted for delivery"

    def reset(self) -> None:
        self.recipients.clear()
        self.bytes = 0


@dataclass
class Step:
    name: str
    seconds: float
    messages: int
    maxrss_mb: float
    traced_mb: float | None = None


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


@contextmanager
def traced() -> Iterator[list[float]]:
    """The peak of Python allocations inside the block, in MB (into the yielded list)."""
    peak: list[float] = []
    tracemalloc.start()
    try:
        yield peak
    finally:
        peak.append(tracemalloc.get_traced_memory()[1] / 1e6)
        tracemalloc.stop()


def network(recipients: int) -> Any:
    """Member authorities with contact persons, `recipients` addresses in all; the segment."""
    from engagiert.audiences.models import Segment
    from engagiert.core.text import search_key
    from engagiert.membership.models import ContactPerson, Membership
    from engagiert.registry.models import Authority

    count = -(-recipients // CONTACTS_EACH)
    authorities = Authority.objects.bulk_create(
        Authority(
            ags=f"05{n:06d}",
            name=f"Musterstadt {n}",
            kind=Authority.Kind.INDEPENDENT_CITY,
            population=20_000 + n,
            area_km2=Decimal("100.00"),
            latitude=Decimal("51.5"),
            longitude=Decimal("7.5"),
            search_key=search_key(f"Musterstadt {n}"),
        )
        for n in range(count)
    )
    Membership.objects.bulk_create(
        Membership(authority=authority, since=datetime.date(2015, 6, 1))
        for authority in authorities
    )
    ContactPerson.objects.bulk_create(
        (
            ContactPerson(
                authority=authorities[n // CONTACTS_EACH],
                name=f"Jürgen Groß-Öztürk {n}",
                function="Koordination",
                email=f"kontakt{n:05d}@kommune.example",
                public_fields=["name"],
                is_primary=n % CONTACTS_EACH == 0,
            )
            for n in range(recipients)
        ),
        batch_size=1000,
    )
    return Segment.objects.create(name="Alle Mitglieder", kind=Segment.Kind.MEMBER_CONTACTS)


def timed(name: str, messages: int, call: Callable[[], object]) -> Step:
    start = time.perf_counter()
    call()
    return Step(name, time.perf_counter() - start, messages, maxrss_mb())


def wire_bytes(email: Any) -> bytes:
    """A Django EmailMessage as its SMTP backend sends it (CRLF line ends)."""
    return bytes(email.message().as_bytes(linesep="\r\n"))


def send_plain(messages: list[tuple[str, str, bytes]], host: str, port: int) -> None:
    """The same messages with smtplib over one connection."""
    with smtplib.SMTP(host, port) as smtp:
        for sender, recipient, data in messages:
            smtp.sendmail(sender, [recipient], data)


def run_backend(url: str, label: str, args: argparse.Namespace) -> None:
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    os.environ.update(
        EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(port), SITE_URL="https://engagiert.example"
    )
    try:
        django_setup(url)
        measure(sink, port, label, args.recipients)
    finally:
        controller.stop()


def measure(sink: Sink, port: int, label: str, recipients: int) -> None:
    from django.conf import settings

    from engagiert.accounts.models import User
    from engagiert.core.models import OutboundMail
    from engagiert.core.outbox import _as_email, outbox_dispatch
    from engagiert.mailings.models import Mailing
    from engagiert.mailings.services import mailing_release

    assert settings.EMAIL_BACKEND.endswith("smtp.EmailBackend"), settings.EMAIL_BACKEND
    start = time.perf_counter()
    segment = network(recipients)
    office = User.objects.create_user(email="buero@engagiert.example", password=None)
    setup = time.perf_counter() - start
    before = maxrss_mb()

    mailing = Mailing.objects.create(subject=SUBJECT, body=BODY, segment=segment)
    release = timed(
        "mailing_release (render + queue)",
        recipients,
        lambda: mailing_release(mailing=mailing, user=office),
    )
    queued = OutboundMail.objects.filter(batch=mailing.batch).count()
    assert queued == recipients, queued

    results = []

    def dispatch_all() -> None:
        while True:
            result = outbox_dispatch()
            results.append(result)
            if not result.sent:
                break

    dispatch = timed("outbox_dispatch (until all sent)", recipients, dispatch_all)
    assert sum(result.sent for result in results) == recipients
    assert not any(result.retried or result.failed for result in results), results
    assert len(sink.recipients) == recipients
    assert set(sink.recipients.values()) == {1}
    outbox_bytes = sink.bytes

    # The baseline: the same messages, rendered to bytes first (not timed), one connection.
    sender = settings.DEFAULT_FROM_EMAIL
    plain_messages: list[tuple[str, str, bytes]] = []
    stored = list(OutboundMail.objects.filter(batch=mailing.batch).order_by("pk"))
    build = timed(
        "(MIME bytes of the same, by Django)",
        recipients,
        lambda: plain_messages.extend(
            (sender, message.to_email, wire_bytes(_as_email(message))) for message in stored
        ),
    )
    sink.reset()
    plain = timed(
        "plain smtplib, one connection",
        recipients,
        lambda: send_plain(plain_messages, "127.0.0.1", port),
    )
    assert len(sink.recipients) == recipients
    assert set(sink.recipients.values()) == {1}

    # Peak Python allocations of the release, in an untimed second pass (tracemalloc is slow).
    again = Mailing.objects.create(subject=SUBJECT, body=BODY, segment=segment)
    with traced() as peak:
        mailing_release(mailing=again, user=office)
    release.traced_mb = peak[0]
    OutboundMail.objects.filter(batch=again.batch).update(status=OutboundMail.Status.SENT)

    print(
        f"\n== {label}: {recipients} recipients ({recipients // CONTACTS_EACH} member authorities "
        f"× {CONTACTS_EACH} contact persons, set up in {setup:.1f} s); "
        f"{outbox_bytes / recipients / 1024:.1f} KiB per message; max RSS before: {before:.0f} MB"
    )
    print(f"\n{'step':<36}{'wall s':>9}{'msg/s':>9}{'max RSS MB':>12}{'py peak MB':>12}")
    for step in (release, dispatch, build, plain):
        traced_mb = f"{step.traced_mb:>12.1f}" if step.traced_mb is not None else f"{'':>12}"
        print(
            f"{step.name:<36}{step.seconds:>9.2f}{step.messages / step.seconds:>9.0f}"
            f"{step.maxrss_mb:>12.0f}{traced_mb}"
        )
    print(
        f"outbox_dispatch / plain smtplib: {dispatch.seconds / plain.seconds:.1f}× the time; "
        f"release + dispatch: {release.seconds + dispatch.seconds:.1f} s"
    )


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=10_000, help="recipients of the mailing")
    common.main(__file__, parser, run_backend, BENCH_DATABASE)


if __name__ == "__main__":
    main()
