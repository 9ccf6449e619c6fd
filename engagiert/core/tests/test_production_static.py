"""Production static files: `collectstatic` with the manifest storage succeeds, pages then render
with DEBUG off, and the health check notices when they cannot."""

import hashlib
import shutil
import tempfile
from importlib.metadata import version
from pathlib import Path

import pytest
from django.conf import settings as project_settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import override_settings

pytestmark = pytest.mark.long

PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
#: Builds kept between test runs (CI's SQLite and PostgreSQL runs share one), by their inputs.
BUILDS = Path(project_settings.BASE_DIR) / "var" / "test-static"


def _production_storage(settings, static_root):
    settings.STATIC_ROOT = static_root
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": PRODUCTION_STORAGE},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.DEBUG = False


def _inputs_digest() -> str:
    """What a build depends on: every file `collectstatic` finds, the storage and the versions of
    the packages that hash and compress."""
    digest = hashlib.sha256(PRODUCTION_STORAGE.encode())
    for package in ("django", "whitenoise", "brotli"):
        digest.update(f"{package} {version(package)}".encode())
    found = {}
    for finder in finders.get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            found.setdefault(path, storage.path(path))  # the first finder wins, as collectstatic
    for path, source in sorted(found.items()):
        digest.update(f"\0{path}\0".encode())
        digest.update(Path(source).read_bytes())
    return digest.hexdigest()[:16]


@pytest.fixture(scope="module")
def collected_static():
    """One production build of the static files (compressing them takes a minute of CPU), kept
    by the digest of its inputs: a run with the same files and packages reuses it."""
    static_root = BUILDS / _inputs_digest()
    if static_root.is_dir():
        return static_root
    BUILDS.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(dir=BUILDS, prefix=".building-"))
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": PRODUCTION_STORAGE},
    }
    with override_settings(STATIC_ROOT=building, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    for older in BUILDS.iterdir():
        if older != building and not older.name.startswith(".building-"):
            shutil.rmtree(older, ignore_errors=True)
    try:
        building.rename(static_root)
    except OSError:  # another run has just kept the same build
        shutil.rmtree(building)
    return static_root


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/kommunen/", "/konto/anmelden/", "/wissen/"])
def test_pages_render_with_production_static_files(client, settings, collected_static, url):
    _production_storage(settings, collected_static)

    response = client.get(url)

    assert response.status_code == 200
    # The page links the fingerprinted file the manifest names, not the plain one.
    assert "/static/vendor/kern/kern.min.css" not in response.content.decode()
    assert "/static/vendor/kern/kern.min." in response.content.decode()


def test_every_source_map_a_vendored_file_names_is_collected(collected_static):
    leaflet = collected_static / "vendor" / "leaflet"

    assert (leaflet / "leaflet.js.map").is_file()


@pytest.mark.django_db
def test_healthz_ready_with_production_static_files(client, settings, collected_static):
    _production_storage(settings, collected_static)

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "pages": "ok"}


@pytest.mark.django_db
def test_healthz_503_when_static_files_were_not_collected(client, settings, tmp_path):
    _production_storage(settings, tmp_path)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "pages": "failing"}
