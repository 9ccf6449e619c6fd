"""Registry benchmark: import time and page timings, on SQLite and optionally PostgreSQL.

    .venv/bin/python bench/registry_bench.py [--postgres postgres://postgres@host:5432/postgres]

Every backend runs in a fresh process against a throwaway database: a temporary SQLite file,
and with --postgres (or BENCH_POSTGRES_URL) a database `engagiert_bench` that is created through
the given admin URL and dropped afterwards. The configured DATABASE_URL is never touched.
"""

import argparse
import csv
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
REGISTRY_FILE = ROOT / "engagiert" / "registry" / "data" / "nrw_kommunen.csv"
BENCH_DATABASE = "engagiert_bench"
PAGES = (
    "/kommunen/",
    "/kommunen/?q=gladbach",
    "/kommunen/?kind=gemeinden&seite=5",
    "/kommunen/05315000/",
)
COPIES = 100


def synthetic(data: bytes, copies: int = COPIES) -> bytes:
    """`copies` copies of the file, the land prefix »05« of every key replaced by 00, 01, …."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    ags, parent = header.index("ags"), header.index("parent_ags")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for copy in range(copies):
        prefix = f"{copy:02d}"  # copy 5 keeps »05«: the real keys, once
        for row in body:
            fields = list(row)
            for column in (ags, parent):
                if fields[column].startswith("05"):
                    fields[column] = prefix + fields[column][2:]
            writer.writerow(fields)
    return out.getvalue().encode()


def median_seconds(run: Callable[[], object], times: int, before: Callable[[], None]) -> float:
    samples = []
    for _ in range(times):
        before()
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def csv_read(data: bytes) -> None:
    list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def bench_imports(runs: int) -> list[tuple[str, int, float, float]]:
    """(file, rows, median import seconds, median csv.reader seconds) per file."""
    from django.db import connection

    from engagiert.core.models import AuditEntry
    from engagiert.registry.models import Authority
    from engagiert.registry.services import registry_import

    def empty_registry() -> None:
        # One plain DELETE: .delete() would refuse the self-references (PROTECT) and audit
        # every row.
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(Authority._meta.db_table)}")
        AuditEntry.objects.all().delete()

    real = REGISTRY_FILE.read_bytes()
    results = []
    for name, data in ((REGISTRY_FILE.name, real), (f"synthetic {COPIES}x", synthetic(real))):
        rows = len(data.splitlines()) - 1
        seconds = median_seconds(
            partial(registry_import, data=data, source=name), runs, empty_registry
        )
        if Authority.objects.count() != rows:
            raise SystemExit(f"{name}: expected {rows} authorities after the import")
        baseline = median_seconds(partial(csv_read, data), runs, lambda: None)
        results.append((name, rows, seconds, baseline))
    empty_registry()
    registry_import(data=real, source=REGISTRY_FILE.name)  # the pages see the real registry
    return results


def bench_pages(requests: int) -> list[tuple[str, float, float, int]]:
    """(path, p50 seconds, p95 seconds, most queries) per page."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="127.0.0.1")
    results = []
    for path in PAGES:
        for _ in range(5):  # warm caches (templates, translations, connection)
            client.get(path)
        samples: list[float] = []
        queries = 0
        for _ in range(requests):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(path)
                samples.append(time.perf_counter() - start)
            if response.status_code != 200:
                raise SystemExit(f"GET {path} answered {response.status_code}")
            queries = max(queries, len(captured))
        cuts = statistics.quantiles(samples, n=20, method="inclusive")
        results.append((path, cuts[9], cuts[18], queries))
    return results


def run_backend(url: str, label: str, runs: int, requests: int) -> None:
    """In a fresh process: point Django at `url`, migrate, measure, print."""
    os.environ["DATABASE_URL"] = url  # never the configured database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagiert.settings")
    os.environ.setdefault("DEBUG", "1")
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    imports = bench_imports(runs)
    pages = bench_pages(requests)
    print(f"\n== {label}: import (median of {runs}) and pages ({requests} requests each)")
    print(f"{'file':<22}{'rows':>8}{'import ms':>12}{'csv.reader ms':>15}{'ratio':>8}")
    for name, rows, seconds, baseline in imports:
        ratio = seconds / baseline
        print(f"{name:<22}{rows:>8}{seconds * 1e3:>12.1f}{baseline * 1e3:>15.2f}{ratio:>7.0f}x")
    print(f"\n{'page':<38}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}")
    for path, p50, p95, queries in pages:
        print(f"{path:<38}{p50 * 1e3:>9.1f}{p95 * 1e3:>9.1f}{queries:>9}")


@contextmanager
def postgres_database(admin_url: str) -> Iterator[str]:
    """A fresh, empty database next to `admin_url`'s; dropped when the block ends."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(admin_url)
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(BENCH_DATABASE))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(drop)
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DATABASE)))
    try:
        yield urlunsplit(parts._replace(path=f"/{BENCH_DATABASE}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(drop)


def run_child(url: str, label: str, args: argparse.Namespace) -> None:
    command = [sys.executable, __file__, "--backend", url, "--label", label]
    command += ["--runs", str(args.runs), "--requests", str(args.requests)]
    subprocess.run(command, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_POSTGRES_URL", ""),
        help="admin URL of a PostgreSQL server (env BENCH_POSTGRES_URL)",
    )
    parser.add_argument("--runs", type=int, default=5, help="imports per file (median)")
    parser.add_argument("--requests", type=int, default=200, help="requests per page")
    parser.add_argument("--backend", help=argparse.SUPPRESS)
    parser.add_argument("--label", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.backend:
        run_backend(args.backend, args.label, args.runs, args.requests)
        return
    with tempfile.TemporaryDirectory(prefix="engagiert-bench-") as directory:
        run_child(f"sqlite:///{directory}/bench.sqlite3", "SQLite", args)
    if args.postgres:
        with postgres_database(args.postgres) as url:
            run_child(url, f"PostgreSQL ({BENCH_DATABASE})", args)


if __name__ == "__main__":
    main()
