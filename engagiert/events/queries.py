"""Reads of events.

Counted as taken: confirmed registrations. Attendance: confirmed registrations checked in.
Lists annotate their counts, so /veranstaltungen/ runs the same queries for 5 or 500 events.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from engagiert.accounts.permissions import is_office
from engagiert.core.extensions import InboxItem, NewsItem, Recipient

from .models import AgendaItem, Event, Feedback, Invitee, Registration

Status = Registration.Status
CONFIRMED = Q(registrations__status=Status.CONFIRMED)


@dataclass(frozen=True)
class EventFilter:
    when: str = "upcoming"
    kind: str = ""
    year: int | None = None
    topic: str = ""


def visible_events(user: Any) -> QuerySet[Event]:
    """Published and cancelled events; drafts only for the office (to preview them)."""
    if is_office(user):
        return Event.objects.all()
    return Event.objects.exclude(status=Event.Status.DRAFT)


def events(filters: EventFilter, user: Any) -> QuerySet[Event]:
    now = timezone.now()
    queryset = (
        visible_events(user)
        .annotate(
            taken=Count("registrations", filter=CONFIRMED, distinct=True),
        )
        .prefetch_related("topics")
    )
    if filters.when == "past":
        queryset = queryset.filter(ends_at__lt=now).order_by("-starts_at")
    elif filters.when == "all":
        queryset = queryset.order_by("-starts_at")
    else:
        queryset = queryset.filter(ends_at__gte=now).order_by("starts_at")
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.year:
        queryset = queryset.filter(starts_at__year=filters.year)
    if filters.topic:
        queryset = queryset.filter(topics__slug=filters.topic)
    return queryset


def event_years() -> list[int]:
    return [
        d.year
        for d in Event.objects.exclude(status=Event.Status.DRAFT).dates(
            "starts_at", "year", order="DESC"
        )
    ]


def my_registrations(user: Any) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(user=user, status__in=Registration.ACTIVE)
        .select_related("event")
        .order_by("event__starts_at")
    )


def event_detail(pk: int, user: Any) -> Event | None:
    workshops = AgendaItem.objects.annotate(
        taken=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED))
    )
    return (
        visible_events(user)
        .prefetch_related(
            Prefetch("agenda", queryset=workshops.order_by("starts_at", "title")),
            "organisers",
            "topics",
            "results__agenda_item",
            "files",
        )
        .annotate(taken=Count("registrations", filter=CONFIRMED, distinct=True))
        .filter(pk=pk)
        .first()
    )


def workshops_with_places(event: Event) -> list[AgendaItem]:
    """The event's workshops, each with its confirmed participants counted as `taken`."""
    return list(
        event.agenda.filter(kind=AgendaItem.Kind.WORKSHOP)
        .annotate(taken=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED)))
        .order_by("starts_at", "title")
    )


def waiting_position(registration: Registration) -> int | None:
    """Where a waiting person stands in the queue (1 = next to move up), else None."""
    if registration.status != Status.WAITING or registration.waiting_since is None:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=Status.WAITING
    ).filter(
        Q(waiting_since__lt=registration.waiting_since)
        | Q(waiting_since=registration.waiting_since, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def registration_of(event: Event, user: Any) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Registration.objects.filter(event=event, user=user, status__in=Registration.ACTIVE)
        .prefetch_related("workshops")
        .first()
    )


def participants(event: Event) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(event=event)
        .exclude(status=Status.CANCELLED)
        .select_related("authority")
        .prefetch_related("workshops", "answers")
        .order_by("status", "name")
    )


def attended(event: Event) -> QuerySet[Registration]:
    """Who gets an attendance certificate: confirmed participants checked in at the event."""
    return Registration.objects.filter(
        event=event, status=Status.CONFIRMED, checked_in_at__isnull=False
    ).order_by("name")


@dataclass(frozen=True)
class Slot:
    """A time slot of the programme: the items that start and end together (parallel
    workshops, or one plenary item)."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime
    items: list[AgendaItem]


def programme(event: Event) -> list[Slot]:
    """The event's programme by time slot, each item with its confirmed participants."""
    items = AgendaItem.objects.filter(event=event).annotate(
        taken=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED))
    )
    slots: list[Slot] = []
    for item in items.order_by("starts_at", "ends_at", "position", "title", "pk"):
        if slots and (slots[-1].starts_at, slots[-1].ends_at) == (item.starts_at, item.ends_at):
            slots[-1].items.append(item)
        else:
            slots.append(Slot(item.starts_at, item.ends_at, [item]))
    return slots


def segment_participants(segment: Any) -> list[Recipient]:
    """The segment rule »one event's participants«: its confirmed registrations (the event's
    number is in the segment's parameters)."""
    confirmed = Registration.objects.filter(
        event_id=segment.parameters.get("event"), status=Status.CONFIRMED
    ).order_by("email")
    return [Recipient(r.email, r.name, r.authority_id) for r in confirmed]


def public_participants(event: Event) -> QuerySet[Registration]:
    """Only confirmed participants who agreed to appear on the list."""
    return Registration.objects.filter(
        event=event, status=Status.CONFIRMED, list_consent=True
    ).order_by("name")


def invitees(event: Event) -> QuerySet[Invitee]:
    """Everyone invited (once per address, however often), each with whether they registered."""
    registered = Registration.objects.filter(
        event=event, email=OuterRef("email"), status__in=Registration.ACTIVE
    )
    first = Invitee.objects.filter(invitation__event=event, email=OuterRef("email")).order_by("pk")
    return (
        Invitee.objects.filter(invitation__event=event, pk=Subquery(first.values("pk")[:1]))
        .select_related("authority")
        .annotate(registered=Exists(registered))
        .order_by("email")
    )


@dataclass(frozen=True)
class Attendance:
    confirmed: int
    waiting: int
    pending: int
    checked_in: int


def attendance(event: Event) -> Attendance:
    counts = Registration.objects.filter(event=event).aggregate(
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Status.WAITING)),
        pending=Count("pk", filter=Q(status=Status.PENDING)),
        checked_in=Count("pk", filter=Q(status=Status.CONFIRMED, checked_in_at__isnull=False)),
    )
    return Attendance(**counts)


def feedback_summary(event: Event) -> dict[str, Any]:
    answers = Feedback.objects.filter(registration__event=event)
    summary = answers.aggregate(
        count=Count("pk"), overall=Avg("overall"), usefulness=Avg("usefulness")
    )
    summary["comments"] = list(answers.exclude(comment="").values_list("comment", flat=True))
    return summary


def events_news(since: datetime.datetime, until: datetime.datetime) -> list[NewsItem]:
    """Digest news: events published in the window that have not yet taken place."""
    published = Event.objects.filter(
        status=Event.Status.PUBLISHED,
        published_at__gt=since,
        published_at__lte=until,
        starts_at__gt=until,
    ).order_by("starts_at")
    return [
        NewsItem(
            event.title,
            timezone.localtime(event.starts_at).strftime("%d.%m.%Y"),
            settings.SITE_URL + event.get_absolute_url(),
        )
        for event in published
    ]


def participations_indicator(year: int) -> dict[str, float]:
    """Impact indicator: confirmed registrations per authority for events starting in `year`."""
    rows = (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            event__starts_at__year=year,
            authority__isnull=False,
        )
        .values("authority_id")
        .annotate(count=Count("pk"))
    )
    return {row["authority_id"]: float(row["count"]) for row in rows}


def inbox_waiting_lists() -> list[InboxItem]:
    """Coming events with free places while people wait (the capacity was raised, or places
    came free without anyone moving up): the office decides who moves up, since the longest
    waiting person registered."""
    waiting = Q(registrations__status=Status.WAITING)
    events = (
        Event.objects.filter(
            status=Event.Status.PUBLISHED, starts_at__gte=timezone.now(), capacity__isnull=False
        )
        .annotate(
            free=F("capacity") - Count("registrations", filter=CONFIRMED),
            waiting=Count("registrations", filter=waiting),
            oldest=Min("registrations__waiting_since", filter=waiting),
        )
        .filter(waiting__gt=0, free__gt=0)
    )
    return [
        InboxItem(
            key=f"events.waiting_list:{event.pk}",
            kind=_("Waiting list with free places"),
            title=ngettext(
                "%(event)s: %(free)d place free, %(waiting)d waiting",
                "%(event)s: %(free)d places free, %(waiting)d waiting",
                event.free,
            )
            % {"event": event, "free": event.free, "waiting": event.waiting},
            url=reverse("events:event_manage", args=[event.pk]),
            since=event.oldest,
        )
        for event in events
    ]


def coming_events(user: Any) -> QuerySet[Event]:
    """Published events that have not ended, the next first, for start pages."""
    return (
        visible_events(user)
        .filter(status=Event.Status.PUBLISHED, ends_at__gte=timezone.now())
        .order_by("starts_at")
    )


def registered_event_ids(user: Any, events: list[Event]) -> set[int]:
    """Those of the events this person holds or waits for a place in."""
    return set(
        Registration.objects.filter(
            user=user, event__in=events, status__in=Registration.ACTIVE
        ).values_list("event_id", flat=True)
    )
