"""Test support shared by every app's tests: concurrent calls in real threads, data built once
for many tests, a form posted as the page shows it."""

import copy
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from django import forms
from django.db import connection, transaction

if TYPE_CHECKING:
    import pytest
    from pytest_django import DjangoDbBlocker

T = TypeVar("T")


def search_planner_queries() -> int:
    """The statements a search adds inside a test's transaction on PostgreSQL, where its
    matching runs in a savepoint with a planner setting (search.fts.through_indexes):
    SAVEPOINT, SET LOCAL, ROLLBACK TO and RELEASE. Outside a transaction it is one."""
    return 0 if connection.vendor == "sqlite" else 4


def form_as_posted(form: forms.BaseForm, **changes: Any) -> dict[str, Any]:
    """What a browser posts for the unbound `form` as the page shows it, with `changes` made.

    Edit pages are tested by changing one field of everything they show, as a user does.
    """
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field.widget, forms.CheckboxInput):
            if value:
                data[form.add_prefix(name)] = "on"
            continue
        if isinstance(value, list | tuple):
            data[form.add_prefix(name)] = [str(item) for item in value]
        else:
            data[form.add_prefix(name)] = "" if value is None else str(value)
    data.update(changes)
    return data


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


#: The fixtures whose `data_shared_by_tests` is alive now (the root conftest checks each test).
_SHARING: list[str] = []


def fixtures_sharing_data() -> list[str]:
    """The fixtures whose shared data is in the database right now."""
    return list(_SHARING)


@contextmanager
def data_shared_by_tests(
    request: "pytest.FixtureRequest", django_db_blocker: "DjangoDbBlocker", build: Callable[[], T]
) -> Iterator[Callable[[], T]]:
    """Build test data once in a module- or class-scoped fixture, like Django's
    `TestCase.setUpTestData`; yields a function that gives each test its own deep copy.

    The data lives in a transaction that is rolled back when the fixture ends; each test (`db`)
    runs in a savepoint inside it, so what a test changes in the database is undone after it,
    and what it changes in memory stays in its copy. While the fixture lives, every database
    test of its scope must ask for it, and none may be transactional: the root conftest fails
    any other test, which would see the data or commit inside its transaction.
    """
    fixture = str(request.fixturename)
    with django_db_blocker.unblock():
        shared = transaction.atomic()
        shared._from_testcase = True  # type: ignore[attr-defined]  # as TestCase's own
        shared.__enter__()
    _SHARING.append(fixture)
    try:
        with django_db_blocker.unblock():
            data = build()
        yield lambda: copy.deepcopy(data)
    finally:
        _SHARING.remove(fixture)
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            shared.__exit__(None, None, None)
