"""Every admin page of the platform opens for the office, with the demo data loaded: what
an admin offers follows the services it names (no create service, no »add« page)."""

from pathlib import Path

import pytest
from django.contrib import admin

import engagiert.registry
from engagiert.demo.services import demo_load
from engagiert.registry.services import registry_import_file

pytestmark = pytest.mark.long

REGISTRY_FILE = Path(engagiert.registry.__file__).parent / "data" / "nrw_kommunen.csv"


def _statuses(client, model: type) -> list[tuple[str, int, int]]:
    """(page, expected status, status) of the list, the first row's and the add page."""
    model_admin = admin.site._registry[model]
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    pages = [(base, 200)]
    first = model._default_manager.first()
    if first is not None:
        pages.append((f"{base}{first.pk}/change/", 200))
    pages.append((f"{base}add/", 200 if model_admin.service("create_service") else 403))
    return [(url, expected, client.get(url).status_code) for url, expected in pages]


@pytest.mark.django_db
def test_admin_pages_open_for_the_office(client, office_user):
    registry_import_file(path=REGISTRY_FILE)
    demo_load()
    client.force_login(office_user)
    models = [model for model in admin.site._registry if model.__module__.startswith("engagiert.")]

    pages = [page for model in models for page in _statuses(client, model)]

    assert [page for page in pages if page[1] != page[2]] == []
    assert len(pages) > 2 * len(models)
