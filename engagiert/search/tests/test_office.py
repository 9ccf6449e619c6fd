"""The network office keeps the synonym list and rebuilds the index (issue 12)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from engagiert.knowledge.tests.factories import KnowledgeItemFactory
from engagiert.search import engine
from engagiert.search.models import SearchEntry, Synonym

OFFICE = "/suche/verwaltung/"


def titles(query: str) -> list[str]:
    return [entry.title for entry in engine.search(query, members=False).entries]


@pytest.fixture
def office(office_user) -> Client:
    client = Client()
    client.force_login(office_user)
    return client


def test_a_new_installation_has_german_public_sector_synonyms(db):
    words = {s.words for s in Synonym.objects.all()}

    assert "Flüchtlinge, Geflüchtete, Asylsuchende" in words
    assert "Quartier, Stadtteil, Viertel" in words
    assert "Senioren, Ältere, ältere Menschen" in words


def test_synonyms_added_by_the_office_apply_to_the_next_search(office):
    KnowledgeItemFactory(title="Fußballturnier im Park", summary="Ein Fußballturnier.")
    assert titles("Kicken") == []

    response = office.post(OFFICE, {"words": "Kicken, Fußball"})

    assert response.status_code == 302
    assert titles("Kicken") == ["Fußballturnier im Park"]
    page = office.get(OFFICE)
    assert "Kicken, Fußball" in page.text
    assert "Die Synonyme gelten ab sofort für jede Suche." in page.text


def test_removed_synonyms_apply_no_longer(office):
    KnowledgeItemFactory(title="Seniorentreff im Stadtteil", summary="Kaffee und Kuchen.")
    assert titles("Ältere") == ["Seniorentreff im Stadtteil"]  # seeded: Senioren, Ältere
    synonym = Synonym.objects.get(words__startswith="Senioren")

    response = office.post(f"{OFFICE}synonyme/{synonym.pk}/loeschen/")

    assert response.status_code == 302
    assert titles("Ältere") == []


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ("Ehrenamt", "Bitte nennen Sie mindestens zwei Wörter oder Wendungen"),
        ("Ehrenamt, 2024", "Jeder Eintrag braucht ein suchbares Wort"),
        (" , ,", "Bitte nennen Sie mindestens zwei Wörter oder Wendungen"),
    ],
)
def test_a_synonym_entry_that_cannot_work_is_refused_at_the_field(office, words, message):
    before = Synonym.objects.count()

    response = office.post(OFFICE, {"words": words})

    assert response.status_code == 200
    assert message in response.text
    assert Synonym.objects.count() == before


def test_only_the_office_manages_the_search(member):
    client = Client()
    client.force_login(member)

    assert client.get(OFFICE).status_code == 403
    assert client.post(OFFICE, {"words": "Kicken, Fußball"}).status_code == 403
    assert not Synonym.objects.filter(words="Kicken, Fußball").exists()


def test_the_office_page_rebuilds_the_index_in_the_background(
    office, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    KnowledgeItemFactory(title="Zeitspende im Quartier")
    SearchEntry.objects.all().delete()  # a damaged index
    assert titles("Zeitspende") == []

    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(f"{OFFICE}neu-aufbauen/")

    assert response.status_code == 302

    assert titles("Zeitspende") == ["Zeitspende im Quartier"]


def test_the_command_rebuilds_with_progress(db, monkeypatch):
    monkeypatch.setattr("engagiert.search.indexing.PROGRESS_EVERY", 1)
    KnowledgeItemFactory(title="Zeitspende im Quartier")
    out = StringIO()

    call_command("rebuild_search_index", stdout=out)

    assert "von" in out.getvalue()
    assert "Objekten gelesen." in out.getvalue()
    assert "1 Eintrag indexiert." in out.getvalue()  # one item, in the singular
    assert titles("Zeitspende") == ["Zeitspende im Quartier"]


def test_the_command_can_leave_the_rebuild_to_the_worker(
    db, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    KnowledgeItemFactory(title="Zeitspende im Quartier")
    out = StringIO()

    SearchEntry.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rebuild_search_index", "--background", stdout=out)

    assert "im Hintergrund neu aufgebaut" in out.getvalue()
    assert titles("Zeitspende") == ["Zeitspende im Quartier"]
