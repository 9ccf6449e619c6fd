"""Who may do what: the permission matrix of the authority's profile page and the role rules."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction

from engagiert.accounts.models import Role, RoleAssignment, User
from engagiert.accounts.permissions import (
    acting_authority,
    can_edit_authority,
    has_role,
    is_office,
    role_assignments,
)
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.membership.models import Profile
from engagiert.registry.models import Authority
from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory

OLD_WEBSITE = "https://www.musterstadt.de/ehrenamt"
NEW_WEBSITE = "https://www.musterstadt.de/engagement"


@pytest.fixture
def authority_a(db):
    authority = AuthorityFactory(name="Ahausen")
    Profile.objects.create(authority=authority, website=OLD_WEBSITE, description="Alter Text.")
    return authority


@pytest.fixture
def authority_b(db):
    return AuthorityFactory(name="Bedorf")


def _user_in_role(role: str, authority_a: Authority, authority_b: Authority) -> User | None:
    """A person holding exactly one role (None: not logged in)."""
    if role == "anonymous":
        return None
    user = UserFactory()
    grants: dict[str, dict[str, Any]] = {
        "office": {"role": Role.OFFICE},
        "officer_a": {"role": Role.OFFICER, "authority": authority_a},
        "officer_b": {"role": Role.OFFICER, "authority": authority_b},
        "development_team_a": {"role": Role.DEVELOPMENT_TEAM, "authority": authority_a},
        "leader_a": {"role": Role.LEADER, "authority": authority_a},
        "organisation_member": {"role": Role.ORGANISATION, "organisation": OrganisationFactory()},
        "volunteer": {"role": Role.VOLUNTEER},
        "benefit_partner": {"role": Role.BENEFIT_PARTNER, "organisation": OrganisationFactory()},
    }
    role_grant(user=user, **grants[role])
    return user


EDIT_MATRIX = [
    ("anonymous", "login"),
    ("office", 200),
    ("officer_a", 200),
    ("officer_b", 403),
    ("development_team_a", 403),
    ("leader_a", 403),
    ("organisation_member", 403),
    ("volunteer", 403),
    ("benefit_partner", 403),
]


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(("role", "expected"), EDIT_MATRIX)
def test_profile_edit_view_permission_matrix(
    client, authority_a, authority_b, role, expected, method
):
    user = _user_in_role(role, authority_a, authority_b)
    if user is not None:
        client.force_login(user)
    url = f"/netzwerk/{authority_a.ags}/profil/"
    data = {"website": NEW_WEBSITE, "description": "Neuer Text.", "volunteer_card": "no"}

    response = client.post(url, data) if method == "post" else client.get(url)

    profile = Profile.objects.get(authority=authority_a)
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"] == f"/konto/anmelden/?next=/netzwerk/{authority_a.ags}/profil/"
    elif expected == 200 and method == "get":
        assert response.status_code == 200
        assert "Ahausen" in response.content.decode()
        assert f'value="{OLD_WEBSITE}"' in response.content.decode()
    elif expected == 200:
        assert response.status_code == 302
        assert response["Location"] == f"/kommunen/{authority_a.ags}/"
        assert (profile.website, profile.description) == (NEW_WEBSITE, "Neuer Text.")
        detail = client.get(response["Location"]).content.decode()
        assert "Das Profil von Ahausen wurde gespeichert." in detail
        return
    else:
        assert response.status_code == 403
        assert "Dazu sind Sie nicht berechtigt" in response.content.decode()
    assert (profile.website, profile.description) == (OLD_WEBSITE, "Alter Text.")


@pytest.mark.django_db
def test_can_edit_authority_only_office_and_own_officer(authority_a, authority_b):
    office = _user_in_role("office", authority_a, authority_b)
    officer_a = _user_in_role("officer_a", authority_a, authority_b)
    team_a = _user_in_role("development_team_a", authority_a, authority_b)

    assert can_edit_authority(office, authority_a)
    assert can_edit_authority(office, authority_b)
    assert can_edit_authority(officer_a, authority_a)
    assert not can_edit_authority(officer_a, authority_b)
    assert not can_edit_authority(team_a, authority_a)
    assert not can_edit_authority(AnonymousUser(), authority_a)


@pytest.mark.django_db
def test_can_edit_authority_with_several_roles_uses_the_officer_one(authority_a, authority_b):
    user = UserFactory()
    role_grant(user=user, role=Role.LEADER, authority=authority_a)
    role_grant(user=user, role=Role.OFFICER, authority=authority_b)

    assert not can_edit_authority(user, authority_a)
    assert can_edit_authority(user, authority_b)


@pytest.mark.django_db
def test_is_office_counts_office_role_and_superusers():
    office = UserFactory()
    role_grant(user=office, role=Role.OFFICE)
    superuser = UserFactory(is_superuser=True, is_staff=True)
    staff_only = UserFactory(is_staff=True)
    volunteer = UserFactory()
    role_grant(user=volunteer, role=Role.VOLUNTEER)

    assert is_office(office)
    assert is_office(superuser)
    assert not is_office(staff_only)
    assert not is_office(volunteer)
    assert not is_office(AnonymousUser())


@pytest.mark.django_db
def test_is_office_refuses_deactivated_superuser():
    user = UserFactory(is_superuser=True, is_staff=True, is_active=False)

    assert not is_office(user)


@pytest.mark.django_db
def test_role_assignments_runs_one_query_per_user_object(django_assert_num_queries, authority_a):
    user = UserFactory()
    role_grant(user=user, role=Role.OFFICER, authority=authority_a)
    role_grant(user=user, role=Role.VOLUNTEER)

    with django_assert_num_queries(1):
        assert {a.role for a in role_assignments(user)} == {Role.OFFICER, Role.VOLUNTEER}
        assert has_role(user, Role.VOLUNTEER)
        assert not is_office(user)
        assert can_edit_authority(user, authority_a)
        assert str(role_assignments(user)[0]).endswith(": Ahausen")

    fresh = User.objects.get(pk=user.pk)
    with django_assert_num_queries(1):
        role_assignments(fresh)
        role_assignments(fresh)
    with django_assert_num_queries(0):
        assert role_assignments(AnonymousUser()) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "scope"),
    [
        (Role.OFFICER, "none"),
        (Role.OFFICER, "organisation"),
        (Role.OFFICER, "both"),
        (Role.LEADER, "none"),
        (Role.ORGANISATION, "authority"),
        (Role.VOLUNTEER, "authority"),
        (Role.OFFICE, "organisation"),
    ],
)
def test_role_assignment_refuses_role_without_its_scope(authority_a, role, scope):
    user = UserFactory()
    organisation = OrganisationFactory()
    fields = {
        "authority": authority_a if scope in {"authority", "both"} else None,
        "organisation": organisation if scope in {"organisation", "both"} else None,
    }

    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=user, role=role, **fields)

    assert not RoleAssignment.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_role_grant_twice_keeps_one_row(authority_a):
    user = UserFactory()

    role_grant(user=user, role=Role.OFFICER, authority=authority_a)
    role_grant(user=user, role=Role.OFFICER, authority=authority_a, function="Stabsstelle")
    role_grant(user=user, role=Role.VOLUNTEER)
    role_grant(user=user, role=Role.VOLUNTEER)

    officer_rows = RoleAssignment.objects.filter(user=user, role=Role.OFFICER)
    assert officer_rows.count() == 1
    assert officer_rows.get().function == "Stabsstelle"
    assert RoleAssignment.objects.filter(user=user, role=Role.VOLUNTEER).count() == 1


@pytest.mark.django_db
def test_role_grant_office_makes_staff_with_the_office_group_not_superuser():
    user = UserFactory()
    assert not user.is_staff

    role_grant(user=user, role=Role.OFFICE)

    user.refresh_from_db()
    assert user.is_staff
    assert not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Netzwerkbüro"]
    assert user.has_perm("events.change_event")
    assert user.has_perm("accounts.change_user")
    assert not user.has_perm("auth.change_group")
    assert RoleAssignment.objects.filter(user=user, role=Role.OFFICE).count() == 1


@pytest.mark.django_db
def test_role_grant_other_roles_give_no_admin(authority_a):
    user = UserFactory()

    role_grant(user=user, role=Role.OFFICER, authority=authority_a)

    user.refresh_from_db()
    assert not user.is_staff
    assert not user.is_superuser


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("roles", "acts_for"),
    [
        ((Role.DEVELOPMENT_TEAM, Role.LEADER, Role.OFFICER), Role.OFFICER),
        ((Role.DEVELOPMENT_TEAM, Role.LEADER), Role.LEADER),
        ((Role.DEVELOPMENT_TEAM,), Role.DEVELOPMENT_TEAM),
        ((Role.VOLUNTEER,), None),
    ],
)
def test_acting_authority_follows_one_order_of_roles(roles, acts_for):
    user = UserFactory()
    towns = {}
    for role in roles:
        towns[role] = AuthorityFactory(name=f"Stadt der Rolle {role}")
        scope = {"authority": towns[role]} if role != Role.VOLUNTEER else {}
        role_grant(user=user, role=role, **scope)

    assert acting_authority(user) == (towns[acts_for] if acts_for else None)
