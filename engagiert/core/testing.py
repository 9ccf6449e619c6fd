"""Test support shared by every app's tests: concurrent calls in real threads."""

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from django.db import connection


def run_at_once(calls: Sequence[Callable[[], object]]) -> list[object]:
    """Start the calls at the same moment, each in its own thread; their results or errors.

    Each thread has its own database connection, closed when its call ends.
    """
    barrier = threading.Barrier(len(calls))
    outcomes: list[object] = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=30)
            outcomes[index] = call()
        except Exception as error:  # the test looks at it
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


@contextmanager
def database_shared_by_threads(directory: Path) -> Iterator[None]:
    """A database that threads share as in production (needs a transactional test database).

    PostgreSQL as it is. SQLite's test database lives in memory with a shared cache, whose table
    locks fail at once (»database table is locked«) instead of waiting; so it is copied to a
    file in `directory`, where writers queue up with BEGIN IMMEDIATE and the busy timeout of the
    settings.
    """
    if connection.vendor != "sqlite":
        yield
        return
    path = directory / "threads.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.close()
    memory, name = connection.connection, connection.settings_dict["NAME"]
    connection.connection = None  # keep the in-memory database open for the teardown
    connection.settings_dict["NAME"] = str(path)
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
        connection.connection = memory
