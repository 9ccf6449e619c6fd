"""Factories for spontaneous help in shifts (providers are created directly: verified)."""

import datetime

import factory
from django.utils import timezone

from engagiert.opportunities.models import (
    Action,
    ActionPlace,
    Shift,
    ShiftSignup,
    Task,
)

from .factories import ProviderFactory


def at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A local time `days` from today."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone()
    )


class ActionFactory(factory.django.DjangoModelFactory[Action]):
    class Meta:
        model = Action

    provider = factory.SubFactory(ProviderFactory)
    title = factory.Sequence(lambda n: f"Kleidersammlung {n}")
    authority = factory.LazyAttribute(lambda o: o.provider.authority)
    status = Action.Status.PUBLISHED


class ActionPlaceFactory(factory.django.DjangoModelFactory[ActionPlace]):
    class Meta:
        model = ActionPlace

    action = factory.SubFactory(ActionFactory)
    name = "Turnhalle am Markt"
    address = "Markt 1"
    authority = factory.LazyAttribute(lambda o: o.action.authority)


class TaskFactory(factory.django.DjangoModelFactory[Task]):
    class Meta:
        model = Task

    place = factory.SubFactory(ActionPlaceFactory)
    title = "Sortieren"


class ShiftFactory(factory.django.DjangoModelFactory[Shift]):
    class Meta:
        model = Shift

    task = factory.SubFactory(TaskFactory)
    starts_at = factory.LazyFunction(lambda: at(3, 8))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=4))
    needed = 5


class SignupFactory(factory.django.DjangoModelFactory[ShiftSignup]):
    class Meta:
        model = ShiftSignup

    shift = factory.SubFactory(ShiftFactory)
    name = factory.Sequence(lambda n: f"Helferin {n}")
    email = factory.Sequence(lambda n: f"helferin{n}@example.org")
    status = ShiftSignup.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
