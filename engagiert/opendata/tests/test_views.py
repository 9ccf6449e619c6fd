import csv
import io

import pytest

from engagiert.events.tests.factories import EventFactory
from engagiert.opendata.services import datasets_publish


@pytest.mark.usefixtures("world")
def test_the_page_lists_every_dataset_with_downloads_and_the_licence(client):
    datasets_publish()

    response = client.get("/offene-daten/")

    text = response.content.decode()
    assert "Offene Daten des Netzwerks" in text
    assert "Veranstaltungen des Netzwerks" in text
    assert "Wirkungskennzahlen" in text
    assert text.count("CSV herunterladen") == text.count("JSON herunterladen") >= 9
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in text
    assert 'href="/offene-daten/katalog.rdf"' in text
    assert 'href="/offene-daten/veranstaltungen.csv"' in text
    assert "Stand " in text


@pytest.mark.django_db
def test_the_page_costs_the_same_queries_for_few_or_many_rows(
    client, django_assert_max_num_queries
):
    EventFactory.create_batch(2)
    datasets_publish()
    with django_assert_max_num_queries(2):
        few = client.get("/offene-daten/veranstaltungen/")
    EventFactory.create_batch(30)
    datasets_publish()
    with django_assert_max_num_queries(2):
        client.get("/offene-daten/")
        many = client.get("/offene-daten/veranstaltungen/")

    assert "32 Zeilen" in many.content.decode()
    assert "2 Zeilen" in few.content.decode()


@pytest.mark.usefixtures("world")
def test_a_dataset_page_describes_its_columns_and_previews_its_first_rows(client):
    datasets_publish()

    response = client.get("/offene-daten/veranstaltungen/")

    text = response.content.decode()
    assert "Spalten von »Veranstaltungen des Netzwerks«" in text
    assert "<code>starts_at</code>" in text
    assert "Beginn mit Zeitzone" in text
    assert "Vorschau: die erste Zeile der Datei" in text
    assert "Netzwerktreffen Ahausen" in text
    assert "Entwurf eines Treffens" not in text
    assert "(Stand " in text  # the attribution to cite


@pytest.mark.usefixtures("world")
def test_a_file_missing_so_far_is_written_on_the_first_request(client, media):
    assert not (media / "opendata").exists()

    response = client.get("/offene-daten/veranstaltungen.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="veranstaltungen.csv"'
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["title"] for row in rows] == ["Netzwerktreffen Ahausen"]
    assert (media / "opendata" / "veranstaltungen.json").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/offene-daten/gibt-es-nicht/", "/offene-daten/gibt-es-nicht.csv", "/offene-daten/wissen.xml"],
)
def test_unknown_datasets_and_formats_are_not_found(client, path):
    assert client.get(path).status_code == 404
