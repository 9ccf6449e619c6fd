"""Writes about people and roles.

Rules: the network office is staff in the Django admin, with the permissions of the group
OFFICE_GROUP (every model of the platform), but no superuser; a role is granted once per scope.
Failed logins are counted in engagiert.core.throttle.
"""

from typing import TYPE_CHECKING

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from engagiert.core.extensions import inbox_items

from . import permissions
from .models import InboxAssignment, Role, RoleAssignment, User

#: The Django admin group whose permissions the network office has.
OFFICE_GROUP = "Netzwerkbüro"

if TYPE_CHECKING:
    from engagiert.registry.models import Authority, Organisation


@transaction.atomic
def role_grant(
    *,
    user: User,
    role: Role,
    authority: "Authority | None" = None,
    organisation: "Organisation | None" = None,
    function: str = "",
) -> RoleAssignment:
    """Give a person a role (idempotent); the office also gets the Django admin."""
    assignment, _created = RoleAssignment.objects.update_or_create(
        user=user,
        role=role,
        authority=authority,
        organisation=organisation,
        defaults={"function": function},
    )
    if role == Role.OFFICE:
        user.groups.add(office_group_sync())
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    return assignment


@transaction.atomic
def role_revoke(*, assignment: RoleAssignment) -> None:
    """Take a role away; whoever loses the last office role also leaves the Django admin."""
    user = assignment.user
    assignment.delete()
    if assignment.role != Role.OFFICE or user.role_assignments.filter(role=Role.OFFICE).exists():
        return
    user.groups.remove(*Group.objects.filter(name=OFFICE_GROUP))
    if user.is_staff and not user.is_superuser:
        user.is_staff = False
        user.save(update_fields=["is_staff"])


def office_group_sync() -> Group:
    """The office's group in the Django admin, with every permission on the platform's models."""
    group, _created = Group.objects.get_or_create(name=OFFICE_GROUP)
    labels = [c.label for c in apps.get_app_configs() if c.name.startswith("engagiert.")]
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=labels))
    return group


@transaction.atomic
def inbox_assign(*, key: str, assignee: User | None, by: User) -> InboxAssignment | None:
    """Give an item of the office's inbox to a colleague of the office, or to nobody (None).

    Only items the inbox lists now can be assigned, and only those that do not name their
    assignee themselves (a follow-up is reassigned where it lives). Assignments of items that
    left the inbox go with each new assignment.
    """
    items = {item.key: item for item in inbox_items()}
    item = items.get(key)
    if item is None:
        raise ValidationError("Dieser Eintrag wartet nicht mehr im Posteingang.")
    if item.assignee_id is not None:
        raise ValidationError(
            "Die Zuständigkeit für diesen Eintrag wird an seiner Stelle geändert."
        )
    if assignee is not None and not permissions.is_office(assignee):
        raise ValidationError("Einträge können nur Personen des Netzwerkbüros zugewiesen werden.")
    InboxAssignment.objects.exclude(key__in=items).delete()
    if assignee is None:
        InboxAssignment.objects.filter(key=key).delete()
        return None
    assignment, _created = InboxAssignment.objects.update_or_create(
        key=key, defaults={"assignee": assignee, "assigned_by": by}
    )
    return assignment


def password_set_link(user: User) -> str:
    """The link in an invitation with which a new account chooses its password (valid for
    PASSWORD_RESET_TIMEOUT, once)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse("accounts:password_reset_confirm", args=[uid, token])
