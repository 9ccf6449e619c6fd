"""A member downloads their data (the ZIP is opened and read), asks for erasure, and the
network office completes it after a confirmation step."""

import io
import json
import zipfile

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import TwoFactorFactory, UserFactory
from engagiert.demo.data import DEMO_TOTP_SECRET
from engagiert.privacy.tests.seeding import seed_person
from tests.e2e.logins import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Sommer-im-Park-2026"


@pytest.fixture
def member(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    person = seed_person(
        "Jürgen", "Wöllner-Bast", "juergen.woellner@example.org", "+49 2381 17-4401"
    )
    person.user.set_password(PASSWORD)
    person.user.save()
    return person


@pytest.fixture
def office(transactional_db):
    users = []
    for email in ("netzwerkstelle@example.org", "vertretung@example.org"):
        user = UserFactory(email=email, first_name="Nora", last_name="Amt")
        user.set_password(PASSWORD)
        user.save()
        role_grant(user=user, role=Role.OFFICE)
        TwoFactorFactory(user=user, secret=DEMO_TOTP_SECRET)
        users.append(user)
    return users[0]


def test_member_downloads_data_asks_for_erasure_office_completes_it(
    page, live_server, member, office, screenshot
):
    log_in(
        page,
        live_server,
        member.email,
        password=PASSWORD,
        secret=member.user.two_factor.secret,
    )
    page.get_by_role("link", name="Meine Daten").click()
    expect(page.get_by_role("heading", name="Meine Daten", exact=True)).to_be_visible()
    expect(page.get_by_text("Anmeldung zu Veranstaltungen").first).to_be_visible()
    screenshot(page, "privacy-my-data")

    page.get_by_role("button", name="Meine Daten zusammenstellen (ZIP)").click()
    expect(page.get_by_text("wartet auf die Hintergrundverarbeitung")).to_be_visible()
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    expect(page.get_by_text("Ihre Daten sind fertig.")).to_be_visible(timeout=10000)
    screenshot(page, "privacy-export-ready")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Meine Daten herunterladen (ZIP)").click()
    archive = zipfile.ZipFile(io.BytesIO(download_info.value.path().read_bytes()))
    registration = json.loads(archive.read("daten/events.registration.json"))
    assert registration["eintraege"][0]["name"] == "Jürgen Wöllner-Bast"
    assert "Lindenallee 7" in archive.read("index.html").decode()

    page.get_by_label("Ich beantrage die Löschung meines Kontos").check()
    page.get_by_role("button", name="Löschung beantragen").click()
    expect(page.get_by_text("Anfrage eingegangen")).to_be_visible()
    page.get_by_role("button", name="Abmelden").click()

    log_in(page, live_server, office.email, password=PASSWORD)
    page.get_by_role("link", name="Datenschutz").first.click()
    expect(page.get_by_role("heading", name="Datenschutz-Anfragen")).to_be_visible()
    screenshot(page, "privacy-office-requests")
    page.get_by_role("link", name="Anfrage Nr.").first.click()
    expect(page.get_by_text(member.email).first).to_be_visible()
    page.get_by_role("link", name="Daten löschen …").click()
    expect(page.get_by_text("Das kann nicht rückgängig gemacht werden")).to_be_visible()
    screenshot(page, "privacy-erasure-confirm")
    page.get_by_role("button", name="Jetzt löschen").click()
    expect(page.get_by_text("Bitte bestätigen Sie die Löschung.").first).to_be_visible()
    page.get_by_label("Ich habe geprüft, wer die Anfrage stellt").check()
    page.get_by_role("button", name="Jetzt löschen").click()

    expect(page.get_by_text("Die Daten wurden gelöscht")).to_be_visible()
    expect(page.get_by_role("heading", name="Gelöscht oder anonymisiert")).to_be_visible()
    screenshot(page, "privacy-erasure-done")
    assert not User.objects.filter(email=member.email).exists()
