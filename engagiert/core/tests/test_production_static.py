"""Production static files: `collectstatic` with the manifest storage succeeds, pages then render
with DEBUG off, and the health check notices when they cannot."""

import pytest
from django.core.management import call_command
from django.test import override_settings

PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def _production_storage(settings, static_root):
    settings.STATIC_ROOT = static_root
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": PRODUCTION_STORAGE},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.DEBUG = False


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    """One production build of the static files for the whole module (it takes seconds)."""
    static_root = tmp_path_factory.mktemp("static")
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": PRODUCTION_STORAGE},
    }
    with override_settings(STATIC_ROOT=static_root, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
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
