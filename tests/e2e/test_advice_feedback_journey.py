"""Collegial advice says what happened: the error summary takes the focus, answering and
accepting are confirmed, a solved question says so in the list, nobody praises their own answer."""

import pytest
from playwright.sync_api import expect

from tests.e2e.logins import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Wie gewinnen Sie Nachwuchs für Vereinsvorstände?"


def test_asking_answering_and_accepting_are_confirmed(page, live_server, demo, screenshot):
    log_in(page, live_server, "arnsberg@engagiert.example")
    page.goto(live_server.url + "/wissen/fragen/")
    page.get_by_role("button", name="Fragen", exact=True).click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link").first).to_be_visible()
    screenshot(page, "advice-01-error-summary")

    page.locator("#id_title").fill(TITLE)
    page.locator("#id_body").fill("Unsere Vereine finden kaum jemanden für den Vorsitz.")
    page.get_by_role("button", name="Fragen", exact=True).click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    question_url = page.url
    log_out(page)

    log_in(page, live_server, "kamp-lintfort@engagiert.example")
    page.goto(question_url)
    page.locator("#id_body").fill("Wir teilen den Vorsitz auf ein Team mit kurzen Amtszeiten auf.")
    page.get_by_role("button", name="Antwort senden").click()
    expect(page.get_by_text("Danke – Ihre Antwort ist veröffentlicht.")).to_be_visible()
    expect(page.get_by_role("button", name="Hilfreich")).to_have_count(0)  # one's own answer
    log_out(page)

    log_in(page, live_server, "arnsberg@engagiert.example")
    page.goto(question_url)
    page.get_by_role("button", name="Diese Antwort annehmen").click()
    expect(page.get_by_text("Sie haben die Antwort angenommen")).to_be_visible()
    screenshot(page, "advice-02-accepted")
    page.goto(live_server.url + "/wissen/fragen/")
    item = page.get_by_role("listitem").filter(has_text=TITLE)
    expect(item.get_by_text("gelöst", exact=True)).to_be_visible()
    screenshot(page, "advice-03-list-solved")
