"""An association asks a business for its Social Day, the business accepts, the municipality
sees the engagement; a visitor on a phone finds a network like theirs."""

import pytest

from engagiert.demo.opportunity_cooperation import opportunity_cooperation_load
from engagiert.demo.services import demo_load
from engagiert.opportunities.models import CorporateMatch, CorporateNeed
from engagiert.registry.services import registry_import_file
from engagiert.registry.tests.conftest import REGISTRY_FILE
from tests.e2e.logins import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    registry_import_file(path=REGISTRY_FILE)
    demo_load()
    opportunity_cooperation_load()


def test_social_day_from_request_to_the_municipality_overview(page, live_server, demo, screenshot):
    need = CorporateNeed.objects.get(title="Hochbeete und Zaun für den Bürgergarten")
    log_in(page, live_server, "buergergarten@engagiert.example")
    page.goto(live_server.url + need.get_absolute_url())
    page.get_by_text("Art passt: Teamtag (Social Day)").wait_for()
    screenshot(page, "70-corporate-need")
    page.get_by_role("link", name="Kontakt aufnehmen").click()
    page.locator("#id_message").fill("Hätten Ihre Azubis Lust auf unseren Bürgergarten?")
    page.get_by_role("button", name="Anfrage senden").click()
    page.get_by_text("Ihre Anfrage ist verschickt.").wait_for()
    assert "unternehmen@engagiert.example" not in page.content()
    log_out(page)

    log_in(page, live_server, "unternehmen@engagiert.example")
    match = CorporateMatch.objects.get(status=CorporateMatch.Status.PROPOSED)
    page.goto(live_server.url + match.get_absolute_url())
    page.get_by_label("Annehmen").check()
    page.get_by_role("button", name="Antwort senden").click()
    page.get_by_role("heading", name="Kontaktdaten").wait_for()
    assert "buergergarten@engagiert.example" in page.content()
    screenshot(page, "71-corporate-match")
    log_out(page)

    log_in(page, live_server, "kamp-lintfort@engagiert.example")
    page.goto(live_server.url + "/mitmachen/unternehmen/uebersicht/")
    page.get_by_role("cell", name="Niederrhein Haustechnik GmbH").wait_for()
    assert "buergergarten@engagiert.example" not in page.content()
    screenshot(page, "72-corporate-overview")
    page.goto(live_server.url + "/mitmachen/kooperationen/neu/")
    screenshot(page, "73-cooperation-form")
    assert page.foreign_requests == []


def test_a_visitor_on_a_phone_finds_a_network_like_theirs(page, live_server, demo, screenshot):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/mitmachen/kooperationen/")
    page.locator("#id_sector").select_option("business")
    page.get_by_role("status").filter(has_text="1 Netzwerk oder Kooperation gefunden").wait_for()
    screenshot(page, "74-cooperations-375")
    page.get_by_role("link", name="Unternehmen engagiert in Kamp-Lintfort").click()
    page.get_by_role("heading", name="Was die Kooperation trägt").wait_for()
    assert "Arbeitskreis Bürgerengagement" not in page.content()
    screenshot(page, "75-cooperation-375")
    page.goto(live_server.url + "/mitmachen/unternehmen/")
    page.get_by_role("link", name="Social Day: Azubis und Team packen mit an").wait_for()
    screenshot(page, "76-corporate-offers-375")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "77-corporate-offers")
    page.goto(live_server.url + "/kommunen/05170020/")
    page.get_by_role("heading", name="Netzwerke und Kooperationen").wait_for()
    screenshot(page, "78-authority-panel")
    assert page.foreign_requests == []
