"""Who may see what of an event: participant data only for the office and the organisers."""

from typing import Any

from engagiert.accounts.models import Role
from engagiert.accounts.permissions import is_office, organisations_for_role

from .models import Event


def can_manage_event(user: Any, event: Event) -> bool:
    """The office, or a member of one of the organising organisations."""
    if is_office(user):
        return True
    mine = {organisation.pk for organisation in organisations_for_role(user, Role.ORGANISATION)}
    return bool(mine) and event.organisers.filter(pk__in=mine).exists()
