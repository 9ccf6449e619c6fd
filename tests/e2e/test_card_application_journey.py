"""A volunteer applies for the Ehrenamtskarte without an account, confirms the address, the two
organisations answer through their own links, the card staff of Arnsberg approve."""

import re

import pytest

from engagiert.core.models import OutboundMail
from engagiert.demo.services import demo_load
from engagiert.registry.services import registry_import_file
from engagiert.registry.tests.conftest import REGISTRY_FILE
from engagiert.volunteercard.models import Application, Card
from tests.e2e.test_membership_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    registry_import_file(path=REGISTRY_FILE)
    demo_load()


def _link(to: str, prefix: str) -> str:
    text = OutboundMail.objects.filter(to_email=to).order_by("-pk").first().text
    return re.search(rf"({prefix}\S+)", text).group(1)


def _both_widths(page, screenshot, name: str) -> None:
    screenshot(page, f"60-{name}-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, f"60-{name}-375")
    page.set_viewport_size({"width": 1280, "height": 900})


def _engagement(page, index: int, organisation: str, contact: str, week: str) -> None:
    field = f"engagement-{index}-"
    page.locator(f'[name="{field}organisation"]').fill(organisation)
    page.locator(f'[name="{field}field"]').select_option("sport")
    page.locator(f'[name="{field}place"]').select_option(label="Arnsberg")
    page.locator(f'[name="{field}contact_name"]').fill("Uwe Trainer")
    page.locator(f'[name="{field}contact_email"]').fill(contact)
    page.locator(f'[name="{field}hours_per_week"]').fill(week)
    page.locator(f'[name="{field}since"]').fill("2019-04-01")


def test_apply_confirm_and_approve(page, live_server, demo, screenshot):
    page.goto(live_server.url + "/ehrenamtskarte/")
    _both_widths(page, screenshot, "card-home")
    page.get_by_role("link", name="Karte beantragen").click()
    page.get_by_label("Vorname").fill("Jürgen")
    page.get_by_label("Nachname").fill("Groß")
    page.get_by_label("Geburtsdatum").fill("1980-05-17")
    page.get_by_label("E-Mail-Adresse").fill("juergen@example.org")
    page.get_by_label("Wohnort (Kommune)").select_option(label="Arnsberg")
    _engagement(page, 0, "TuS Arnsberg (Test)", "tus@example.org", "2.5")
    page.locator("summary", has_text="Weiteres Engagement (2)").click()
    _engagement(page, 1, "Tafel Arnsberg (Test)", "tafel@example.org", "2")
    _both_widths(page, screenshot, "card-apply-form")

    page.get_by_role("button", name="Antrag absenden").click()
    page.get_by_text("Bitte stimmen Sie dem Datenschutzhinweis zu").wait_for()
    assert page.locator('[name="engagement-1-organisation"]').input_value() == (
        "Tafel Arnsberg (Test)"
    )
    page.get_by_label(re.compile("Datenschutzhinweis gelesen")).check()
    page.get_by_role("button", name="Antrag absenden").click()
    page.get_by_text("Fast geschafft").wait_for()

    page.goto(live_server.url + _link("juergen@example.org", "/ehrenamtskarte/antrag/adresse/"))
    page.get_by_role("button", name="Bestätigen und absenden").click()
    page.get_by_text("Wartet auf Ihre Organisationen").wait_for()
    _both_widths(page, screenshot, "card-apply-status")

    page.goto(live_server.url + _link("tus@example.org", "/ehrenamtskarte/bestaetigung/"))
    _both_widths(page, screenshot, "card-confirmation")
    page.get_by_label("Ich bestätige das Engagement wie angegeben").check()
    page.get_by_role("button", name="Antwort senden").click()
    page.get_by_text("Ihre Antwort ist gespeichert").wait_for()
    page.goto(live_server.url + _link("tafel@example.org", "/ehrenamtskarte/bestaetigung/"))
    page.get_by_label("Ich bestätige es mit anderen Stunden").check()
    page.get_by_label("Richtige Stunden pro Woche").fill("1.5")
    page.get_by_role("button", name="Antwort senden").click()
    page.get_by_text("Ihre Antwort ist gespeichert").wait_for()

    log_in(page, live_server, "karte-arnsberg@engagiert.example")
    page.goto(live_server.url + "/ehrenamtskarte/bearbeitung/?status=in_review")
    _both_widths(page, screenshot, "card-review-list")
    page.get_by_role("link", name="Groß, Jürgen").click()
    page.get_by_text("2,5 h/Woche bestätigt durch TuS Arnsberg (Test)").wait_for()
    _both_widths(page, screenshot, "card-review-detail")
    page.get_by_role("button", name="Bewilligen und Karte ausstellen").click()
    page.get_by_text("Karte", exact=False).first.wait_for()

    application = Application.objects.get(email="juergen@example.org")
    assert application.status == Application.Status.APPROVED
    assert Card.objects.filter(application=application).exists()
    page.goto(live_server.url + "/ehrenamtskarte/ausgabestellen/")
    page.get_by_role("link", name="Arnsberg").click()
    _both_widths(page, screenshot, "card-issuer-detail")
    assert page.foreign_requests == []
