"""An engagement officer logs in, reaches their municipality, edits it; a visitor searches."""

import pytest
from playwright.sync_api import expect

from engagiert.demo.data import DEMO_PASSWORD
from engagiert.demo.services import demo_load
from engagiert.membership.models import Profile
from engagiert.registry.services import registry_import_file
from engagiert.registry.tests.conftest import REGISTRY_FILE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    registry_import_file(path=REGISTRY_FILE)
    demo_load()


def test_officer_logs_in_reaches_and_edits_their_municipality(page, live_server, demo, screenshot):
    page.goto(live_server.url + "/")
    assert "Kommunen-Netzwerk: engagiert in NRW" in page.title() + page.content()
    screenshot(page, "01-start")

    page.get_by_role("link", name="Anmelden").first.click()
    page.get_by_label("E-Mail-Adresse").fill("kamp-lintfort@engagiert.example")
    page.get_by_label("Passwort").fill("falsch")
    page.get_by_role("button", name="Anmelden", exact=True).click()
    expect(page.get_by_text("E-Mail-Adresse oder Passwort ist nicht korrekt")).to_be_visible()
    screenshot(page, "02-login-error")

    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).click()
    page.wait_for_url("**/konto/")
    expect(page.get_by_role("heading", name="Willkommen, Jonas Terhoeven")).to_be_visible()
    screenshot(page, "03-dashboard-officer")

    page.get_by_role("link", name="Profil von Kamp-Lintfort").click()
    page.wait_for_url("**/kommunen/05170020/")
    expect(page.get_by_role("heading", name="Kamp-Lintfort", level=1)).to_be_visible()
    expect(page.get_by_text("38.217")).to_be_visible()
    screenshot(page, "04-authority-detail")

    page.get_by_role("link", name="Profil bearbeiten").click()
    page.get_by_label("Website").fill("kein link")
    page.get_by_role("button", name="Speichern").click()
    website = page.get_by_label("Website")
    assert website.get_attribute("aria-invalid") == "true"
    screenshot(page, "05-edit-error")
    website.fill("www.kamp-lintfort.de/ehrenamt")
    page.get_by_label("Engagement in Kürze").fill("Runder Tisch Ehrenamt seit 2014.")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/kommunen/05170020/")
    expect(page.get_by_text("Runder Tisch Ehrenamt seit 2014.")).to_be_visible()
    assert Profile.objects.get(authority_id="05170020").website == (
        "https://www.kamp-lintfort.de/ehrenamt"
    )

    # Another municipality's edit page is refused.
    response = page.goto(live_server.url + "/netzwerk/05958004/profil/")
    assert response.status == 403
    assert page.foreign_requests == []


def test_visitor_filters_municipalities_live_with_htmx(page, live_server, demo, screenshot):
    page.goto(live_server.url + "/kommunen/")
    expect(page.get_by_text("432 Kommunen gefunden")).to_be_visible()
    page.get_by_label("Name").fill("Moenchengladbach")
    page.get_by_role("link", name="Mönchengladbach").wait_for()
    expect(page.get_by_text("1 Kommune gefunden")).to_be_visible()
    assert "q=Moenchengladbach" in page.url  # the filtered list has its own address
    page.get_by_label("Name").fill("")
    page.get_by_label("Art", exact=True).select_option("kreis")
    page.get_by_text("30 Kommunen gefunden").wait_for()
    screenshot(page, "06-authority-list")
    page.keyboard.press("Tab")
    assert page.foreign_requests == []
