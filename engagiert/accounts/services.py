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
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import Role, RoleAssignment, User

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


def password_set_link(user: User) -> str:
    """The link in an invitation with which a new account chooses its password (valid for
    PASSWORD_RESET_TIMEOUT, once)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse("accounts:password_reset_confirm", args=[uid, token])
