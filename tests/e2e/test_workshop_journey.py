"""An officer applies for the open call, the office selects, a team proposes, votes and books."""

import re

import pytest

from engagiert.demo.services import demo_load
from engagiert.registry.services import registry_import_file
from engagiert.registry.tests.conftest import REGISTRY_FILE
from engagiert.workshop.models import CohortApplication, ConsultationSlot, TopicVote
from tests.e2e.logins import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    registry_import_file(path=REGISTRY_FILE)
    demo_load()


def test_apply_get_selected_then_vote_and_book(page, live_server, demo, screenshot):
    log_in(page, live_server, "duelmen@engagiert.example")
    page.goto(live_server.url + "/werkstatt/")
    page.get_by_role("link", name="Durchgang 7").click()
    page.get_by_role("link", name="Bewerben").click()
    page.locator("#id_motivation").fill("Wir wollen Engagement strategisch fördern.")
    page.locator("#id_goals").fill("Eine Engagementstrategie bis Ende nächsten Jahres.")
    page.locator("#id_existing").fill("Koordination Ehrenamt, Runder Tisch.")
    page.locator("#id_member_1_name").fill("Hannah Westhues")
    page.locator("#id_member_1_function").fill("Koordination Ehrenamt")
    page.locator("#id_member_1_email").fill("duelmen@engagiert.example")
    page.locator("#id_member_2_name").fill("Jan Bröker")
    page.locator("#id_member_2_function").fill("Sozialamt")
    page.get_by_role("button", name="Bewerbung speichern").click()
    assert page.locator("#id_member_2_email").get_attribute("aria-invalid") == "true"
    screenshot(page, "40-workshop-application-error")
    page.locator("#id_member_2_email").fill("jan.broeker@duelmen.example")
    page.get_by_role("button", name="Bewerbung speichern").click()
    page.get_by_text("Ihre Bewerbung ist gespeichert").wait_for()
    log_out(page)

    log_in(page, live_server, "buero@engagiert.example")
    page.goto(live_server.url + "/werkstatt/7/auswahl/")
    page.get_by_label(re.compile("Dülmen")).check()
    screenshot(page, "41-workshop-selection")
    page.get_by_role("button", name=re.compile("Auswahl speichern")).click()
    page.get_by_text("Die Auswahl ist gespeichert").wait_for()
    assert CohortApplication.objects.get(authority__name="Dülmen").status == "selected"
    log_out(page)

    log_in(page, live_server, "team-luenen@engagiert.example")
    page.goto(live_server.url + "/werkstatt/6/raum/")
    page.get_by_role("link", name="Themen und Abstimmung").click()
    page.locator("#id_title").fill("Freiwilligenagentur aufbauen")
    page.get_by_role("button", name="Vorschlagen").click()
    page.get_by_text("Freiwilligenagentur aufbauen").wait_for()
    page.locator("li", has_text="Freiwilligenagentur aufbauen").get_by_role(
        "button", name="Dafür stimmen"
    ).click()
    page.get_by_text(re.compile(r"Ihr Team hat \d von 3 Stimmen vergeben")).wait_for()
    screenshot(page, "42-workshop-topics")
    assert TopicVote.objects.filter(proposal__title="Freiwilligenagentur aufbauen").count() == 1

    page.get_by_role("link", name="Beratung").click()
    page.get_by_role("button", name="Buchen").first.click()
    page.get_by_text("Der Termin ist für Ihr Team gebucht").wait_for()
    screenshot(page, "43-workshop-consultation")
    assert ConsultationSlot.objects.filter(booked_by__name="Lünen").count() == 1
    assert page.foreign_requests == []
