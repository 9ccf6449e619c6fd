"""Reads of the accounts app: the network office's people and its inbox.

The inbox lists what the apps name as waiting for the office (`core.extensions.inbox_items`),
the longest waiting first, each with the colleague who takes care of it: an item that carries
its own assignee (a follow-up) shows that one, any other the office's assignment by its key.
"""

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from engagiert.core.extensions import InboxItem, inbox_items

from .models import InboxAssignment, Role, User


def office_people() -> QuerySet[User]:
    """The active accounts of the network office, to assign inbox items to."""
    office = Q(role_assignments__role=Role.OFFICE) | Q(is_superuser=True)
    return User.objects.filter(office, is_active=True).distinct().order_by("last_name", "email")


def inbox_kind(item: InboxItem) -> str:
    """The kind of an item as the filter names it: its key up to the object (»membership.
    application«)."""
    return item.key.partition(":")[0]


@dataclass(frozen=True)
class InboxRow:
    item: InboxItem
    assignee: User | None
    #: The item names its assignee itself; the owning app changes it, not the inbox.
    assigned_by_app: bool


@dataclass(frozen=True)
class Inbox:
    rows: list[InboxRow]
    #: (kind, label, number of items) of every kind waiting, for the filter.
    kinds: list[tuple[str, str, int]]
    #: Items in the inbox before filtering.
    total: int


def inbox(*, kind: str = "", assignee: Any = None) -> Inbox:
    """The office's inbox, of one kind or every kind, of one colleague or everyone's; two
    queries of its own however many items wait (the providers' own come on top)."""
    items = inbox_items()
    assigned = dict(
        InboxAssignment.objects.filter(key__in=[item.key for item in items]).values_list(
            "key", "assignee_id"
        )
    )
    owner = {item.key: item.assignee_id or assigned.get(item.key) for item in items}
    people = User.objects.in_bulk({pk for pk in owner.values() if pk})
    labels = {inbox_kind(item): str(item.kind) for item in items}
    counts = Counter(inbox_kind(item) for item in items)
    rows = [
        InboxRow(item, people.get(owner[item.key] or 0), item.assignee_id is not None)
        for item in items
        if (not kind or inbox_kind(item) == kind)
        and (assignee is None or owner[item.key] == assignee.pk)
    ]
    kinds = sorted(((k, labels[k], n) for k, n in counts.items()), key=lambda entry: entry[1])
    return Inbox(rows=rows, kinds=kinds, total=len(items))
