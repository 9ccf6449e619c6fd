import pytest

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.membership.tests.factories import MembershipFactory


def user_with(role: Role, **where):
    user = UserFactory()
    role_grant(user=user, role=role, **where)
    return user


@pytest.fixture
def member(db):
    """A member town (a kreisangehörige Stadt of 30,000 inhabitants)."""
    return MembershipFactory(
        authority__name="Ahausen", authority__kind="stadt", authority__population=30_000
    ).authority


@pytest.fixture
def officer(member):
    return user_with(Role.OFFICER, authority=member)


@pytest.fixture
def office(db):
    return user_with(Role.OFFICE)
