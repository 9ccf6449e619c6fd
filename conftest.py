"""Fixtures shared by every app's tests."""

import pytest
from django.core.cache import cache

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.testing import database_shared_by_threads
from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    """Login throttling lives in the cache; every test starts with a clean one."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def threads_database(transactional_db, tmp_path):
    """A database that the threads of `run_at_once` share as in production."""
    with database_shared_by_threads(tmp_path):
        yield


@pytest.fixture
def authority(db):
    return AuthorityFactory()


@pytest.fixture
def office_user(db):
    user = UserFactory(email="buero@example.org")
    role_grant(user=user, role=Role.OFFICE)
    return user


@pytest.fixture
def officer(db, authority):
    """An engagement officer of `authority`."""
    user = UserFactory(email="officer@example.org")
    role_grant(user=user, role=Role.OFFICER, authority=authority)
    return user


@pytest.fixture
def organisation(db):
    return OrganisationFactory()
