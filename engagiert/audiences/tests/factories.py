import factory

from engagiert.audiences.models import Segment


class SegmentFactory(factory.django.DjangoModelFactory[Segment]):
    """All members' contact persons and officers, unless told otherwise."""

    class Meta:
        model = Segment
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Zielgruppe {n}")
    kind = Segment.Kind.MEMBER_CONTACTS
    min_population = None
