"""Load test: Locust against gunicorn with one and with two worker processes, on 127.0.0.1 only.

    .venv/bin/python bench/load_test.py [--scale 1] [--users 20] [--seconds 60]
        [--recipients 5000] [--port 8171] [--postgres postgres://postgres@host:5432/postgres]

Prepares a throwaway database (a temporary SQLite file, or with --postgres a database
`engagiert_bench_load` created through the admin URL and dropped afterwards): the NRW registry,
the events calendar of bench/events_bench.py, volunteer cards and benefits of
bench/volunteercard_scale_bench.py (`--scale 1` = ten times NRW: 800,000 cards, 50,000 benefits;
smaller scales for a busy machine), and an info-mail to `--recipients` contact persons
(bench/mailing_bench.py), released when the load starts and sent by a task worker (`manage.py
db_worker`) to an SMTP sink while the visitors of bench/locustfile.py browse the directory and
the events, search, register for events and check card numbers. Users and time are bounded
(--users, --seconds); the server listens on 127.0.0.1:--port only.

Prints, per number of gunicorn workers, p50/p95 per endpoint, errors and throughput, and how
far the mailing got; writes the same as Markdown to --report.
"""

import argparse
import csv
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from common import ROOT, django_setup, postgres_database

BENCH_DATABASE = "engagiert_bench_load"
BIN = Path(sys.executable).parent


def prepare(scale: float, recipients: int) -> dict[str, Any]:
    """Fill the database; returns what the visitors pick from and the mailing to release."""
    import events_bench
    import mailing_bench
    import volunteercard_scale_bench as cards
    from django.core.management import call_command

    from engagiert.accounts.models import User
    from engagiert.events.models import Event
    from engagiert.mailings.models import Mailing
    from engagiert.registry.models import Authority
    from engagiert.volunteercard.models import Card

    call_command("volunteercard_devkey", verbosity=0)
    call_command("import_registry", cards.REGISTRY_FILE, verbosity=0)
    events_bench.fill_calendar()
    Event.objects.filter(starts_at__gte=time_now()).update(is_public=True)  # the public registers
    issuers = cards.issuers_everywhere()
    rng = random.Random(18)
    cards.fill_cards(issuers, int(cards.CARDS * scale), rng)
    cards.fill_benefits(issuers, int(cards.BENEFITS * scale), 0, rng)
    segment = mailing_bench.network(recipients)
    office = User.objects.create_user(email="buero@engagiert.example", password=None)
    mailing = Mailing.objects.create(
        subject=mailing_bench.SUBJECT, body=mailing_bench.BODY, segment=segment
    )
    call_command("rebuild_search_index", verbosity=0)
    return {
        "authorities": list(Authority.objects.values_list("ags", flat=True)[:400]),
        "events": list(
            Event.objects.filter(starts_at__gte=time_now()).values_list("pk", flat=True)[:50]
        ),
        "cards": list(Card.objects.values_list("number", flat=True)[:500]),
        "mailing": mailing.pk,
        "office": office.pk,
    }


def time_now() -> Any:
    from django.utils import timezone

    return timezone.now()


def release(mailing_pk: int, office_pk: int) -> str:
    """Queue the info-mail (a new copy per round); its batch name."""
    from engagiert.accounts.models import User
    from engagiert.mailings.models import Mailing
    from engagiert.mailings.services import mailing_release

    original = Mailing.objects.get(pk=mailing_pk)
    mailing = Mailing.objects.create(
        subject=original.subject, body=original.body, segment=original.segment
    )
    mailing_release(mailing=mailing, user=User.objects.get(pk=office_pk))
    return mailing.batch


def progress(batch: str) -> dict[str, Any]:
    from engagiert.core.outbox import batch_progress

    return batch_progress(batch)


@contextmanager
def process(
    command: list[str], env: dict[str, str], log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """A child process we started, stopped (only it) when the block ends."""
    with log.open("wb") as out:
        child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
        try:
            yield child
        finally:
            child.terminate()
            try:
                child.wait(timeout=20)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait(timeout=20)


def wait_until_up(base: str, child: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise SystemExit(f"gunicorn ended with {child.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer within 120 s")


def locust_rows(prefix: Path) -> list[dict[str, str]]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        return list(csv.DictReader(stats))


def table(rows: list[dict[str, str]]) -> list[str]:
    lines = [
        f"| {'endpoint':<40} | {'requests':>8} | {'errors':>6} | {'p50 ms':>6} | {'p95 ms':>6} | "
        f"{'req/s':>6} |",
        f"|{'-' * 42}|{'-' * 10}:|{'-' * 7}:|{'-' * 7}:|{'-' * 7}:|{'-' * 7}:|",
    ]
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "**all**"
        lines.append(
            f"| {name:<40} | {row['Request Count']:>8} | {row['Failure Count']:>6} | "
            f"{row['50%']:>6} | {row['95%']:>6} | {float(row['Requests/s']):>6.1f} |"
        )
    return lines


def run(url: str, label: str, args: argparse.Namespace) -> list[str]:
    with socket.socket() as probe:  # the SMTP sink's port
        probe.bind(("127.0.0.1", 0))
        smtp_port = probe.getsockname()[1]
    import mailing_bench

    sink = mailing_bench.SinkClient(smtp_port)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "SITE_URL": "https://engagiert.example",
        # As behind nginx: each visitor names its own address (X-Forwarded-For), so the
        # per-address limits count per visitor as in production.
        "TRUSTED_PROXIES": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update({key: env[key] for key in ("EMAIL_HOST", "EMAIL_PORT", "SITE_URL")})
    report = []
    try:
        django_setup(url)
        start = time.perf_counter()
        data = prepare(args.scale, args.recipients)
        print(f"{label}: data prepared in {time.perf_counter() - start:.0f} s", flush=True)
        from django.db import connections

        logs = Path(tempfile.mkdtemp(prefix="engagiert-load-"))
        data_file = logs / "data.json"
        data_file.write_text(json.dumps(data))
        for workers in args.workers:
            connections.close_all()
            base = f"http://127.0.0.1:{args.port}"
            gunicorn = [str(BIN / "gunicorn"), "engagiert.wsgi", "-w", str(workers)]
            gunicorn += ["-b", f"127.0.0.1:{args.port}", "--timeout", "60"]
            worker = [sys.executable, "manage.py", "db_worker", "--interval", "1"]
            with (
                process(gunicorn, env, logs / f"gunicorn-{workers}.log") as server,
                process(worker, env, logs / f"worker-{workers}.log"),
            ):
                wait_until_up(base, server)
                batch = release(data["mailing"], data["office"])
                prefix = logs / f"locust-{workers}"
                locust = [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py")]
                locust += ["--headless", "--only-summary", "--host", base, "--csv", str(prefix)]
                locust += ["-u", str(args.users), "-r", str(args.users), "-t", f"{args.seconds}s"]
                locust_env = {**env, "LOAD_TEST_DATA": str(data_file)}
                subprocess.run(locust, cwd=ROOT, env=locust_env, check=False, capture_output=True)
                sent = progress(batch)
            lines = [
                f"\n### {label}, gunicorn with {workers} worker process(es), {args.users} users, "
                f"{args.seconds} s\n",
                *table(locust_rows(prefix)),
                f"\nInfo-mail to {sent['total']} recipients released at the start: {sent['sent']} "
                f"sent during the run, {sent['failed']} failed "
                f"(one `db_worker`; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} "
                "cores at the end).",
            ]
            print("\n".join(lines), flush=True)
            report += lines
    finally:
        sink.stop()
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES_URL", ""))
    parser.add_argument("--scale", type=float, default=1.0, help="1 = ten times NRW")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--recipients", type=int, default=5000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--port", type=int, default=8171)
    parser.add_argument("--report", type=Path, default=ROOT / "bench" / "load_test_report.md")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    header = [
        "# Load test report",
        "",
        f"`bench/load_test.py --scale {args.scale} --users {args.users} --seconds {args.seconds} "
        f"--recipients {args.recipients}`; DEBUG=1 settings (static files from the finders), "
        "Locust and the server on the same machine.",
    ]
    if args.postgres:
        with postgres_database(args.postgres, BENCH_DATABASE) as url:
            report = run(url, "PostgreSQL", args)
    else:
        with tempfile.TemporaryDirectory(prefix="engagiert-load-") as directory:
            report = run(f"sqlite:///{directory}/load.sqlite3", "SQLite", args)
    args.report.write_text("\n".join(header + report) + "\n", encoding="utf-8")
    print(f"\nReport: {args.report}")


if __name__ == "__main__":
    main()
