"""The contact list as a spreadsheet (core.exports neutralises formulas)."""

from collections.abc import Iterator, Sequence

from django.db.models import QuerySet

from engagiert.membership.models import ContactPerson

HEADINGS = (
    "Name",
    "Funktion",
    "Abteilung",
    "E-Mail",
    "Telefon",
    "Institution",
    "AGS",
    "Schlagworte",
    "Ausgeschieden am",
    "Nachfolge",
)


def contact_rows(people: QuerySet[ContactPerson]) -> Iterator[Sequence[object]]:
    """A heading row, then one row per person (the headings read like the import's, so an
    exported list can be imported again)."""
    yield HEADINGS
    for person in people:
        yield (
            person.name,
            person.function,
            person.department,
            person.email,
            person.phone,
            str(person.institution),
            person.authority_id or "",
            ", ".join(tag.name for tag in person.tags.all()),
            f"{person.ended_on:%d.%m.%Y}" if person.ended_on else "",
            person.successor.name if person.successor else "",
        )
