"""What events contribute to other pages: the coming events on the public start page, and on
the personal start page the person's next events and, for leaders, the top meeting."""

from typing import Any

from engagiert.accounts.models import Role
from engagiert.accounts.permissions import has_role
from engagiert.core.extensions import Panel, PanelRequest, Place

from . import queries
from .models import Event

#: How many coming events a start page shows (the events page has them all).
SHOWN = 3


def for_place(request: PanelRequest) -> list[Panel]:
    if request.place == Place.HOME:
        events = list(queries.coming_events(request.user)[:SHOWN])
        return [Panel("events/_home_events.html", {"events": events})]
    if request.place == Place.DASHBOARD and request.user.is_authenticated:
        return [_dashboard_panel(request.user)]
    return []


def _dashboard_panel(user: Any) -> Panel:
    """The next events with the person's own registrations marked; a leader also reads whether
    the invitation to the next top meeting is out."""
    events = list(queries.coming_events(user)[:SHOWN])
    registered = queries.registered_event_ids(user, events)
    context: dict[str, Any] = {
        "events": [(event, event.pk in registered) for event in events],
        "is_leader": has_role(user, Role.LEADER),
    }
    if context["is_leader"]:
        context["top_meeting"] = (
            queries.coming_events(user).filter(kind=Event.Kind.TOP_MEETING).first()
        )
    return Panel("events/_dashboard_events.html", context)
