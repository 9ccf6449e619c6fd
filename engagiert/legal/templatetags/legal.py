"""`{% privacy_note "events.registration" %}`: the privacy note of a form (Art. 13 DSGVO)."""

from typing import Any

from django import template

from engagiert.legal.notes import NOTES

register = template.Library()


@register.inclusion_tag("legal/_privacy_note.html")
def privacy_note(key: str) -> dict[str, Any]:
    """Purpose, legal basis and retention of the form's data, and the way to the statement.

    An unknown key is a programming error: it raises, so a test of the page finds it."""
    return {"note": NOTES[key], "key": key}
