"""Reads of the CRM: the contact list with its filters, timelines, follow-ups, colleagues."""

from dataclasses import dataclass
from typing import Any

from django.db.models import F, Func, OuterRef, Prefetch, Q, QuerySet, Subquery

from engagiert.accounts.models import Role, RoleAssignment, User
from engagiert.membership.models import ContactPerson, Membership
from engagiert.registry.models import Authority

from .models import Activity, ContactImport, FollowUp, Tag

#: The »kind of institution« filter: members, other authorities, partner institutions.
KIND_MEMBER, KIND_AUTHORITY, KIND_PARTNER = "mitglied", "kommune", "partner"
#: The status filter.
STATUS_CURRENT, STATUS_LEFT, STATUS_ALL = "aktuell", "ausgeschieden", "alle"


@dataclass(frozen=True)
class ContactFilter:
    q: str = ""
    tag: str = ""
    authority: str = ""
    kind: str = ""
    status: str = STATUS_CURRENT


def contacts(filters: ContactFilter) -> QuerySet[ContactPerson]:
    """The people matching the filters, with what the list and the export show joined."""
    rows = ContactPerson.objects.select_related(
        "authority", "organisation", "successor"
    ).prefetch_related(Prefetch("tags", Tag.objects.order_by("name")))
    if filters.status == STATUS_CURRENT:
        rows = rows.filter(ended_on__isnull=True)
    elif filters.status == STATUS_LEFT:
        rows = rows.filter(ended_on__isnull=False)
    if filters.q:
        for word in filters.q.split():
            rows = rows.filter(
                Q(name__icontains=word)
                | Q(email__icontains=word)
                | Q(function__icontains=word)
                | Q(department__icontains=word)
                | Q(authority__name__icontains=word)
                | Q(organisation__name__icontains=word)
            )
    if filters.tag:
        rows = rows.filter(tags__name=filters.tag)
    if filters.authority:
        rows = rows.filter(authority_id=filters.authority)
    members = Membership.objects.filter(until__isnull=True).values("authority_id")
    if filters.kind == KIND_MEMBER:
        rows = rows.filter(authority_id__in=members)
    elif filters.kind == KIND_AUTHORITY:
        rows = rows.filter(authority__isnull=False).exclude(authority_id__in=members)
    elif filters.kind == KIND_PARTNER:
        rows = rows.filter(organisation__isnull=False)
    return rows.order_by("name", "pk").distinct()


def tag_names() -> list[str]:
    return list(Tag.objects.order_by("name").values_list("name", flat=True))


def authorities_with_contacts() -> QuerySet[Authority]:
    return Authority.objects.filter(contacts__isnull=False).distinct().order_by("name")


def office_colleagues() -> QuerySet[User]:
    """The office's active accounts: whom a follow-up can be assigned to."""
    return (
        User.objects.filter(role_assignments__role=Role.OFFICE, is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


def person_lineage(person: ContactPerson) -> list[ContactPerson]:
    """The person and everyone who held the function before them (predecessors' predecessors
    included), so the successor's page keeps the history."""
    lineage, frontier = [person], [person.pk]
    while frontier and len(lineage) < 50:
        earlier = list(
            ContactPerson.objects.filter(successor_id__in=frontier).exclude(
                pk__in=[p.pk for p in lineage]
            )
        )
        lineage.extend(earlier)
        frontier = [p.pk for p in earlier]
    return lineage


def account_roles(person: ContactPerson) -> list[RoleAssignment]:
    """The roles that the person's account (the one with their e-mail) holds for their
    municipality: what a successor can take over."""
    if not person.email or person.authority_id is None:
        return []
    return list(
        RoleAssignment.objects.filter(
            user__email__iexact=person.email,
            user__is_active=True,
            authority_id=person.authority_id,
        ).order_by("role")
    )


def person_timeline(person: ContactPerson) -> list[Activity]:
    lineage = person_lineage(person)
    return list(Activity.objects.filter(person__in=lineage).select_related("author", "person"))


def authority_timeline(authority: Authority) -> list[Activity]:
    return list(
        Activity.objects.filter(Q(authority=authority) | Q(person__authority=authority))
        .select_related("author", "person")
        .distinct()
    )


def authority_people(authority: Authority) -> list[ContactPerson]:
    """The authority's people, the current first, then those who left (with their successors)."""
    return list(
        ContactPerson.objects.filter(authority=authority)
        .select_related("successor")
        .prefetch_related("tags")
        .order_by("ended_on", "-is_primary", "name")
    )


def follow_ups(
    *, assignee: Any = None, done: bool | None = False, person: Any = None, authority: Any = None
) -> QuerySet[FollowUp]:
    rows = FollowUp.objects.select_related(
        "assignee", "person__authority", "person__organisation", "authority"
    )
    if assignee is not None:
        rows = rows.filter(assignee=assignee)
    if done is not None:
        rows = rows.filter(done_at__isnull=not done)
    if person is not None:
        rows = rows.filter(person__in=person_lineage(person))
    if authority is not None:
        rows = rows.filter(Q(authority=authority) | Q(person__authority=authority)).distinct()
    return rows.order_by("done_at", "due_on", "pk")


def open_follow_ups() -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(done_at__isnull=True).select_related("person", "authority")


def _counted(rows: QuerySet[Any]) -> Subquery:
    """The number of rows, as a subquery (no GROUP BY: the count of the whole filter)."""
    return Subquery(rows.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"))


def authority_summary(authority: Authority) -> dict[str, int]:
    """For the office's panel on the municipality's page (one query)."""
    people = ContactPerson.objects.filter(authority=OuterRef("pk"), ended_on__isnull=True)
    due = FollowUp.objects.filter(
        Q(authority=OuterRef("pk")) | Q(person__authority=OuterRef("pk")), done_at__isnull=True
    )
    counts = (
        Authority.objects.filter(pk=authority.pk)
        .annotate(people=_counted(people), follow_ups=_counted(due))
        .values("people", "follow_ups")
        .get()
    )
    return {"people": counts["people"] or 0, "follow_ups": counts["follow_ups"] or 0}


def import_of(pk: int) -> ContactImport | None:
    return ContactImport.objects.filter(pk=pk).first()
