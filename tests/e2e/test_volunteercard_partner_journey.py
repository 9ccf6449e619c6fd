"""Benefit partners in a real browser: a visitor filters the benefits map, a new partner
registers, the office approves it, the demo partner adds a benefit; nothing is loaded from
elsewhere, and the pages are photographed at desktop and phone width."""

import pytest
from playwright.sync_api import expect

from engagiert.volunteercard.models import Benefit, BenefitPartner
from tests.e2e.logins import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_filters_benefits_and_opens_a_partner(page, live_server, demo, screenshot):
    page.goto(live_server.url + "/ehrenamtskarte/vorteile/")
    expect(page.get_by_text("7 Vorteile gefunden")).to_be_visible()
    screenshot(page, "vc-01-benefits-1280")
    page.get_by_label("Kategorie").select_option("sport")
    page.get_by_text("2 Vorteile gefunden").wait_for()
    assert "category=sport" in page.url
    page.get_by_role("link", name="20 % auf die Tageskarte").click()
    page.wait_for_url("**/vorteile/partner/*/")
    expect(page.get_by_role("heading", name="Stadtbad Lemgo", level=1)).to_be_visible()
    screenshot(page, "vc-02-partner-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/ehrenamtskarte/vorteile/")
    screenshot(page, "vc-03-benefits-375")
    assert page.foreign_requests == []


def test_partner_registers_the_office_approves_the_partner_adds_a_benefit(
    page, live_server, demo, screenshot
):
    page.goto(live_server.url + "/ehrenamtskarte/akzeptanzstellen/registrieren/")
    page.get_by_label("Name des Betriebs oder der Einrichtung").fill("Eiscafé Venezia Lemgo")
    page.get_by_label("Ansprechperson").fill("Giulia Rossi")
    page.get_by_label("E-Mail-Adresse").fill("eis@venezia-lemgo.example")
    page.get_by_label("Name des Standorts").fill("Eiscafé am Markt")
    page.get_by_label("Stadt oder Gemeinde").select_option(label="Lemgo")
    page.get_by_label("Breitengrad (z. B. 52.028)").fill("52.03")
    page.get_by_role("button", name="Registrierung absenden").click()
    expect(page.locator("#id_longitude_error")).to_contain_text(
        "Bitte geben Sie Breiten- und Längengrad an"
    )
    screenshot(page, "vc-04-register-error")
    page.get_by_label("Längengrad (z. B. 8.899)").fill("8.90")
    page.get_by_label("Wir sind einverstanden").check()
    page.get_by_role("button", name="Registrierung absenden").click()
    expect(page.get_by_role("heading", name="Vielen Dank für Ihre Registrierung")).to_be_visible()

    log_in(page, live_server, "buero@engagiert.example")
    page.get_by_role("link", name="Akzeptanzstellen: 2 warten auf Freigabe").click()
    page.get_by_role("link", name="Eiscafé Venezia Lemgo").click()
    screenshot(page, "vc-05-review")
    page.get_by_role("button", name="Freigeben").click()
    page.get_by_text("Die Entscheidung ist gespeichert").wait_for()
    assert (
        BenefitPartner.objects.get(organisation__name="Eiscafé Venezia Lemgo").status == "approved"
    )
    page.context.clear_cookies()  # log out

    log_in(page, live_server, "akzeptanzstelle@engagiert.example")
    page.get_by_role("link", name="Unsere Vorteile für Engagierte").click()
    screenshot(page, "vc-06-partner-own")
    page.get_by_role("link", name="Vorteil hinzufügen").click()
    page.get_by_label("Titel").fill("Aquafitness zum halben Preis")
    page.get_by_label("Kategorie").select_option("sport")
    page.get_by_label("Art des Vorteils").select_option("percent")
    page.get_by_label("Prozent Rabatt").fill("150")
    page.get_by_label("Hallenbad").check()
    page.get_by_role("button", name="Speichern").click()
    expect(
        page.locator("p.kern-error").get_by_text("Prozentsatz zwischen 1 und 100")
    ).to_be_visible()
    screenshot(page, "vc-07-benefit-error")
    page.get_by_label("Prozent Rabatt").fill("50")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_role("link", name="Aquafitness zum halben Preis").wait_for()
    assert Benefit.objects.get(title="Aquafitness zum halben Preis").percent == 50
    assert page.foreign_requests == []
