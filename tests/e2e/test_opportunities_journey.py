"""An agency posts an opportunity; a resident on a phone finds it by place, shows interest and
confirms the address; the agency accepts; the resident sees the answer."""

import re

import pytest
from playwright.sync_api import expect

from engagiert.demo.services import demo_load
from engagiert.opportunities.models import Interest, Opportunity
from engagiert.registry.services import registry_import_file
from engagiert.registry.tests.conftest import REGISTRY_FILE
from tests.e2e.logins import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Fahrradwerkstatt für Geflüchtete"


@pytest.fixture
def demo(transactional_db):
    registry_import_file(path=REGISTRY_FILE)
    demo_load()


def test_post_find_by_place_show_interest_and_accept(page, browser, live_server, demo, screenshot):
    # The agency (verein@…, Freiwilligenagentur Kamp-Lintfort) posts an opportunity.
    log_in(page, live_server, "verein@engagiert.example")
    page.goto(live_server.url + "/mitmachen/anbieter/")
    screenshot(page, "70-opportunities-provider")
    page.get_by_role("link", name="Neues Angebot").click()
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Beschreibung").fill("Samstags gemeinsam Fahrräder reparieren.")
    page.get_by_label("Themenschwerpunkt").select_option(
        label="Engagement im Asyl- und Flüchtlingsbereich"
    )
    page.get_by_label("Am Wochenende").check()
    page.get_by_label(re.compile("^Kenntnisse")).fill("Handwerk, Arabisch")
    page.get_by_label("Längengrad").fill("6.6")  # latitude left empty: refused at the field
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#id_longitude_error")).to_contain_text("Breiten- und Längengrad")
    screenshot(page, "71-opportunity-form-error")
    page.get_by_label("Längengrad").fill("")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_role("heading", name=TITLE).wait_for()
    assert Opportunity.objects.filter(title=TITLE).exists()

    # A resident on a phone searches near Moers (Kamp-Lintfort is about 8 km away).
    phone = browser.new_context(locale="de-DE", viewport={"width": 375, "height": 800})
    resident = phone.new_page()
    resident.goto(live_server.url + "/mitmachen/")
    resident.get_by_label("Gemeinde").select_option(label="Moers")
    resident.get_by_label("Umkreis").select_option(label="10 km")
    resident.get_by_label("am Wochenende").check()
    resident.get_by_label("Engagement im Asyl- und Flüchtlingsbereich").check()
    resident.get_by_role("button", name="Angebote finden").click()
    resident.wait_for_url(re.compile("thema="))  # the results of this search, not an earlier one
    card = resident.locator(".kern-card", has_text=TITLE)
    card.wait_for()
    assert re.search(
        r"\d+ km entfernt · Thema Engagement im Asyl- und Flüchtlingsbereich · am "
        r"Wochenende",
        card.inner_text(),
    )
    assert "Arnsberg" not in resident.locator("#results").inner_text()
    screenshot(resident, "72-opportunities-search-375")

    card.get_by_role("link", name=TITLE).click()
    resident.get_by_label("Name").fill("Samira Haddad")
    resident.get_by_label("E-Mail-Adresse").fill("samira@example.org")
    resident.get_by_label("Nachricht").fill("Ich repariere gern und spreche Arabisch.")
    screenshot(resident, "73-opportunity-detail-375")
    resident.get_by_role("button", name="Interesse senden").click()
    resident.get_by_text("Fast geschafft").wait_for()
    resident.get_by_role("button", name="E-Mail-Adresse bestätigen").click()
    resident.get_by_text("Die Organisation ist informiert").wait_for()
    interest = Interest.objects.get(email="samira@example.org")
    assert interest.status == Interest.Status.NEW

    # The agency answers: accepted.
    page.goto(live_server.url + f"/mitmachen/angebote/{interest.opportunity_id}/interessierte/")
    expect(page.get_by_text("samira@example.org")).to_be_visible()
    page.get_by_label("Ihre Antwort").select_option(label="Zugesagt")
    page.get_by_label("Nachricht an die Person").fill("Willkommen! Samstag um 10 Uhr im Hof.")
    screenshot(page, "74-opportunity-applicants")
    page.get_by_role("button", name="Antwort senden").click()
    page.get_by_text("Ihre Antwort ist an Samira Haddad gesendet").wait_for()

    resident.reload()
    expect(resident.get_by_text("Zugesagt")).to_be_visible()
    expect(resident.get_by_text("Samstag um 10 Uhr")).to_be_visible()
    screenshot(resident, "75-interest-accepted-375")
    page.goto(live_server.url + "/mitmachen/?ort=05170020&umkreis=10")
    screenshot(page, "76-opportunities-search-1280")
    page.goto(live_server.url + "/mitmachen/einbetten/05958004/")
    screenshot(page, "77-opportunities-embed")
    assert page.foreign_requests == []
    phone.close()
