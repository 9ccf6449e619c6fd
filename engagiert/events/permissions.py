"""Who may see what of an event: participant data only for the office and the organisers.

Who may register: anyone for a public event; for a members-only event the office, people
acting for a current member authority (officer, development team, leader) and whoever the
event's audience or one of its invitations reaches (e.g. the teams of a workshop cohort).
Volunteers, benefit partners, organisations and officers of non-members may not.

The meeting link of an online event is for confirmed participants only: not for people waiting
or still to confirm their address, not on the event's public page or calendar file.
"""

from typing import Any

from engagiert.accounts.models import Role
from engagiert.accounts.permissions import is_office, organisations_for_role
from engagiert.audiences.queries import recipients
from engagiert.membership.permissions import sees_members_only

from .models import Event, Invitee, Registration


def can_manage_event(user: Any, event: Event) -> bool:
    """The office, or a member of one of the organising organisations."""
    if is_office(user):
        return True
    mine = {organisation.pk for organisation in organisations_for_role(user, Role.ORGANISATION)}
    return bool(mine) and event.organisers.filter(pk__in=mine).exists()


def can_edit_events(user: Any) -> bool:
    """Creating, copying and editing events, their programme and documentation, inviting and
    writing to participants: the network office."""
    return is_office(user)


def can_register(user: Any, event: Event) -> bool:
    """May this person (None or anonymous: a visitor) register for the event?"""
    if event.is_public:
        return True
    if user is None or not user.is_authenticated:
        return False
    if sees_members_only(user):
        return True
    email = user.email.lower()
    if Invitee.objects.filter(invitation__event=event, email__iexact=email).exists():
        return True
    return event.audience is not None and any(
        recipient.email == email for recipient in recipients(event.audience)
    )


def can_see_online_link(registration: Registration | None) -> bool:
    """May the holder of this registration (None: no registration) see the meeting link?"""
    return registration is not None and registration.status == Registration.Status.CONFIRMED
