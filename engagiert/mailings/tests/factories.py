import factory

from engagiert.audiences.tests.factories import SegmentFactory
from engagiert.mailings.models import Mailing


class MailingFactory(factory.django.DjangoModelFactory[Mailing]):
    """A draft to all members' contact persons and officers (set `released_at` and `send_at`
    for one that has been sent)."""

    class Meta:
        model = Mailing

    subject = factory.Sequence(lambda n: f"Neues aus dem Netzwerk Nr. {n}")
    body = (
        "das **Frühjahrstreffen** findet in Köln statt.\n\n"
        "- Anmeldung bis Ende März\n"
        "- Programm: https://engagiert.example/termine/"
    )
    segment = factory.SubFactory(SegmentFactory, name="Alle Mitglieder")
    created_by = None
    released_at = None
    send_at = None
