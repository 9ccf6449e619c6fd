"""Fixtures shared by every app's tests."""

import base64

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.cache import cache, caches
from django.test import override_settings

from engagiert import settings as production_settings
from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.testing import database_shared_by_threads, fixtures_sharing_data
from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory

#: The production hashers (Argon2) cost about a second of CPU per password on a busy CI machine,
#: and every `UserFactory` and demo account sets one. Tests that are about the stored hash
#: itself ask for `production_password_hasher`.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """On xdist's workers, files marked `long` first. `make test` hands whole files to the
    workers in this order (`--dist loadfile --no-loadscope-reorder`): a long file started last
    would keep one worker busy while the other has nothing left to do. Within each file the order
    stays pytest-django's; a run without workers keeps its order altogether."""
    if hasattr(config, "workerinput"):
        items.sort(key=lambda item: item.get_closest_marker("long") is None)


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


@pytest.fixture(autouse=True)
def _shared_data_only_for_its_tests(request):
    """While a fixture of `engagiert.core.testing.data_shared_by_tests` lives, its data is in the
    database: a database test that does not ask for it would see it, and a transactional test
    would commit inside its transaction."""
    sharing = fixtures_sharing_data()
    if not sharing:
        return
    marker = request.node.get_closest_marker("django_db")
    transactional = {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    )
    uses_database = marker or "db" in request.fixturenames
    if transactional or (uses_database and not set(sharing) <= set(request.fixturenames)):
        pytest.fail(f"runs while the data of {', '.join(sharing)} is in the database")


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
