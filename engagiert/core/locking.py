"""Row locks for services that read, decide and write (in the spirit of pretix's lock_objects).

`lock_objects()` locks the rows of the given objects and querysets until the transaction ends;
the service then reads them again and decides on what it read. Two services locking the same
rows run one after the other, so counts (places, votes, slots) never go past their limits.

- Only inside a transaction: a lock outside one would end with the statement and protect
  nothing, so the call refuses.
- In a fixed order (model label, then primary key), so two services locking the same rows never
  wait for each other crosswise (a deadlock).
- PostgreSQL: SELECT … FOR UPDATE on exactly these rows.
- SQLite has no row locks. Its writers take the database's write lock at BEGIN (the settings
  open every transaction with `transaction_mode: IMMEDIATE`), so a second writing transaction
  waits at its BEGIN until the first has committed. Everything a service reads after BEGIN is
  therefore the latest committed state and stays so until it commits: the transaction holds a
  lock on every row at once, which is what the row locks achieve on PostgreSQL. Nothing more to
  do here than to check that the mode is set.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import Model, QuerySet


def lock_objects(objects: Iterable[Model | QuerySet[Any]]) -> None:
    """Lock the rows of `objects` (instances or querysets) until the transaction ends.

    A queryset locks the rows it matches now; read them again after locking and check the
    conditions that matter, as another transaction may have changed them before the lock.
    """
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError(
            "lock_objects() needs a transaction: a lock outside one protects nothing."
        )
    if connection.vendor == "sqlite":
        if connection.settings_dict.get("OPTIONS", {}).get("transaction_mode") != "IMMEDIATE":
            raise ImproperlyConfigured(
                "SQLite needs transaction_mode IMMEDIATE to serialise writers."
            )
        return
    keys: dict[type[Model], set[Any]] = defaultdict(set)
    for item in objects:
        if isinstance(item, QuerySet):
            keys[item.model._meta.concrete_model].update(item.values_list("pk", flat=True))
        else:
            keys[item._meta.concrete_model].add(item.pk)  # type: ignore[index]
    for model in sorted(keys, key=lambda model: model._meta.label):
        rows = model._base_manager.select_for_update().filter(pk__in=keys[model]).order_by("pk")
        list(rows.values_list("pk", flat=True))
