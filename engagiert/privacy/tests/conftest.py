import datetime

import pytest
from django.utils import timezone

from engagiert.events.tests.factories import EventFactory

from .seeding import Person, seed_person


@pytest.fixture
def people(db, settings, tmp_path) -> tuple[Person, Person]:
    """Two people with similar data at the same event: Jürgen, and Jürgen's namesake."""
    settings.MEDIA_ROOT = tmp_path
    started = timezone.now() - datetime.timedelta(days=3)
    event = EventFactory(
        title="Netzwerktreffen Hamm",
        starts_at=started,
        ends_at=started + datetime.timedelta(hours=4),
    )
    first = seed_person(
        "Jürgen", "Wöllner-Bast", "juergen.woellner@example.org", "+49 2381 17-4401", event=event
    )
    second = seed_person(
        "Jürgen",
        "Wolters",
        "juergen.wolters@example.org",
        "+49 2381 17-4502",
        town="Kamen",
        event=event,
    )
    return first, second
