"""Load test: Locust through nginx against one and against two app servers, on 127.0.0.1 only.

    .venv/bin/python bench/load_test.py [--scale 1] [--users 20] [--seconds 60]
        [--recipients 5000] [--app-servers 1 2] [--port-base 8171]
        [--postgres postgres://postgres@host:5432/postgres [--database NAME] [--reuse]]

The production layout of deploy/layout.py (nginx from Debian's package with the shipped site
file, gunicorn app servers with GUNICORN_WORKERS=2 processes each, one task worker, Redis) in
front of a throwaway database: a temporary SQLite file, or with --postgres a database
`engagiert_bench_load` (or --database) created through the admin URL and dropped afterwards;
with --reuse it is kept, and its data is used again when it has some (the 10×-NRW data take
long to make). The data: the NRW registry, the events calendar of bench/events_bench.py,
volunteer cards and benefits of bench/volunteercard_scale_bench.py (`--scale 1` = ten times
NRW: 800,000 cards, 50,000 benefits; smaller scales for a busy machine), and an info-mail to
`--recipients` contact persons (bench/mailing_bench.py), released when the load starts and sent
by the task worker to an SMTP sink while the visitors of bench/locustfile.py browse the
directory and the events, search, register for events and check card numbers. Each visitor
connects from an address of its own (127.x.y.z), so the per-address limits count per visitor
as in production. Users and time are bounded (--users, --seconds).

Prints, per number of app servers, p50/p95/p99 per endpoint, errors and throughput, and how
far the mailing got; writes the same as Markdown to --report.
"""

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import ROOT, django_setup, postgres_database

sys.path.insert(0, str(ROOT / "deploy"))
from layout import BIN, Layout, say  # noqa: E402

BENCH_DATABASE = "engagiert_bench_load"
OFFICE = "buero@engagiert.example"


def prepare(scale: float, recipients: int) -> None:
    """Fill the database."""
    import events_bench
    import mailing_bench
    import volunteercard_scale_bench as cards
    from django.core.management import call_command

    from engagiert.accounts.models import User
    from engagiert.events.models import Event
    from engagiert.mailings.models import Mailing

    call_command("volunteercard_devkey", verbosity=0)
    call_command("import_registry", cards.REGISTRY_FILE, verbosity=0)
    events_bench.fill_calendar()
    Event.objects.filter(starts_at__gte=time_now()).update(is_public=True)  # the public registers
    issuers = cards.issuers_everywhere()
    rng = random.Random(18)
    cards.fill_cards(issuers, int(cards.CARDS * scale), rng)
    cards.fill_benefits(issuers, int(cards.BENEFITS * scale), 0, rng)
    segment = mailing_bench.network(recipients)
    User.objects.create_user(email=OFFICE, password=None)
    Mailing.objects.create(subject=mailing_bench.SUBJECT, body=mailing_bench.BODY, segment=segment)
    call_command("rebuild_search_index", verbosity=0)


def picks() -> dict[str, Any] | None:
    """What the visitors pick from, and the mailing to release (None: not prepared yet)."""
    from engagiert.accounts.models import User
    from engagiert.events.models import Event
    from engagiert.mailings.models import Mailing
    from engagiert.registry.models import Authority
    from engagiert.volunteercard.models import Card

    office = User.objects.filter(email=OFFICE).first()
    mailing = Mailing.objects.filter(released_at=None).order_by("pk").first()
    if office is None or mailing is None:
        return None
    return {
        "authorities": list(Authority.objects.values_list("ags", flat=True)[:400]),
        "events": list(
            Event.objects.filter(starts_at__gte=time_now()).values_list("pk", flat=True)[:50]
        ),
        "cards": list(Card.objects.values_list("number", flat=True)[:500]),
        "mailing": mailing.pk,
        "office": office.pk,
        "cards_total": Card.objects.count(),
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


def locust_rows(prefix: Path) -> list[dict[str, str]]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        return list(csv.DictReader(stats))


def table(rows: list[dict[str, str]]) -> list[str]:
    lines = [
        f"| {'endpoint':<40} | {'requests':>8} | {'errors':>6} | {'p50 ms':>6} | {'p95 ms':>6} | "
        f"{'p99 ms':>6} | {'req/s':>6} |",
        f"|{'-' * 42}|{'-' * 10}:|{'-' * 7}:|{'-' * 7}:|{'-' * 7}:|{'-' * 7}:|{'-' * 7}:|",
    ]
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "**all**"
        lines.append(
            f"| {name:<40} | {row['Request Count']:>8} | {row['Failure Count']:>6} | "
            f"{row['50%']:>6} | {row['95%']:>6} | {row['99%']:>6} | "
            f"{float(row['Requests/s']):>6.1f} |"
        )
    return lines


def failures(prefix: Path) -> list[str]:
    """Locust's failures, one line each (what went wrong, how often)."""
    with open(f"{prefix}_failures.csv", encoding="utf-8") as rows:
        return [
            f"- {row['Method']} {row['Name']}: {row['Error']} ({row['Occurrences']}×)"
            for row in csv.DictReader(rows)
        ]


def round_with(servers: int, work: Path, args: argparse.Namespace, url: str) -> list[str]:
    """One round: the layout with `servers` app servers, the mailing released, Locust."""
    import mailing_bench
    from django.db import connections

    data_file = work / "data.json"
    data = json.loads(data_file.read_text())
    layout = Layout(work, port_base=args.port_base, database_url=url, app_servers=servers)
    layout.ports_free()
    sink = mailing_bench.SinkClient(layout.smtp_port)
    try:
        layout.start_redis()
        if not (work / "static").exists():
            layout.collect_static().wait()
        layout.serve(workers=1)
        connections.close_all()
        batch = release(data["mailing"], data["office"])
        prefix = work / f"locust-{servers}"
        locust = [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py")]
        locust += ["--headless", "--only-summary", "--host", layout.url, "--csv", str(prefix)]
        locust += ["-u", str(args.users), "-r", str(args.users), "-t", f"{args.seconds}s"]
        locust_env = {
            **os.environ,
            "LOAD_TEST_DATA": str(data_file),
            "LOAD_TEST_CERTIFICATE": str(work / "cert.pem"),
        }
        say(f"{servers} app server(s): Locust with {args.users} users for {args.seconds} s")
        subprocess.run(locust, cwd=ROOT, env=locust_env, check=False, capture_output=True)
        load = os.getloadavg()
        layout.alive()
        sent = progress(batch)
    finally:
        layout.cleanup()
        sink.stop()
    rows = locust_rows(prefix)
    lines = [
        f"\n### {servers} app server(s) behind nginx ({servers * 2} gunicorn processes), "
        f"{args.users} users, {args.seconds} s\n",
        *table(rows),
        "",
        *(failures(prefix) or ["No request failed."]),
        f"\nInfo-mail to {sent['total']} recipients released at the start: {sent['sent']} sent "
        f"during the run, {sent['failed']} failed (one task worker). Load average at the end "
        f"{load[0]:.1f} (5 min: {load[1]:.1f}) on {os.cpu_count()} cores.",
    ]
    return lines


def run(url: str, label: str, args: argparse.Namespace) -> list[str]:
    django_setup(url)
    data = picks()
    if data is None:
        start = time.perf_counter()
        prepare(args.scale, args.recipients)
        say(f"{label}: data (scale {args.scale}) prepared in {time.perf_counter() - start:.0f} s")
        data = picks()
        assert data is not None
    else:
        say(f"{label}: data of an earlier run used again ({data['cards_total']} cards)")
    with tempfile.TemporaryDirectory(prefix="engagiert-load-") as directory:
        work = Path(directory)
        (work / "data.json").write_text(json.dumps(data))
        report = [f"\n## {label}, {data['cards_total']:,} volunteer cards"]
        for servers in args.app_servers:
            lines = round_with(servers, work, args, url)
            print("\n".join(lines), flush=True)
            report += lines
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES_URL", ""))
    parser.add_argument("--database", default=BENCH_DATABASE)
    parser.add_argument(
        "--reuse", action="store_true", help="keep the PostgreSQL database and use its data again"
    )
    parser.add_argument("--scale", type=float, default=1.0, help="1 = ten times NRW")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--recipients", type=int, default=5000)
    parser.add_argument("--app-servers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--port-base", type=int, default=8171, help="6 ports from here on")
    parser.add_argument("--report", type=Path, default=ROOT / "bench" / "load_test_report.md")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    header = [
        "# Load test report",
        "",
        f"`bench/load_test.py --scale {args.scale} --users {args.users} --seconds {args.seconds} "
        f"--recipients {args.recipients}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: "
        "nginx with "
        "the shipped site file in front of gunicorn (production settings, DEBUG off), Redis, "
        f"one task worker; Locust and every server on the same machine ({os.cpu_count()} "
        "cores).",
    ]
    if args.postgres:
        with postgres_database(args.postgres, args.database, keep=args.reuse) as url:
            report = run(url, "PostgreSQL", args)
    else:
        with tempfile.TemporaryDirectory(prefix="engagiert-load-") as directory:
            report = run(f"sqlite:///{directory}/load.sqlite3", "SQLite", args)
    args.report.write_text("\n".join(header + report) + "\n", encoding="utf-8")
    print(f"\nReport: {args.report}")


if __name__ == "__main__":
    main()
