"""Work of the card applications that runs by itself (registered in apps.py)."""

from .services.applications import confirmation_reminders_send


def remind_organisations() -> int:
    """Remind the organisations that have not answered for a week."""
    return confirmation_reminders_send()
