"""What the benchmarks share: a throwaway database per backend, one process per backend, and
page timings (p50/p95 server time and the most queries of any request).

A benchmark script defines `run_backend(url, label, args)` (runs inside the child process
with Django pointed at `url`) and calls `main()` with it; the parent runs one child on a
temporary SQLite file and, given --postgres (or BENCH_POSTGRES_URL), one on a fresh
PostgreSQL database that is created through the admin URL and dropped afterwards. The
configured DATABASE_URL is never touched.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def django_setup(url: str) -> None:
    """In the child process: point Django at `url` and migrate the empty database."""
    os.environ["DATABASE_URL"] = url  # never the configured database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagiert.settings")
    os.environ.setdefault("DEBUG", "1")
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


@dataclass(frozen=True)
class PageTiming:
    path: str
    p50: float
    p95: float
    queries: int


def time_pages(
    paths: Iterable[str], requests: int, warm: int = 5, user: Any = None
) -> list[PageTiming]:
    """GET each path `requests` times (after `warm` untimed requests) as an anonymous visitor,
    or logged in as `user`."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="127.0.0.1")
    if user is not None:
        client.force_login(user)
    results = []
    for path in paths:
        for _ in range(warm):  # warm caches (templates, translations, connection)
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
        results.append(PageTiming(path, cuts[9], cuts[18], queries))
    return results


def print_pages(pages: Iterable[PageTiming], width: int = 38) -> None:
    print(f"\n{'page':<{width}}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}")
    for page in pages:
        print(f"{page.path:<{width}}{page.p50 * 1e3:>9.1f}{page.p95 * 1e3:>9.1f}{page.queries:>9}")


@contextmanager
def postgres_database(admin_url: str, name: str, keep: bool = False) -> Iterator[str]:
    """A fresh, empty database `name` next to `admin_url`'s; dropped when the block ends.
    With `keep`, an existing one is used as it is and stays."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(admin_url)
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not (keep and exists):
            admin.execute(drop)
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        if not keep:
            with psycopg.connect(admin_url, autocommit=True) as admin:
                admin.execute(drop)


def argument_parser(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_POSTGRES_URL", ""),
        help="admin URL of a PostgreSQL server (env BENCH_POSTGRES_URL)",
    )
    parser.add_argument(
        "--database",
        default=os.environ.get("BENCH_DATABASE", ""),
        help="name of the throwaway PostgreSQL database (env BENCH_DATABASE; default: the "
        "benchmark's own), for several benchmarks on one server at once",
    )
    parser.add_argument("--requests", type=int, default=200, help="requests per page")
    parser.add_argument("--backend", help=argparse.SUPPRESS)
    parser.add_argument("--label", default="", help=argparse.SUPPRESS)
    return parser


def main(
    script: str,
    parser: argparse.ArgumentParser,
    run_backend: Callable[[str, str, argparse.Namespace], None],
    database: str,
) -> None:
    """Parent: one child process per backend. Child (--backend): measure and print."""
    args = parser.parse_args()
    if args.backend:
        run_backend(args.backend, args.label, args)
        return
    # Hand every option but the parent-only ones on to the child (a flag only when set, an
    # empty value not at all).
    passed = [
        item
        for action in parser._actions
        if action.dest not in {"help", "postgres", "database", "backend", "label"}
        for value in [getattr(args, action.dest)]
        if value is not False and value != "" and value is not None
        for item in (
            action.option_strings[0],
            *([] if value is True else map(str, value if isinstance(value, list) else [value])),
        )
    ]

    def child(url: str, label: str) -> None:
        command = [sys.executable, script, "--backend", url, "--label", label, *passed]
        subprocess.run(command, check=True)

    # A script offering --keep (its own option) measures again on the databases it filled
    # before: var/<database>.sqlite3 and the PostgreSQL database <database>, never dropped.
    keep = bool(getattr(args, "keep", False))
    if getattr(args, "only", "") == "postgres":
        pass
    elif keep:
        (ROOT / "var").mkdir(exist_ok=True)
        child(f"sqlite:///{ROOT / 'var' / database}.sqlite3", "SQLite")
    else:
        with tempfile.TemporaryDirectory(prefix="engagiert-bench-") as directory:
            child(f"sqlite:///{directory}/bench.sqlite3", "SQLite")
    if args.postgres and getattr(args, "only", "") != "sqlite":
        database = args.database or database
        with postgres_database(args.postgres, database, keep=keep) as url:
            child(url, f"PostgreSQL ({database})")
