"""An officer records a measure, adds evidence on stage 3, sees the impact ladder, sets a goal
and sees it on the dashboard."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.logins import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_records_a_measure_climbs_the_ladder_and_sets_a_goal(
    page, live_server, demo, screenshot
):
    log_in(page, live_server, "kamp-lintfort@engagiert.example")
    page.goto(live_server.url + "/wirkung/kommune/05170020/")
    page.get_by_role("link", name="Maßnahmen auf der Wirkungstreppe").click()
    expect(page.get_by_role("heading", name="Maßnahmen von Kamp-Lintfort")).to_be_visible()
    expect(page.get_by_role("link", name="Ehrenamtsbörse Kamp-Lintfort")).to_be_visible()
    screenshot(page, "impact-ladder-01-list")

    page.get_by_role("link", name="Neue Maßnahme erfassen").click()
    page.get_by_label("Titel").fill("Engagement-Café am Markt")
    page.get_by_label("Beschreibung").fill("Monatlicher Treffpunkt für Engagementinteressierte.")
    page.get_by_label("Zielgruppen").fill("Neu Zugezogene")
    page.get_by_label("seit (Jahr)").fill("2025")
    page.get_by_label("Budget für Engagementförderung").check()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", name="Engagement-Café am Markt")).to_be_visible()
    expect(page.get_by_text("Noch keine Stufe erreicht")).to_be_visible()

    # Evidence on stage 3 (sent by HTMX: the ladder is replaced in place).
    page.get_by_label("Stufe", exact=True).select_option("3")
    page.get_by_label("Kennzahl").check()
    page.get_by_label("Was er zeigt").fill("Gäste, die mindestens dreimal wiederkamen")
    page.get_by_label(re.compile(r"^Wert")).fill("23")
    page.get_by_label("Einheit").fill("Gäste")
    page.get_by_label("Datum").fill("2026-02-27")
    page.get_by_role("button", name="Nachweis hinzufügen").click()
    expect(page.get_by_text("Der Nachweis wurde hinzugefügt.")).to_be_visible()
    expect(
        page.get_by_text("Erreicht: Stufe 3 von 7 – Zielgruppen akzeptieren die Angebote (Output).")
    ).to_be_visible()
    ladder = page.locator("ol.impact-ladder")
    expect(ladder.locator("li.impact-ladder__step--reached")).to_have_count(3)
    expect(ladder.locator("li").nth(2)).to_contain_text("erreicht · 1 Nachweis")
    expect(ladder.locator("li").nth(3)).to_contain_text("nicht erreicht")
    screenshot(page, "impact-ladder-02-detail")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "impact-ladder-03-detail-mobile")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(live_server.url + "/wirkung/kommune/05170020/ziele/")
    page.get_by_label("Indikator").select_option("budget-engagement")
    page.get_by_label("Zieljahr").fill("2026")
    page.get_by_label("Zielwert").fill("30.000")
    page.get_by_role("button", name="Ziel speichern").click()
    expect(page.get_by_text("Das Ziel wurde gespeichert.")).to_be_visible()
    screenshot(page, "impact-ladder-04-goals")

    page.get_by_role("link", name="Die Ziele in der Übersicht der Wirkungszahlen").click()
    goals = page.locator("section", has=page.get_by_role("heading", name="Gemessen an den Zielen"))
    row = goals.get_by_role("row").filter(has_text="30.000")
    expect(row).to_contain_text("2026")
    expect(row).to_contain_text("noch nicht erreicht")
    chart = page.get_by_role(
        "img", name=re.compile(r"Budget für Engagementförderung in Kamp-Lintfort")
    )
    expect(chart.locator(".impact-chart__goal").first).to_be_attached()
    expect(chart.locator("desc")).to_contain_text("Ziel 2026: 30.000 Euro")
    screenshot(page, "impact-ladder-05-dashboard")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "impact-ladder-06-dashboard-mobile")
    assert page.foreign_requests == []
