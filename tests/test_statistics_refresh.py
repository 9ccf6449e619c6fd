"""Bulk loads refresh PostgreSQL's planner statistics themselves (ANALYZE), so that search and
lists use their indexes at once, even where autovacuum is off or has not come round yet."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.models import Model

from engagiert.events.models import Event
from engagiert.registry.models import Authority
from engagiert.search.models import SearchEntry
from engagiert.volunteercard.holders_import import holders_import
from engagiert.volunteercard.models import Card
from engagiert.volunteercard.tests.partner_factories import issuer_for, kreis_with_towns

REGISTRY = Path(settings.BASE_DIR) / "engagiert" / "registry" / "data" / "nrw_kommunen.csv"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_without_autovacuum():
    """Only PostgreSQL keeps such statistics; autovacuum is switched off on the tables, so
    that only the load itself can have refreshed them."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite plans without planner statistics")
    with connection.cursor() as cursor:
        for model in (Authority, Event, SearchEntry, Card):
            cursor.execute(f"ALTER TABLE {model._meta.db_table} SET (autovacuum_enabled = false)")


def estimated_rows(model: type[Model]) -> float:
    """The planner's row estimate (-1 until the table was analysed)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table]
        )
        return float(cursor.fetchone()[0])


def test_import_registry_tells_the_planner_how_many_authorities_there_are():
    call_command("import_registry", str(REGISTRY), stdout=None)

    assert estimated_rows(Authority) == Authority.objects.count() > 400


def test_load_demo_and_rebuild_search_index_refresh_the_statistics():
    call_command("import_registry", str(REGISTRY))
    call_command("load_demo")
    assert estimated_rows(Event) == Event.objects.count() > 0

    call_command("rebuild_search_index")

    assert estimated_rows(SearchEntry) == SearchEntry.objects.count() > 400


def test_an_import_of_card_holders_refreshes_the_statistics_of_the_cards():
    kreis, town = kreis_with_towns("Kreis Coesfeld", ["Dülmen"])
    header = "Vorname;Nachname;gültig ab;gültig bis\n"
    lines = "".join(f"Erika;Muster{n};01.03.2025;unbefristet\n" for n in range(300))

    holders_import(
        issuer=issuer_for(kreis, [town]), data=(header + lines).encode(), by=None, source="a.csv"
    )

    assert estimated_rows(Card) == Card.objects.count() == 300
