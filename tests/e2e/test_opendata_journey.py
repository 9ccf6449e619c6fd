"""A visitor finds the network's open data, looks at a dataset and downloads it as CSV."""

import csv
import io

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_visitor_downloads_a_dataset(page, live_server, demo, media, screenshot):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Offene Daten des Netzwerks").click()
    expect(page.get_by_role("heading", name="Offene Daten des Netzwerks")).to_be_visible()
    expect(page.get_by_role("link", name="Katalog als RDF/XML")).to_be_visible()
    page.get_by_role("link", name="Veranstaltungen des Netzwerks").click()

    expect(page.get_by_role("heading", name="Veranstaltungen des Netzwerks")).to_be_visible()
    preview = page.get_by_role("table", name="Vorschau")
    expect(preview).to_be_visible()
    expect(preview.get_by_role("cell", name="Engagementkongress NRW", exact=True)).to_be_visible()
    expect(
        page.get_by_text("Datenlizenz Deutschland – Namensnennung – Version 2.0").first
    ).to_be_visible()
    screenshot(page, "90-opendata-dataset")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV herunterladen").click()
    download = download_info.value
    assert download.suggested_filename == "veranstaltungen.csv"
    rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8"))))
    assert "Engagementkongress NRW" in [row["title"] for row in rows]
    assert page.foreign_requests == []
