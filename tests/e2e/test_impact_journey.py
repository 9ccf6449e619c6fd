"""An officer enters this year's values, sees the dashboard and the peer comparison; the office
sees the network's figures and downloads a table."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from engagiert.demo.impact import impact_load
from engagiert.demo.services import demo_load
from engagiert.impact.models import Indicator, IndicatorValue
from engagiert.registry.models import Authority
from engagiert.registry.services import registry_import_file
from engagiert.registry.tests.conftest import REGISTRY_FILE
from tests.e2e.logins import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    registry_import_file(path=REGISTRY_FILE)
    demo_load()
    impact_load()
    # More towns of Kamp-Lintfort's kind and size band, so that its peer group is large enough.
    budget = Indicator.objects.get(key="budget-engagement")
    peers = Authority.objects.filter(kind="stadt", population__range=(20_000, 49_999)).exclude(
        ags="05170020"
    )[:7]
    for index, town in enumerate(peers):
        IndicatorValue.objects.create(
            indicator=budget,
            version=budget.versions.get(),
            authority=town,
            year=2025,
            value=Decimal(9_000 + 4_000 * index),
            origin="manual",
        )


def test_officer_enters_values_and_compares_with_peers(page, live_server, demo, screenshot):
    year = timezone.localdate().year
    log_in(page, live_server, "kamp-lintfort@engagiert.example")
    page.get_by_role("link", name="Wirkung").first.click()
    page.wait_for_url("**/wirkung/kommune/05170020/")
    expect(page.get_by_role("heading", name="Wirkungszahlen von Kamp-Lintfort")).to_be_visible()

    page.get_by_role("link", name=f"Werte für {year} erfassen").click()
    page.get_by_label("Personal für Engagementförderung").fill("1,25")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#id_staff-fte_error")).to_contain_text("1 Dezimalstelle")
    screenshot(page, "impact-01-values-error")
    page.get_by_label("Personal für Engagementförderung").fill("1,5")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/wirkung/kommune/05170020/")
    expect(page.get_by_text(f"Die Werte für {year} wurden gespeichert.")).to_be_visible()
    expect(page.locator("svg[role=img]").first).to_be_visible()
    screenshot(page, "impact-02-dashboard")

    page.get_by_role("link", name="Vergleich mit Kommunen gleicher Art und Größe").click()
    page.get_by_label("Indikator", exact=True).select_option("budget-engagement")
    page.locator("#id_jahr").fill("2025")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.get_by_text("Kamp-Lintfort liegt auf Rang")).to_be_visible()
    # The browser names the chart by its <title>.
    chart = page.get_by_role("img", name=re.compile(r"Kamp-Lintfort in der Vergleichsgruppe"))
    expect(chart).to_be_visible()
    screenshot(page, "impact-03-peers")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "impact-04-peers-mobile")
    assert page.foreign_requests == []


def test_office_sees_the_network_and_downloads_it(page, live_server, demo, screenshot):
    log_in(page, live_server, "buero@engagiert.example")
    page.goto(live_server.url + "/wirkung/netzwerk/?indikator=budget-engagement&jahr=2025")
    expect(page.get_by_role("heading", name="Wirkung des Netzwerks")).to_be_visible()
    screenshot(page, "impact-05-network")
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX").first.click()
    assert download.value.suggested_filename == "wirkung-netzwerk-2025.xlsx"
    page.goto(live_server.url + "/wirkung/katalog/")
    expect(page.get_by_text("Gültige Ehrenamtskarten je 1.000 Einwohner").first).to_be_visible()
    screenshot(page, "impact-06-catalogue")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/wirkung/kommune/05170020/")
    screenshot(page, "impact-07-dashboard-mobile")
