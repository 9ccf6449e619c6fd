import datetime

import factory

from engagiert.contacts.models import Activity, FollowUp, Tag
from engagiert.membership.tests.factories import ContactPersonFactory


class TagFactory(factory.django.DjangoModelFactory[Tag]):
    class Meta:
        model = Tag
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Schlagwort {n}")


class ActivityFactory(factory.django.DjangoModelFactory[Activity]):
    class Meta:
        model = Activity

    person = factory.SubFactory(ContactPersonFactory)
    authority = factory.SelfAttribute("person.authority")
    kind = Activity.Kind.CALL
    happened_on = factory.LazyFunction(datetime.date.today)
    text = "Telefonat zum Netzwerktreffen."


class FollowUpFactory(factory.django.DjangoModelFactory[FollowUp]):
    class Meta:
        model = FollowUp

    person = factory.SubFactory(ContactPersonFactory)
    authority = factory.SelfAttribute("person.authority")
    title = "Einladung zum Kongress nachfassen"
    due_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=7))
