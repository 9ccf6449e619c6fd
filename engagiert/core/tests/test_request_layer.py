"""The request layer: the client's address behind trusted proxies, and the throttle's counters
shared by every app process through the database."""

import re
import threading
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection, connections
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from engagiert.core import throttle
from engagiert.core.cache import CounterDatabaseCache
from engagiert.core.middleware import ClientAddressMiddleware, client_address

PROXIES = ("10.0.0.1", "192.168.10.0/24", "2001:db8::/32")


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("203.0.113.7", "", "203.0.113.7"),
        ("203.0.113.7", "198.51.100.1", "203.0.113.7"),  # not a proxy: the header is a lie
        ("10.0.0.1", "", "10.0.0.1"),
        ("10.0.0.1", "198.51.100.1", "198.51.100.1"),
        ("10.0.0.1", "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # left of the proxy's entry
        ("10.0.0.1", "198.51.100.1, 192.168.10.5", "198.51.100.1"),  # a chain of proxies
        ("10.0.0.1", "192.168.10.9, 192.168.10.5", "192.168.10.9"),  # only proxies
        ("10.0.0.1", "198.51.100.1, kaputt", "10.0.0.1"),  # garbage ends at the last proxy
        ("2001:db8::1", "2a00:1450::1", "2a00:1450::1"),
    ],
)
def test_client_address_trusts_x_forwarded_for_only_from_trusted_proxies(
    remote, forwarded, expected
):
    assert client_address(remote, forwarded, PROXIES) == expected


def _resolved(settings, **meta: str) -> str:
    seen: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(request.client_ip)  # type: ignore[attr-defined]
        return HttpResponse()

    ClientAddressMiddleware(view)(RequestFactory().get("/", **meta))
    return seen[0]


def test_client_address_middleware_reads_the_trusted_proxies_setting(settings):
    meta = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}

    settings.TRUSTED_PROXIES = []
    assert _resolved(settings, **meta) == "10.0.0.1"
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert _resolved(settings, **meta) == "198.51.100.1"


ENGAGIERT = Path(__file__).resolve().parents[2]


#: The search's own limiter moves into the search app, onto engagiert.core.throttle.
def test_only_the_middleware_reads_the_connections_address():
    """Everything else uses request.client_ip, so no code can be fooled by a proxy again."""
    readers = {
        str(path.relative_to(ENGAGIERT))
        for path in ENGAGIERT.rglob("*.py")
        if "tests" not in path.parts
        and re.search(r"REMOTE_ADDR|HTTP_X_FORWARDED_FOR", path.read_text(encoding="utf-8"))
    }

    assert readers == {"core/middleware.py"}


# The throttle's counters ------------------------------------------------------------------


@pytest.mark.django_db
def test_throttle_hit_allows_the_limit_then_refuses_per_key():
    results = [throttle.hit("test", "203.0.113.7", limit=3, window=60) for _ in range(4)]

    assert results == [True, True, True, False]
    assert throttle.hit("test", "198.51.100.1", limit=3, window=60)
    assert throttle.hit("other", "203.0.113.7", limit=3, window=60)


@pytest.mark.django_db
def test_throttle_counters_live_in_the_database_shared_by_every_process():
    """Another app process has its own cache object but the same table: it sees the count."""
    for _ in range(3):
        throttle.record("test", "203.0.113.7", window=60)

    other_process = CounterDatabaseCache(caches["throttle"]._table, {})  # type: ignore[attr-defined]
    key = throttle._key("test", "203.0.113.7")
    assert other_process.get(key) == 3
    other_process.incr(key)
    assert throttle.attempts("test", "203.0.113.7") == 4
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM core_throttle_cache")
        assert cursor.fetchone()[0] == 1


@pytest.mark.django_db(transaction=True)
def test_throttle_counting_from_many_processes_at_once_loses_no_count():
    """Eight app processes count failures for one address at the same moment (PostgreSQL, as in
    production; each thread has its own database connection)."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers to one database need PostgreSQL")
    start = threading.Barrier(8)

    def count_five() -> None:
        try:
            start.wait()
            for _ in range(5):
                throttle.record("test", "203.0.113.7", window=60)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=count_five) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert throttle.attempts("test", "203.0.113.7") == 40


@pytest.mark.django_db
def test_throttle_counting_keeps_the_window_of_the_first_attempt():
    cache = caches["throttle"]
    throttle.record("test", "203.0.113.7", window=60)

    def expires() -> object:
        with connection.cursor() as cursor:
            cursor.execute("SELECT expires FROM core_throttle_cache")
            return cursor.fetchone()[0]

    first = expires()
    throttle.record("test", "203.0.113.7", window=60)
    throttle.record("test", "203.0.113.7", window=60)

    assert expires() == first
    assert cache.get(throttle._key("test", "203.0.113.7")) == 3


@pytest.mark.django_db
def test_migrate_creates_the_throttle_table():
    """`make run` and production run `migrate`; that alone must create the counters' table."""
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE core_throttle_cache")
    assert "core_throttle_cache" not in connection.introspection.table_names()

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert "core_throttle_cache" in connection.introspection.table_names()
    assert throttle.hit("test", "203.0.113.7", limit=1, window=60)
