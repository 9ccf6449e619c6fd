"""Roles given in the admin go through role_grant and role_revoke: office rights follow."""

import pytest

from engagiert.accounts.models import Role, RoleAssignment
from engagiert.accounts.services import OFFICE_GROUP, role_grant
from engagiert.core.models import AuditEntry

from .factories import UserFactory


@pytest.mark.django_db
def test_role_assignment_admin_grants_the_office_role_with_the_admin_and_audits_it(
    client, office_user
):
    person = UserFactory(email="neu@example.org")
    client.force_login(office_user)

    response = client.post(
        "/admin/accounts/roleassignment/add/",
        {"user": person.pk, "role": Role.OFFICE, "function": "Netzwerkbüro"},
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_staff
    assert person.groups.filter(name=OFFICE_GROUP).exists()
    assignment = RoleAssignment.objects.get(user=person)
    entry = AuditEntry.objects.filter(
        action="create", content_type__model="roleassignment", object_id=str(assignment.pk)
    ).get()
    assert entry.actor == office_user


@pytest.mark.django_db
def test_role_assignment_admin_revoking_the_office_role_closes_the_admin(client, office_user):
    person = UserFactory(email="alt@example.org")
    assignment = role_grant(user=person, role=Role.OFFICE)
    client.force_login(office_user)

    response = client.post(
        f"/admin/accounts/roleassignment/{assignment.pk}/delete/", {"post": "yes"}
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.is_staff
    assert not person.groups.filter(name=OFFICE_GROUP).exists()
    assert AuditEntry.objects.filter(
        action="delete", content_type__model="roleassignment", object_id=str(assignment.pk)
    ).exists()


@pytest.mark.django_db
def test_role_assignment_admin_changes_the_function_but_not_the_role(
    client, office_user, officer, authority
):
    assignment = officer.role_assignments.get()
    client.force_login(office_user)

    response = client.post(
        f"/admin/accounts/roleassignment/{assignment.pk}/change/",
        {"role": Role.OFFICE, "function": "Stabsstelle Bürgerengagement"},
    )

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.function == "Stabsstelle Bürgerengagement"
    assert assignment.role == Role.OFFICER
    assert assignment.authority == authority
