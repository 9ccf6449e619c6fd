"""Fixtures shared by every app's tests."""

import base64

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.cache import cache, caches

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.testing import database_shared_by_threads
from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory


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


@pytest.fixture(scope="session")
def card_signing_key() -> str:
    """A fresh Ed25519 key for the test run (never a key in the repository)."""
    raw = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return base64.b64encode(raw).decode()


@pytest.fixture(autouse=True)
def _card_signing_key(settings, card_signing_key):
    """Cards are signed with the run's own key, whatever the machine has configured."""
    settings.VOLUNTEERCARD_SIGNING_KEY = card_signing_key
    settings.VOLUNTEERCARD_SIGNING_KEY_FILE = ""
    settings.VOLUNTEERCARD_PUBLIC_KEYS = []


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
