"""`{% privacy_note "events.registration" %}`: the privacy note of a form (Art. 13 DSGVO)."""

from typing import Any

from django import template

from engagiert.legal.models import NoteVersion
from engagiert.legal.notes import NOTES
from engagiert.legal.queries import current_notes

register = template.Library()


@register.inclusion_tag("legal/_privacy_note.html", takes_context=True)
def privacy_note(context: template.Context, key: str) -> dict[str, Any]:
    """Purpose, legal basis and retention of the form's data, and the way to the statement.

    The current versions of all notes are read once per request (one query however many forms
    a page has). An unknown key is a programming error: it raises, so a test of the page finds
    it."""
    if key not in NOTES:
        raise KeyError(key)
    return {"note": _notes(context.get("request")).get(key) or NOTES[key], "key": key}


def _notes(request: Any) -> dict[str, NoteVersion]:
    if request is None:
        return current_notes()
    if not hasattr(request, "_privacy_notes"):
        request._privacy_notes = current_notes()
    notes: dict[str, NoteVersion] = request._privacy_notes
    return notes
