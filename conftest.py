"""Fixtures shared by every app's tests."""

import pytest
from django.core.cache import cache, caches
from django.test import override_settings

from engagiert import settings as production_settings
from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.testing import database_shared_by_threads
from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory

#: The production hashers (Argon2) cost about a second of CPU per password on a busy CI machine,
#: and every `UserFactory` and demo account sets one. Tests that are about the stored hash
#: itself ask for `production_password_hasher`.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher():
    with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
        yield


@pytest.fixture
def production_password_hasher(settings):
    """Passwords hashed as in production (the settings' hashers, Argon2 first)."""
    settings.PASSWORD_HASHERS = production_settings.PASSWORD_HASHERS


@pytest.fixture(autouse=True)
def _clear_cache(request, django_db_blocker):
    """Every test starts with a clean cache; the throttle's counters live in the database, which
    a transactional test does not roll back, so such a test empties them afterwards."""
    cache.clear()
    yield
    cache.clear()
    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" in request.fixturenames or (marker and marker.kwargs.get("transaction")):
        with django_db_blocker.unblock():  # the test's own database access has ended already
            caches["throttle"].clear()


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
