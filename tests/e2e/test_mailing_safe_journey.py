"""The office builds an audience from the member directory's filters, writes an info-mail to it,
sees how many it reaches, cannot send to an audience that reaches no one, and confirms the
number before sending; the preview greets the recipient once."""

import re

import pytest
from playwright.sync_api import expect

from engagiert.core.models import OutboundMail
from engagiert.demo.services import demo_load
from engagiert.mailings.models import Mailing
from engagiert.registry.services import registry_import_file
from engagiert.registry.tests.conftest import REGISTRY_FILE
from tests.e2e.logins import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    registry_import_file(path=REGISTRY_FILE)
    demo_load()


def test_office_sends_an_info_mail_to_an_audience_from_the_directory(
    page, live_server, demo, screenshot
):
    log_in(page, live_server, "buero@engagiert.example")
    page.goto(live_server.url + "/netzwerk/")
    page.get_by_label("Regierungsbezirk", exact=True).select_option(
        label="Regierungsbezirk Arnsberg"
    )
    page.get_by_label("Art", exact=True).select_option(label="Alle Gemeinden")
    expect(page).to_have_url(re.compile(r"kind=gemeinden"))
    use = page.get_by_role("link", name="Als Zielgruppe für eine Infomail verwenden")
    expect(use).to_have_attribute("href", re.compile(r"kind=gemeinden&region=059"))
    use.click()

    expect(page.get_by_text("Erreicht derzeit 1 Adresse.")).to_be_visible()
    screenshot(page, "34-audience-from-directory")
    page.get_by_role("button", name="Zielgruppe speichern und Infomail schreiben").click()

    expect(page.get_by_role("heading", name="Neue Infomail")).to_be_visible()
    segment = page.get_by_label("Zielgruppe", exact=True)
    expect(segment.locator("option:checked")).to_have_text(re.compile(r"^Mitglieder: "))
    reach = page.locator("#segment-reach")
    expect(reach).to_have_text(re.compile(r"Erreicht derzeit 1 Adresse\."))

    segment.select_option(label="Öffentlichkeit")
    expect(reach).to_contain_text("Diese Zielgruppe erreicht derzeit niemanden")
    expect(reach).to_contain_text("Noch niemand hat ein Newsletter-Abonnement bestätigt.")
    page.get_by_label("Betreff", exact=True).fill("Treffen der Gemeinden im Bezirk Arnsberg")
    page.get_by_label("Text", exact=True).fill(
        "Liebe Kolleginnen und Kollegen,\n\nwir treffen uns in Hamm."
    )
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#id_segment_error")).to_contain_text(
        "Diese Zielgruppe erreicht derzeit niemanden"
    )
    expect(page.locator("#id_body_error")).to_contain_text("Bitte streichen Sie Ihre Anrede")
    screenshot(page, "35-mailing-form-refusals")

    page.get_by_label("Zielgruppe", exact=True).select_option(
        label="Mitglieder: Alle Gemeinden, Regierungsbezirk Arnsberg"
    )
    expect(page.locator("#segment-reach")).to_contain_text("Erreicht derzeit 1 Adresse.")
    page.get_by_label("Text", exact=True).fill(
        "wir treffen uns in Hamm. Programm: https://www.engagiert-in-nrw.example/"
        "veranstaltungen/netzwerktreffen-der-gemeinden-im-regierungsbezirk-arnsberg-2027/"
    )
    page.get_by_role("button", name="Speichern").click()

    preview = page.locator(".mail-preview").first
    expect(preview).to_contain_text("Guten Tag")
    expect(preview.get_by_text(re.compile("Guten Tag"))).to_have_count(1)
    expect(preview).to_contain_text("wir treffen uns in Hamm.")
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "36-mailing-preview-phone")
    page.set_viewport_size({"width": 1280, "height": 800})

    page.get_by_role("button", name="Senden …").click()
    dialog = page.get_by_role("alertdialog", name="Infomail senden?")
    expect(dialog).to_contain_text("geht jetzt an 1 Adresse.")
    screenshot(page, "37-mailing-confirm")
    mailing = Mailing.objects.get(subject="Treffen der Gemeinden im Bezirk Arnsberg")
    assert mailing.is_draft
    dialog.get_by_role("button", name="Ja, an 1 Adresse senden").click()

    expect(page.get_by_text("Die Infomail ist unterwegs.")).to_be_visible()
    mailing.refresh_from_db()
    assert mailing.recipient_count == 1
    assert OutboundMail.objects.filter(batch=mailing.batch).count() == 1
    assert page.foreign_requests == []
