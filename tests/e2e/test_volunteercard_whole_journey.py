"""The Ehrenamtskarte the whole way, as its users go it in their browsers (issue #13): a resident
applies without an account and confirms the address, the two organisations answer through their
own links, the card staff of Arnsberg approve in the review queue, the holder opens the card from
the approval mail, a benefit partner checks its QR code without a connection (valid; a tampered
code is refused), the staff revoke the card, and the next check online says it is revoked."""

import re

import pytest
import zxingcpp
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from engagiert.core.models import OutboundMail
from engagiert.volunteercard import signing
from engagiert.volunteercard.models import Application, Card
from tests.e2e.logins import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST, LAST = "Đorđe", "Šćepanović-Łukasiewicz"
NAME = f"{FIRST} {LAST}"
EMAIL = "dorde@example.org"
STAFF = "karte-arnsberg@engagiert.example"


def _link(to: str, prefix: str) -> str:
    """The link of the newest mail to `to` that starts with `prefix`."""
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


def _tampered(code: str) -> str:
    """The same code with another name in the payload, the signature left as it was."""
    prefix, payload, signature = code.split(".")
    data = signing._b64decode(payload).replace(FIRST.encode(), b"Georg!")
    return ".".join([prefix, signing._b64encode(data), signature])


def _apply(page, live_server, screenshot) -> None:
    page.goto(live_server.url + "/ehrenamtskarte/")
    _both_widths(page, screenshot, "card-home")
    page.get_by_role("link", name="Karte beantragen").click()
    page.get_by_label("Vorname").fill(FIRST)
    page.get_by_label("Nachname").fill(LAST)
    page.get_by_label("Geburtsdatum").fill("1980-05-17")
    page.get_by_label("E-Mail-Adresse").fill(EMAIL)
    page.get_by_label("Wohnort (Kommune)").select_option(label="Arnsberg")
    _engagement(page, 0, "TuS Arnsberg (Test)", "tus@example.org", "2.5")
    page.locator("summary", has_text="Weiteres Engagement (2)").click()
    _engagement(page, 1, "Tafel Arnsberg (Test)", "tafel@example.org", "2")
    _both_widths(page, screenshot, "card-apply-form")

    # Without the consent the form comes back with the message and keeps every input.
    page.get_by_role("button", name="Antrag absenden").click()
    expect(page.locator("#id_privacy_error")).to_contain_text(
        "Bitte stimmen Sie dem Datenschutzhinweis zu"
    )
    assert page.locator('[name="engagement-1-organisation"]').input_value() == (
        "Tafel Arnsberg (Test)"
    )
    page.get_by_label(re.compile("Datenschutzhinweis gelesen")).check()
    page.get_by_role("button", name="Antrag absenden").click()
    page.get_by_text("Fast geschafft").wait_for()

    page.goto(live_server.url + _link(EMAIL, "/ehrenamtskarte/antrag/adresse/"))
    page.get_by_role("button", name="Bestätigen und absenden").click()
    page.get_by_text("Wartet auf Ihre Organisationen").wait_for()
    _both_widths(page, screenshot, "card-apply-status")


def _organisations_confirm(browser, live_server, screenshot) -> None:
    """Each organisation answers in its own browser, through the link of its own mail."""
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
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
    context.close()


def test_apply_confirm_approve_check_offline_revoke_check_online(
    page, browser, live_server, demo, screenshot
):
    _apply(page, live_server, screenshot)
    _organisations_confirm(browser, live_server, screenshot)

    # The card staff, logged in, approve in the review queue.
    staff = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    office = staff.new_page()
    log_in(office, live_server, STAFF)
    office.goto(live_server.url + "/ehrenamtskarte/bearbeitung/?status=in_review")
    _both_widths(office, screenshot, "card-review-list")
    office.get_by_role("link", name=f"{LAST}, {FIRST}").click()
    office.get_by_text("2,5 h/Woche bestätigt durch TuS Arnsberg (Test)").wait_for()
    office.get_by_text("1,5 h/Woche bestätigt durch Tafel Arnsberg (Test)").wait_for()
    _both_widths(office, screenshot, "card-review-detail")
    office.get_by_role("button", name="Bewilligen und Karte ausstellen").click()
    office.get_by_role("link", name="Karte anzeigen").wait_for()
    application = Application.objects.get(email=EMAIL)
    assert application.status == Application.Status.APPROVED
    card = Card.objects.get(application=application)

    # The holder opens the card from the approval mail; it is kept on the device.
    page.goto(live_server.url + _link(EMAIL, "/ehrenamtskarte/karte/"))
    page.get_by_role("heading", name="Meine Ehrenamtskarte").wait_for()
    expect(page.get_by_text(NAME)).to_be_visible()
    expect(page.get_by_text(card.display_number)).to_be_visible()
    page.locator("#card-page[data-offline-ready=true]").wait_for()
    shot = screenshot(page, "61-card-page-1280")
    [code] = [result.text for result in zxingcpp.read_barcodes(Image.open(shot))]
    assert signing.verify_code(code, today=timezone.localdate()).payload.holder == NAME
    page.context.set_offline(True)
    page.reload()
    page.get_by_text(NAME).wait_for()
    expect(page.locator(".card-qr svg")).to_be_visible()
    page.context.set_offline(False)
    page.set_viewport_size({"width": 375, "height": 800})
    phone = screenshot(page, "61-card-page-375")
    [phone_code] = [result.text for result in zxingcpp.read_barcodes(Image.open(phone))]
    assert phone_code == code  # the phone's screen shows a readable code too

    # A benefit partner loads the check page, loses the connection, checks the photo: valid.
    partner = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    check = partner.new_page()
    check.set_default_timeout(20_000)
    check.goto(live_server.url + "/ehrenamtskarte/pruefen/")
    check.locator("#scan-panel").wait_for()
    partner.set_offline(True)
    check.locator("#scan-file").set_input_files(str(shot))
    result = check.locator("#scan-result .check-result")
    result.wait_for()
    assert result.locator(".check-result__verdict").inner_text() == "Gültig"
    assert NAME in result.inner_text()
    assert "Arnsberg" in result.inner_text()
    assert "Ohne Verbindung geprüft" in result.inner_text()
    screenshot(check, "62-card-check-offline-valid-1280")

    # A tampered code is refused in the browser, still offline.
    check.locator("#scan-text").fill(_tampered(code))
    check.get_by_role("button", name="Code prüfen").click()
    check.get_by_text("Die Signatur passt nicht").wait_for()
    assert "Georg" not in check.locator("#scan-result").inner_text()
    partner.set_offline(False)

    # The staff open the card from the application and revoke it.
    office.get_by_role("link", name="Karte anzeigen").click()
    office.get_by_role("heading", name=NAME).wait_for()
    office.get_by_label("Missbrauch").check()
    office.get_by_label("Begründung", exact=True).fill("Karte wurde weitergegeben")
    _both_widths(office, screenshot, "card-staff-detail")
    office.get_by_role("button", name="Karte sperren").click()
    office.get_by_text("Die Karte wurde gesperrt.").wait_for()
    assert Card.objects.get(pk=card.pk).revoked_at is not None

    # The partner, online again, checks the same photo: revoked (the kind, not the staff's text).
    check.locator("#scan-file").set_input_files(str(shot))
    check.get_by_text("Die Karte ist gesperrt.").wait_for()
    assert check.locator("#scan-text").input_value() == ""  # not the tampered code any more
    assert check.locator(".check-result__verdict").inner_text() == "Ungültig"
    assert "weitergegeben" not in check.locator("#scan-result").inner_text()
    assert "Missbrauch" in check.locator("#scan-result").inner_text()
    _both_widths(check, screenshot, "card-check-online-revoked")

    # The holder's page says so too.
    page.reload()
    alert = page.locator(".kern-alert--danger")
    alert.get_by_text("Diese Karte ist nicht mehr gültig").wait_for()
    assert "Sie wurde gesperrt: Missbrauch." in alert.inner_text()
    screenshot(page, "63-card-page-revoked-375")
    office.goto(live_server.url + "/ehrenamtskarte/ausgabestellen/")
    office.get_by_role("link", name="Arnsberg").click()
    _both_widths(office, screenshot, "card-issuer-detail")
    assert page.foreign_requests == []
    partner.close()
    staff.close()
