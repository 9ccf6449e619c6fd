"""An officer fills in and submits this year's self-assessment; the office follows who has
answered, generates the annual network report, waits for the background worker and downloads
the PDF."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from engagiert.demo.impact import YEARS
from engagiert.impact.models import AssessmentResponse
from tests.e2e.logins import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = YEARS[-1]


def _both_widths(page, screenshot, name):
    screenshot(page, f"{name}-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, f"{name}-375")
    page.set_viewport_size({"width": 1280, "height": 900})


def _officer_submits(page, live_server, screenshot):
    log_in(page, live_server, "kamp-lintfort@engagiert.example")
    page.goto(live_server.url + "/wirkung/kommune/05170020/")
    page.get_by_role("link", name=f"Selbstauskunft {YEAR}").click()
    expect(page.get_by_role("group", name="Strukturen")).to_be_visible()
    expect(page.get_by_text("Entwurf gespeichert, noch nicht eingereicht")).to_be_visible()

    page.get_by_role("button", name="Einreichen").click()  # the draft is not complete yet
    expect(page.get_by_text("Bitte prüfen Sie Ihre Angaben")).to_be_visible()
    expect(page.get_by_text("Bitte beantworten Sie diese Frage.").first).to_be_visible()
    _both_widths(page, screenshot, "impact-self-assessment-errors")

    agency = page.get_by_role("group", name="Gibt es eine Freiwilligenagentur?")
    agency.get_by_label("Ja").check()
    page.get_by_label("Wie viele Stellenanteile").fill("1,5")
    for question in (
        "Engagementförderung ist in den Fachbereichen",
        "Es gibt eine vom Rat",
    ):
        page.get_by_role("group", name=re.compile(question)).get_by_label(re.compile("^4 ")).check()
    page.get_by_role("button", name="Einreichen").click()

    expect(page.get_by_text("Ihre Selbstauskunft wurde eingereicht.")).to_be_visible()
    _both_widths(page, screenshot, "impact-self-assessment-submitted")
    assert AssessmentResponse.objects.get(authority_id="05170020").status == "submitted"


def test_officer_submits_and_office_downloads_the_annual_report(
    page, live_server, demo, screenshot, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    _officer_submits(page, live_server, screenshot)
    page.context.clear_cookies()

    log_in(page, live_server, "buero@engagiert.example")
    page.goto(live_server.url + "/wirkung/netzwerk/")
    page.get_by_role("link", name="Selbstauskunft der Kommunen").click()
    page.get_by_role("link", name=f"Selbstauskunft {YEAR}").click()
    progress = page.get_by_text(re.compile(r"\d+ von \d+ Mitgliedern haben eingereicht"))
    expect(progress).to_be_visible()
    _both_widths(page, screenshot, "impact-questionnaire")
    page.get_by_role("link", name="Ergebnisse je Frage").click()
    expect(page.get_by_text("Die Ehrenamtskarte mit Vorteilen")).to_be_visible()
    _both_widths(page, screenshot, "impact-assessment-results")

    page.goto(live_server.url + "/wirkung/bericht/")
    page.get_by_label("Jahr").fill(str(YEAR))
    page.get_by_role("button", name="Bericht erstellen").click()
    expect(page.get_by_text("Der Bericht wartet auf die Hintergrundverarbeitung")).to_be_visible()
    _both_widths(page, screenshot, "impact-report-queued")

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    download_button = page.get_by_role("link", name="Bericht herunterladen (PDF)")
    expect(download_button).to_be_visible()  # the status polled itself to »done«
    _both_widths(page, screenshot, "impact-report-done")
    with page.expect_download() as download:
        download_button.click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert download.value.suggested_filename.startswith(f"jahresbericht-{YEAR}-")
    assert page.foreign_requests == []
