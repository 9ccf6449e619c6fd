"""Roles given in the admin go through role_grant and role_revoke: office rights follow."""

import pytest
from django.utils import timezone

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


@pytest.mark.django_db
def test_user_admin_grants_a_role_in_the_inline_through_role_grant(client, office_user):
    person = UserFactory(email="kollegin@example.org", first_name="Eva", last_name="Muster")
    client.force_login(office_user)
    joined = timezone.localtime(person.date_joined)

    response = client.post(
        f"/admin/accounts/user/{person.pk}/change/",
        {
            "email": person.email,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "is_active": "on",
            "date_joined_0": f"{joined:%d.%m.%Y}",
            "date_joined_1": f"{joined:%H:%M:%S}",
            "role_assignments-TOTAL_FORMS": "1",
            "role_assignments-INITIAL_FORMS": "0",
            "role_assignments-MIN_NUM_FORMS": "0",
            "role_assignments-MAX_NUM_FORMS": "1000",
            "role_assignments-0-user": person.pk,
            "role_assignments-0-role": Role.OFFICE,
            "role_assignments-0-function": "Netzwerkbüro",
        },
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.role_assignments.get().role == Role.OFFICE
    assert person.is_staff  # role_grant opened the admin although the form left it unticked
    assert person.groups.filter(name=OFFICE_GROUP).exists()
