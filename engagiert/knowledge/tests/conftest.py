import pytest

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.membership.models import Membership
from engagiert.membership.tests.factories import MembershipFactory
from engagiert.registry.tests.factories import AuthorityFactory


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Background tasks (the e-mails) run at once, so `mail.outbox` shows what was sent."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def membership(db, authority) -> Membership:
    """`authority` (the root conftest's) is a current member of the network."""
    return MembershipFactory(authority=authority)


@pytest.fixture
def member(officer, membership) -> User:
    """The engagement officer of a member municipality: sees members-only knowledge."""
    return officer


@pytest.fixture
def outsider(db) -> User:
    """The engagement officer of a municipality that is not a member of the network."""
    user = UserFactory(email="aussen@kommune.example")
    role_grant(user=user, role=Role.OFFICER, authority=AuthorityFactory(name="Nichtmitgliedstadt"))
    return user
