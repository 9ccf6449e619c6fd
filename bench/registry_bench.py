"""Registry benchmark: import time and page timings, on SQLite and optionally PostgreSQL.

    .venv/bin/python bench/registry_bench.py [--postgres postgres://postgres@host:5432/postgres]

Every backend runs in a fresh process against a throwaway database: a temporary SQLite file,
and with --postgres (or BENCH_POSTGRES_URL) a database `engagiert_bench` that is created through
the given admin URL and dropped afterwards. The configured DATABASE_URL is never touched.
"""

import argparse
import csv
import io
import statistics
import time
from collections.abc import Callable
from functools import partial

import common
from common import ROOT, argument_parser, django_setup, print_pages, time_pages

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


def run_backend(url: str, label: str, args: argparse.Namespace) -> None:
    """In a fresh process: point Django at `url`, migrate, measure, print."""
    django_setup(url)
    imports = bench_imports(args.runs)
    pages = time_pages(PAGES, args.requests)
    print(f"\n== {label}: import (median of {args.runs}) and pages ({args.requests} requests each)")
    print(f"{'file':<22}{'rows':>8}{'import ms':>12}{'csv.reader ms':>15}{'ratio':>8}")
    for name, rows, seconds, baseline in imports:
        ratio = seconds / baseline
        print(f"{name:<22}{rows:>8}{seconds * 1e3:>12.1f}{baseline * 1e3:>15.2f}{ratio:>7.0f}x")
    print_pages(pages)


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="imports per file (median)")
    common.main(__file__, parser, run_backend, BENCH_DATABASE)


if __name__ == "__main__":
    main()
