"""An officer writes news with a photo and its credit, the office releases it; it shows on the
start page and in the feed, and the office puts it into an info-mail with one click."""

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from tests.e2e.logins import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Lotsinnen und Lotsen für Kamp-Lintfort"


@pytest.fixture
def photo(tmp_path):
    from PIL import Image

    path = tmp_path / "lotsen.jpg"
    Image.new("RGB", (800, 450), (30, 100, 160)).save(path, "JPEG")
    return path


@pytest.fixture
def media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield


def test_news_from_the_officer_through_the_release_to_an_info_mail(
    page, live_server, demo, media, photo, screenshot
):
    log_in(page, live_server, "kamp-lintfort@engagiert.example")
    page.get_by_role("link", name="Aktuelles", exact=True).first.click()
    page.get_by_role("link", name="Meldung schreiben").click()
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Vorspann").fill("Ab dem Frühjahr bilden wir Ehrenamtliche aus.")
    page.get_by_label("Text", exact=True).fill("Vier Abende, dann begleiten sie neue Engagierte.")
    page.locator("#id_photo").set_input_files(str(photo))
    page.get_by_label("Bildnachweis").fill("Foto: Stadt Kamp-Lintfort")
    page.get_by_label("Was das Foto zeigt").fill("Ehrenamtliche vor dem Rathaus")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    page.get_by_role("button", name="Zur Freigabe einreichen").click()
    expect(page.get_by_text("Die Meldung wartet auf die Freigabe")).to_be_visible()
    screenshot(page, "news-waiting")
    log_out(page)

    log_in(page, live_server, "buero@engagiert.example")
    page.goto(live_server.url + "/aktuelles/redaktion/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("img", name="Ehrenamtliche vor dem Rathaus")).to_be_visible()
    page.get_by_role("button", name="Freigeben und veröffentlichen").click()
    expect(page.get_by_text("Die Meldung ist veröffentlicht")).to_be_visible()

    page.goto(live_server.url + "/")
    news = page.get_by_role("region", name="Aktuelles")
    expect(news.get_by_role("link", name=TITLE)).to_be_visible()
    screenshot(page, "news-start-page")
    page.goto(live_server.url + "/aktuelles/feed.atom")
    expect(page.locator("body")).to_contain_text(TITLE)

    page.goto(live_server.url + "/aktuelles/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_text("Foto: Stadt Kamp-Lintfort")).to_be_visible()
    page.get_by_role("link", name="In Infomail übernehmen").click()
    expect(page.get_by_role("heading", name="Neue Infomail")).to_be_visible()
    expect(page.get_by_label("Betreff")).to_have_value(TITLE)
    expect(page.get_by_label("Text")).to_contain_text(
        "Ab dem Frühjahr bilden wir Ehrenamtliche aus."
    )
    expect(page.get_by_label("Text")).to_contain_text("/aktuelles/")
    screenshot(page, "news-into-info-mail")
    assert page.foreign_requests == []
