"""lock_objects(): only inside a transaction, in a fixed order, SQLite through BEGIN IMMEDIATE."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from engagiert.accounts.models import User
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.locking import lock_objects
from engagiert.registry.models import Authority
from engagiert.registry.tests.factories import AuthorityFactory


@pytest.mark.django_db(transaction=True)
def test_lock_objects_refuses_outside_a_transaction():
    authority = AuthorityFactory()

    with pytest.raises(transaction.TransactionManagementError):
        lock_objects([authority])

    with transaction.atomic():
        lock_objects([authority])


@pytest.mark.django_db
def test_lock_objects_locks_rows_by_model_label_then_key_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's")
    first, second = AuthorityFactory(), AuthorityFactory()
    person = UserFactory()

    with CaptureQueriesContext(connection) as queries:
        lock_objects([second, Authority.objects.filter(pk=first.pk), person])

    locks = [query["sql"] for query in queries if "FOR UPDATE" in query["sql"]]
    assert len(locks) == 2
    assert f'FROM "{User._meta.db_table}"' in locks[0]  # accounts.User before registry.Authority
    assert f'FROM "{Authority._meta.db_table}"' in locks[1]
    assert all("ORDER BY" in lock for lock in locks)  # rows of one table by key
    assert str(first.pk) in locks[1]
    assert str(second.pk) in locks[1]


@pytest.mark.django_db
def test_lock_objects_on_sqlite_relies_on_immediate_transactions(monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    authority = AuthorityFactory()

    with CaptureQueriesContext(connection) as queries:
        lock_objects([authority])
    assert len(queries) == 0  # BEGIN IMMEDIATE took the write lock already

    monkeypatch.setitem(connection.settings_dict, "OPTIONS", {})
    with pytest.raises(ImproperlyConfigured):
        lock_objects([authority])
