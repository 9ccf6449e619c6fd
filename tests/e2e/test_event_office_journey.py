"""The office plans a network meeting on the platform's own pages: it creates the event with
two parallel workshops, publishes it, copies it to a new date, sees the copy's programme and
invites an audience after seeing how many it reaches."""

import re

import pytest
from playwright.sync_api import expect

from engagiert.core.models import OutboundMail
from engagiert.events.models import Event, Invitee
from tests.e2e.logins import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Netzwerktreffen Sauerland"


def _add_workshop(page, title: str, room: str) -> None:
    editor = page.locator("#programme-editor")
    editor.get_by_label("Workshop", exact=True).check()
    editor.get_by_label("Titel", exact=True).fill(title)
    editor.get_by_label("Beginn", exact=True).fill("2030-03-12T11:00")
    editor.get_by_label("Ende", exact=True).fill("2030-03-12T12:30")
    editor.get_by_label(re.compile("^Raum")).fill(room)
    editor.get_by_label(re.compile("^Moderation")).fill("Anna Beispiel")
    editor.get_by_label(re.compile("^Plätze")).fill("15")
    editor.get_by_role("button", name="Ins Programm aufnehmen").click()
    message = page.get_by_text(f"»{title}« ist im Programm ergänzt.")
    expect(message).to_be_visible()
    expect(page.locator("#programme-editor [autofocus]")).to_be_focused()


def test_office_creates_publishes_copies_and_invites(page, live_server, demo, screenshot):
    log_in(page, live_server, "buero@engagiert.example")
    page.goto(f"{live_server.url}/veranstaltungen/")
    page.get_by_role("link", name="Neue Veranstaltung").click()

    # Refused first: no format, ends before it starts; the summary names both fields.
    page.get_by_label("Titel", exact=True).fill(TITLE)
    page.get_by_label("Beginn", exact=True).fill("2030-03-12T10:00")
    page.get_by_label("Ende", exact=True).fill("2030-03-12T09:00")
    page.get_by_role("button", name="Entwurf speichern").click()
    summary = page.locator("#form-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name=re.compile("^Format"))).to_be_visible()
    expect(summary.get_by_role("link", name=re.compile("^Ende"))).to_be_visible()
    screenshot(page, "60-event-office-form-errors")

    page.get_by_label("Format", exact=True).select_option(label="Netzwerktreffen")
    page.get_by_label("Ende", exact=True).fill("2030-03-12T16:00")
    page.get_by_label(re.compile("^Veranstaltungsort")).fill("Rathaus Arnsberg")
    page.get_by_label(re.compile("^Plätze")).fill("40")
    page.get_by_role("button", name="Entwurf speichern").click()
    expect(page.get_by_text("Diese Veranstaltung ist ein Entwurf")).to_be_visible()

    nav = page.get_by_role("navigation", name="Veranstaltung verwalten")
    nav.get_by_role("link", name="Programm").click()
    page.wait_for_load_state("networkidle")  # htmx is loaded before the first swap
    _add_workshop(page, "Engagement im Quartier", "Raum 1")
    _add_workshop(page, "Ehrenamtskarte einführen", "Raum 2")
    expect(page.get_by_role("heading", name=re.compile("2 Punkte parallel"))).to_be_visible()
    screenshot(page, "61-event-office-programme")

    nav.get_by_role("link", name="Angaben").click()
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(page.get_by_text("Die Veranstaltung ist veröffentlicht")).to_be_visible()
    original = Event.objects.get(title=TITLE)
    assert original.status == Event.Status.PUBLISHED

    # The autumn meeting: a copy at a new date, a draft with the programme moved along.
    nav.get_by_role("link", name="Auf neuen Termin kopieren").click()
    page.get_by_label("Neuer Beginn", exact=True).fill("2030-09-17T10:00")
    page.get_by_role("button", name="Kopie anlegen").click()
    expect(page.get_by_text("Die Kopie ist als Entwurf gespeichert")).to_be_visible()
    expect(page.get_by_text("Diese Veranstaltung ist ein Entwurf")).to_be_visible()
    copy = Event.objects.exclude(pk=original.pk).get(title=TITLE)
    assert copy.registrations.count() == 0
    page.get_by_role("navigation", name="Veranstaltung verwalten").get_by_role(
        "link", name="Programm"
    ).click()
    expect(page.get_by_role("heading", name=re.compile("17.9. 11:00–12:30"))).to_be_visible()
    expect(page.get_by_text("Engagement im Quartier", exact=True)).to_be_visible()
    expect(page.get_by_text("Ehrenamtskarte einführen", exact=True)).to_be_visible()

    # Invite the published original: the number first, then the confirmed sending.
    page.goto(f"{live_server.url}/veranstaltungen/{original.pk}/einladen/")
    page.get_by_label("Zielgruppe", exact=True).select_option(label="Alle Mitglieder")
    page.get_by_role("button", name="Zahl der Empfangenden anzeigen").click()
    count = page.locator("#invite-count")
    expect(count).to_be_focused()
    expect(count).to_contain_text(re.compile(r"erreicht \d+ Adressen"))
    assert not OutboundMail.objects.filter(subject__contains=TITLE).exists()
    screenshot(page, "62-event-office-invite-count")
    number = int(re.search(r"erreicht (\d+) Adressen", count.inner_text()).group(1))
    page.get_by_role("button", name=f"An {number} Adressen senden").click()
    expect(page.get_by_text(f"Die Einladung geht an {number} Adressen.")).to_be_visible()
    assert Invitee.objects.filter(invitation__event=original).count() == number
    assert page.foreign_requests == []
