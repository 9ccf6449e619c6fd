"""What people notice while signing up for an event: one workshop per time slot, the programme
and the places updated at once, focus on the message, no second empty form for the public, a
confirmation before cancelling, a cancelled registration that says so, the waiting position."""

import re

import pytest
from playwright.sync_api import expect

from engagiert.events.models import Event, Registration
from tests.e2e.logins import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONGRESS = "Engagementkongress NRW 2027"


def test_member_signs_up_changes_workshops_and_cancels_after_confirming(
    page, live_server, demo, screenshot
):
    log_in(page, live_server, "kamp-lintfort@engagiert.example")
    page.goto(live_server.url + Event.objects.get(title=CONGRESS).get_absolute_url())
    page.wait_for_load_state("networkidle")  # htmx is loaded before we submit
    morning = page.get_by_role("group", name=re.compile("^11:00–"))
    expect(morning.get_by_label("keiner")).to_be_checked()

    # One workshop per time slot: choosing a second one in the slot replaces the first.
    morning.get_by_label(re.compile("Freies Engagement")).check()
    morning.get_by_label(re.compile("Engagement und Unternehmen")).check()
    expect(morning.get_by_label(re.compile("Freies Engagement"))).not_to_be_checked()
    page.get_by_role("group", name=re.compile("^14:00")).get_by_label(
        re.compile("Digitalisierung")
    ).check()
    screenshot(page, "signup-01-workshop-slots")
    page.get_by_role("button", name="Anmelden", exact=True).click()

    message = page.locator("#registration [autofocus]")
    expect(message).to_contain_text("Sie sind angemeldet")
    expect(message).to_be_focused()
    programme = page.locator("#programme")
    row = programme.get_by_role("row").filter(has_text="Engagement und Unternehmen")
    expect(row).to_contain_text("1 von 30 Plätzen belegt")
    screenshot(page, "signup-02-registered")

    page.get_by_role("link", name="Anmeldung verwalten oder stornieren").click()
    change = page.get_by_role("region", name="Workshops ändern")
    expect(change.get_by_label(re.compile("Engagement und Unternehmen"))).to_be_checked()
    expect(change.get_by_label(re.compile("Engagement und Unternehmen"))).to_have_accessible_name(
        re.compile("29 Plätze frei")
    )
    expect(change.get_by_label(re.compile("Freies Engagement"))).to_have_accessible_name(
        re.compile("30 Plätze frei")
    )

    page.get_by_role("link", name="Anmeldung stornieren").click()
    expect(page.get_by_text("Möchten Sie wirklich stornieren?")).to_be_visible()
    screenshot(page, "signup-03-cancel-question")
    page.get_by_role("link", name="Nein, Anmeldung behalten").click()
    expect(page.get_by_text("bestätigt", exact=True)).to_be_visible()
    page.get_by_role("link", name="Anmeldung stornieren").click()
    page.get_by_role("button", name="Ja, Anmeldung stornieren").click()
    expect(page.get_by_text("Ihre Anmeldung ist storniert")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("In den Kalender"))).to_have_count(0)
    expect(page.get_by_text("Auf der Teilnehmendenliste")).to_have_count(0)
    screenshot(page, "signup-04-cancelled")
    registration = Registration.objects.get(
        email="kamp-lintfort@engagiert.example", event__title=CONGRESS
    )
    assert registration.status == Registration.Status.CANCELLED


def test_the_public_sees_the_message_without_a_second_form(page, live_server, demo, screenshot):
    page.goto(live_server.url + Event.objects.get(title=CONGRESS).get_absolute_url())
    page.wait_for_load_state("networkidle")
    page.get_by_label("Name", exact=True).fill("Erika Muster")
    page.get_by_label("E-Mail").fill("erika@example.org")
    page.get_by_role("button", name="Anmelden", exact=True).click()

    message = page.locator("#registration [autofocus]")
    expect(message).to_contain_text("Fast geschafft")
    expect(message).to_be_focused()
    expect(page.locator("#registration").get_by_label("E-Mail")).to_have_count(0)
    expect(page.get_by_role("link", name="Eine weitere Person anmelden")).to_be_visible()
    screenshot(page, "signup-05-public-registered")


def test_a_waiting_person_sees_their_place(page, live_server, demo, screenshot):
    waiting = Registration.objects.get(status=Registration.Status.WAITING)
    page.goto(live_server.url + waiting.get_absolute_url())
    expect(page.get_by_text("Platz 1 auf der Warteliste")).to_be_visible()
    screenshot(page, "signup-06-waiting-position")
