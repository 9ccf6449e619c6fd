"""The network office replaces its Excel list: it imports 50 contacts from an .xlsx file, sees
two duplicates flagged in the preview before anything is saved, decides for each, confirms,
and then notes a call and sets a follow-up for a colleague."""

import io

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.contacts.models import FollowUp
from engagiert.membership.models import ContactPerson
from tests.e2e.logins import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Demo municipalities (AGS) the list spreads its people over.
TOWNS = ["05170020", "05958004", "05554008", "05558016", "05978036"]


def _workbook() -> bytes:
    """48 new people, one with the address of a demo contact, one whose name differs from a
    demo contact's at the same municipality only by a typo."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Vorname", "Nachname", "Funktion", "E-Mail", "AGS", "Schlagworte"])
    for n in range(48):
        sheet.append(
            [
                f"Vera{n}",
                f"Neumann{n}",
                "Koordination Ehrenamt",
                f"vera{n}@kommune.example",
                int(TOWNS[n % 5]),  # as Excel keeps it: a number without the leading zero
                "Kongress 2026",
            ]
        )
    sheet.append(
        ["Jonas", "T.", "Leitung Ehrenamt", "KAMP-LINTFORT@engagiert.example", "05170020", ""]
    )
    sheet.append(["Hanna", "Westhues", "Koordination", "", "05558016", "Kongress 2026"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_import_fifty_contacts_then_note_and_follow_up(page, live_server, demo, screenshot):
    colleague = UserFactory(
        email="kollegin@engagiert.example", first_name="Karla", last_name="Kollegin"
    )
    role_grant(user=colleague, role=Role.OFFICE)
    before = ContactPerson.objects.count()

    log_in(page, live_server, "buero@engagiert.example")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Kontakte", exact=True
    ).click()
    page.get_by_role("link", name="Liste importieren").click()
    page.get_by_label("Kontaktliste").set_input_files(
        files=[
            {
                "name": "kontakte.xlsx",
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": _workbook(),
            }
        ]
    )
    page.get_by_role("button", name="Vorschau zeigen").click()

    expect(page.locator("#import-summary")).to_contain_text(
        "48 neu, 2 mögliche Dubletten, 0 ungültige Zeilen"
    )
    by_address = page.locator("#zeile-50")
    expect(by_address).to_contain_text("Dublette")
    expect(by_address).to_contain_text("Jonas Terhoeven (gleiche E-Mail-Adresse)")
    by_name = page.locator("#zeile-51")
    expect(by_name).to_contain_text("Hannah Westhues (ähnlicher Name bei derselben Kommune)")
    assert ContactPerson.objects.count() == before  # nothing saved before confirming
    screenshot(page, "contacts-10-import-preview")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "contacts-11-import-preview-375")
    page.set_viewport_size({"width": 1280, "height": 900})

    by_address.get_by_label("vorhandenen Eintrag aktualisieren").check()
    page.get_by_role("button", name="Import bestätigen").click()

    expect(page.get_by_text("Importiert: 48 neu, 1 aktualisiert, 1 übersprungen")).to_be_visible()
    assert ContactPerson.objects.count() == before + 48
    assert ContactPerson.objects.get(email="kamp-lintfort@engagiert.example").function == (
        "Leitung Ehrenamt"
    )

    page.get_by_label("Schlagwort").select_option("Kongress 2026")
    expect(page.get_by_role("status").filter(has_text="gefunden")).to_have_text(
        "48 Personen gefunden · Als CSV exportieren"
    )
    page.get_by_role("link", name="Vera7 Neumann7").click()

    page.get_by_label("Art").select_option(label="Telefonat")
    page.get_by_label("Was geschah oder was zu merken ist").fill(
        "Sagt die Teilnahme am Kongress zu, bringt zwei Kolleginnen mit."
    )
    page.get_by_role("button", name="Eintrag speichern").click()
    expect(page.get_by_text("Der Eintrag ist gespeichert.")).to_be_visible()
    expect(page.locator(".crm-timeline")).to_contain_text("Telefonat")
    expect(page.locator(".crm-timeline")).to_contain_text("bringt zwei Kolleginnen mit")

    page.get_by_label("Was zu tun ist").fill("Programm des Kongresses schicken")
    page.get_by_label("Fällig am").fill("2030-03-02")
    page.get_by_label("Zugewiesen an").select_option(label="Karla Kollegin")
    page.get_by_role("button", name="Wiedervorlage speichern").click()
    expect(page.get_by_text("Die Wiedervorlage ist gespeichert.")).to_be_visible()
    expect(page.locator(".crm-follow-ups")).to_contain_text(
        "fällig am 02.03.2030 · für Karla Kollegin"
    )
    assert FollowUp.objects.get(title="Programm des Kongresses schicken").assignee == colleague
    screenshot(page, "contacts-12-person")
