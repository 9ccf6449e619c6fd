"""Info-mail benchmark: release a mailing to 10,000 recipients and send it through a real SMTP
server, against plain smtplib sending the same messages.

    .venv/bin/python bench/mailing_bench.py [--postgres postgres://postgres@host:5432/postgres]

Starts an aiosmtpd sink on 127.0.0.1 (it counts what it accepts and keeps nothing else),
creates 500 member authorities with 20 contact persons each (bulk_create) and a segment of all
members, then times `mailing_release` (recipients, rendering text and HTML per person, queuing
in the outbox) and `outbox_dispatch()` until every message is sent. The baseline sends the very
same messages, rendered to bytes beforehand, with smtplib over one connection to the same sink.
Both run with 1, 2 and 4 processes (--workers): N outbox workers sharing the queue against N
smtplib processes each sending its share over its own connection. The sink runs in a process of
its own and checks that every recipient got exactly one message.
Reported: wall time, messages per second, the process's peak memory (maximum resident set
size) after each step and the peak of Python allocations during it (tracemalloc, measured in a
second, untimed pass where noted). Every backend runs in a fresh process against a throwaway
database: a temporary SQLite file, and with --postgres (or BENCH_POSTGRES_URL) a database
`engagiert_bench_mailings` created through the given admin URL and dropped afterwards. The
configured DATABASE_URL is never touched.
"""

import argparse
import multiprocessing
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
from multiprocessing.connection import Connection
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
    from engagiert.demo.scale import member_network

    member_network(recipients, each=CONTACTS_EACH, contact_name="Jürgen Groß-Öztürk")
    return Segment.objects.create(name="Alle Mitglieder", kind=Segment.Kind.MEMBER_CONTACTS)


def timed(name: str, messages: int, call: Callable[[], object]) -> Step:
    start = time.perf_counter()
    call()
    return Step(name, time.perf_counter() - start, messages, maxrss_mb())


def send_plain(messages: list[tuple[str, str, bytes]], host: str, port: int) -> None:
    """The same messages with smtplib over one connection."""
    with smtplib.SMTP(host, port) as smtp:
        for sender, recipient, data in messages:
            smtp.sendmail(sender, [recipient], data)


def sink_process(port: int, commands: Connection) -> None:
    """The SMTP sink in a process of its own, so that it competes with no sender for the GIL.
    Answers "counts" with the accepted messages per recipient and their bytes; "reset"; "stop"."""
    from aiosmtpd.controller import Controller

    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    commands.send("ready")
    while (command := commands.recv()) != "stop":
        if command == "reset":
            sink.reset()
        commands.send((dict(sink.recipients), sink.bytes))
    controller.stop()


class SinkClient:
    def __init__(self, port: int) -> None:
        self.commands, theirs = multiprocessing.Pipe()
        self.process = multiprocessing.get_context("spawn").Process(
            target=sink_process, args=(port, theirs), daemon=True
        )
        self.process.start()
        assert self.commands.recv() == "ready"

    def ask(self, command: str) -> tuple[dict[str, int], int]:
        self.commands.send(command)
        return self.commands.recv()

    def stop(self) -> None:
        self.commands.send("stop")
        self.process.join(10)


def run_backend(url: str, label: str, args: argparse.Namespace) -> None:
    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sink = SinkClient(port)
    os.environ.update(
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        SITE_URL="https://engagiert.example",
        LOG_LEVEL="WARNING",  # not a line per dispatch round
    )
    try:
        django_setup(url)
        measure(sink, port, label, args)
    finally:
        sink.stop()


def dispatch_worker() -> None:
    """One worker process: dispatch until nothing is left."""
    from engagiert.core.outbox import outbox_dispatch

    while outbox_dispatch().sent:
        pass


def at_once(calls: list[tuple[Callable[..., None], tuple[Any, ...]]]) -> None:
    """Run each call in a forked process of its own, all at once; each opens its own database
    connection."""
    from django.db import connections

    connections.close_all()
    processes = [
        multiprocessing.get_context("fork").Process(target=target, args=args)
        for target, args in calls
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
        assert process.exitcode == 0, process.exitcode


def measure(sink: SinkClient, port: int, label: str, args: argparse.Namespace) -> None:
    from django.conf import settings
    from django.utils import timezone

    from engagiert.accounts.models import User
    from engagiert.core.models import OutboundMail
    from engagiert.core.outbox import as_bytes
    from engagiert.mailings.models import Mailing
    from engagiert.mailings.services import mailing_release

    recipients = args.recipients
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
    batch = OutboundMail.objects.filter(batch=mailing.batch)
    assert batch.count() == recipients

    def received_once() -> int:
        counts, size = sink.ask("counts")
        assert len(counts) == recipients, len(counts)
        assert set(counts.values()) == {1}, Counter(counts.values())
        return size

    # The baseline: the same messages, rendered to bytes first (not timed), over one connection
    # per process; with N processes each sends its share.
    sender = settings.DEFAULT_FROM_EMAIL
    plain_messages = [
        (sender, message.to_email, as_bytes(message)) for message in batch.order_by("pk")
    ]
    steps = [release]
    ratios = []
    for workers in args.workers:
        sink.ask("reset")
        batch.update(
            status=OutboundMail.Status.QUEUED,
            sent_at=None,
            claimed_at=None,
            next_attempt_at=timezone.now(),
        )
        dispatch = timed(
            f"outbox, {workers} worker process(es)",
            recipients,
            lambda: at_once([(dispatch_worker, ())] * workers),  # noqa: B023
        )
        size = received_once()
        assert batch.filter(status=OutboundMail.Status.SENT).count() == recipients
        sink.ask("reset")
        shares = [plain_messages[n::workers] for n in range(workers)]
        plain = timed(
            f"plain smtplib, {workers} process(es)",
            recipients,
            lambda: at_once([(send_plain, (share, "127.0.0.1", port)) for share in shares]),  # noqa: B023
        )
        received_once()
        steps += [dispatch, plain]
        ratios.append((workers, dispatch, plain))

    # Peak Python allocations of the release, in an untimed second pass (tracemalloc is slow).
    again = Mailing.objects.create(subject=SUBJECT, body=BODY, segment=segment)
    with traced() as peak:
        mailing_release(mailing=again, user=office)
    release.traced_mb = peak[0]
    OutboundMail.objects.filter(batch=again.batch).update(status=OutboundMail.Status.SENT)

    print(
        f"\n== {label}: {recipients} recipients ({recipients // CONTACTS_EACH} member authorities "
        f"× {CONTACTS_EACH} contact persons, set up in {setup:.1f} s); "
        f"{size / recipients / 1024:.1f} KiB per message; max RSS before: {before:.0f} MB; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(f"\n{'step':<36}{'wall s':>9}{'msg/s':>9}{'max RSS MB':>12}{'py peak MB':>12}")
    for step in steps:
        traced_mb = f"{step.traced_mb:>12.1f}" if step.traced_mb is not None else f"{'':>12}"
        print(
            f"{step.name:<36}{step.seconds:>9.2f}{step.messages / step.seconds:>9.0f}"
            f"{step.maxrss_mb:>12.0f}{traced_mb}"
        )
    single = ratios[0][2]
    for workers, dispatch, plain in ratios:
        print(
            f"outbox with {workers} worker(s): {single.seconds / dispatch.seconds:.2f}× the rate "
            f"of plain smtplib over one connection, {plain.seconds / dispatch.seconds:.2f}× the "
            f"rate of plain smtplib in {workers} process(es)"
        )


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=10_000, help="recipients of the mailing")
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[1, 2, 4], help="worker processes to compare"
    )
    common.main(__file__, parser, run_backend, BENCH_DATABASE)


if __name__ == "__main__":
    main()
