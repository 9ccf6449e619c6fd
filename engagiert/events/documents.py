"""How events become search documents (registered in apps.py): a published or cancelled event
with its programme (plenary items and workshops, with their descriptions); drafts are not found."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import SearchDocument, SearchProvider

from .models import AgendaItem, Event


def event_document(event: Event) -> SearchDocument | None:
    if event.status == Event.Status.DRAFT:
        return None
    programme = [part for item in event.agenda.all() for part in (item.title, item.description)]
    parts = (f"{event.get_kind_display()} {event.venue_name}", event.description, *programme)
    return SearchDocument(
        kind="event",
        key=f"event:{event.pk}",
        title=event.title,
        text="\n".join(part for part in parts if part),
        url=event.get_absolute_url(),
        subkind="event",
        topics=[t.slug for t in event.topics.all()],
        year=event.starts_at.year,
    )


def events() -> QuerySet[Event]:
    return Event.objects.prefetch_related("topics", "agenda")


def _agenda_event(item: AgendaItem) -> list[Event]:
    return [item.event]


def provider() -> SearchProvider:
    return SearchProvider(
        kind="event",
        label=_("Event"),
        model=Event,
        document=event_document,
        queryset=events,
        watch=((AgendaItem, _agenda_event),),
        m2m=("topics",),
    )
