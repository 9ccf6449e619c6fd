"""The office writes and sends an info-mail; a member reads it; a recipient unsubscribes."""

import re

import pytest
from playwright.sync_api import expect

from engagiert.core.models import OutboundMail
from engagiert.demo.services import demo_load
from engagiert.mailings.models import Mailing, Unsubscription
from engagiert.mailings.services import unsubscribe_token
from engagiert.registry.services import registry_import_file
from engagiert.registry.tests.conftest import REGISTRY_FILE
from tests.e2e.logins import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    registry_import_file(path=REGISTRY_FILE)
    demo_load()


def test_office_writes_previews_and_sends_an_info_mail(page, live_server, demo, screenshot):
    log_in(page, live_server, "buero@engagiert.example")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Infomails"
    ).click()
    page.get_by_role("link", name="Infomail schreiben").click()
    page.get_by_role("button", name="Speichern").click()
    assert page.locator("#id_subject").get_attribute("aria-invalid") == "true"
    page.locator("#id_subject").fill("Infomail: Neues aus dem Netzwerk – Übersicht")
    page.locator("#id_segment").select_option(label="Alle Mitglieder")
    page.locator("#id_body").fill(
        "**Neu:** unser Kongress.\n\n- Anmeldung ab sofort\n- Programm online\n\n<script>x</script>"
    )
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Neu:").first.wait_for()
    assert page.locator(".mail-preview strong").inner_text() == "Neu:"
    assert page.locator(".mail-preview script").count() == 0
    page.get_by_role("button", name="Test an mich senden").click()
    page.get_by_text("Ein Testversand geht an buero@engagiert.example").wait_for()
    screenshot(page, "30-mailing-preview")
    page.get_by_role("button", name="Senden …", exact=True).click()
    page.get_by_role("button", name=re.compile(r"^Ja, an \d+ Adressen? senden$")).click()
    page.get_by_text("Die Infomail ist unterwegs").wait_for()
    screenshot(page, "31-mailing-progress")
    mailing = Mailing.objects.get(subject__startswith="Infomail: Neues aus dem Netzwerk")
    assert OutboundMail.objects.filter(batch=mailing.batch).count() == mailing.recipient_count > 0
    log_out(page)

    log_in(page, live_server, "arnsberg@engagiert.example")
    page.goto(live_server.url + "/infomail/")
    page.get_by_role("link", name="Infomail: Neues aus dem Netzwerk – Übersicht").click()
    expect(page.get_by_text("unser Kongress")).to_be_visible()
    screenshot(page, "32-mailing-archive")
    assert page.foreign_requests == []


def test_recipient_unsubscribes_with_one_click(page, live_server, demo, screenshot):
    page.goto(
        f"{live_server.url}/infomail/abmelden/{unsubscribe_token('arnsberg@engagiert.example')}/"
    )
    page.get_by_role("button", name="Abmelden").click()
    page.get_by_text("Sie sind abgemeldet").wait_for()
    screenshot(page, "33-unsubscribed")
    assert Unsubscription.objects.filter(email="arnsberg@engagiert.example").exists()
