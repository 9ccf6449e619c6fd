import datetime

import factory
from django.utils import timezone

from engagiert.events.models import AgendaItem, Event, Registration


def in_days(days: int, hour: int = 10) -> datetime.datetime:
    """A moment `days` from today at `hour` o'clock local time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class EventFactory(factory.django.DjangoModelFactory[Event]):
    """A published network meeting in four weeks for 20 people, for members only."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Netzwerktreffen {n}")
    kind = Event.Kind.NETWORK_MEETING
    status = Event.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    starts_at = factory.LazyFunction(lambda: in_days(28))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=6))
    venue_name = "Rathaus Düsseldorf"
    venue_address = "Marktplatz 2, 40213 Düsseldorf"
    description = "Austausch der Engagementbeauftragten."
    capacity = 20
    is_public = False


class AgendaItemFactory(factory.django.DjangoModelFactory[AgendaItem]):
    """A workshop of 10 places, from one to half past two hours after the event starts."""

    class Meta:
        model = AgendaItem

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Workshop {n}")
    kind = AgendaItem.Kind.WORKSHOP
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at + datetime.timedelta(hours=1))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(minutes=90))
    room = "Raum 1"
    capacity = 10


class RegistrationFactory(factory.django.DjangoModelFactory[Registration]):
    """A confirmed registration without an account (pass `workshops=[…]` to choose some)."""

    class Meta:
        model = Registration
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    user = None
    name = factory.Faker("name", locale="de_DE")
    email = factory.Sequence(lambda n: f"teilnehmer{n}@example.org")
    status = Registration.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def workshops(self, create: bool, extracted: list[AgendaItem] | None, **kwargs: object) -> None:
        if create and extracted:
            self.workshops.set(extracted)
