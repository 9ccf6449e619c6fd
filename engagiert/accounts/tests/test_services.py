"""Roles: granting the office role opens the admin, revoking it closes it again."""

import pytest

from engagiert.accounts.models import Role
from engagiert.accounts.services import OFFICE_GROUP, role_grant, role_revoke

from .factories import UserFactory


@pytest.mark.django_db
def test_role_revoke_keeps_a_superuser_staff():
    person = UserFactory(is_superuser=True, is_staff=True)
    assignment = role_grant(user=person, role=Role.OFFICE)

    role_revoke(assignment=assignment)

    person.refresh_from_db()
    assert person.is_staff
    assert not person.groups.filter(name=OFFICE_GROUP).exists()
    assert not person.role_assignments.exists()


@pytest.mark.django_db
def test_role_revoke_of_another_role_leaves_the_office_alone(officer, authority):
    role_grant(user=officer, role=Role.OFFICE)
    assignment = officer.role_assignments.get(role=Role.OFFICER)

    role_revoke(assignment=assignment)

    officer.refresh_from_db()
    assert officer.is_staff
    assert officer.groups.filter(name=OFFICE_GROUP).exists()
    assert list(officer.role_assignments.values_list("role", flat=True)) == [Role.OFFICE]
