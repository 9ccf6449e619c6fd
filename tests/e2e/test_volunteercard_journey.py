"""The Ehrenamtskarte in a real browser: the holder opens the digital card (also offline), a
benefit partner checks its QR code without a connection, the card staff revoke the card, and
the next check online says it is revoked. A tampered code is refused in the browser."""

import re

import pytest
import zxingcpp
from django.utils import timezone
from PIL import Image

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import PASSWORD, UserFactory
from engagiert.volunteercard import signing
from engagiert.volunteercard.cards import card_path
from engagiert.volunteercard.models import Card
from engagiert.volunteercard.tests.card_factories import CardFactory, CardIssuerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Đorđe Šćepanović-Łukasiewicz"


def _tampered(code: str) -> str:
    """The same code with another name in the payload, the signature left as it was."""
    prefix, payload, signature = code.split(".")
    data = signing._b64decode(payload).replace("Đorđe".encode(), b"Georg!")
    return ".".join([prefix, signing._b64encode(data), signature])


def test_card_is_verified_offline_then_revoked_online(page, browser, live_server, screenshot):
    issuer = CardIssuerFactory(authority__name="Kreis Ahausen")
    card = CardFactory(issuer=issuer, first_name="Đorđe", last_name="Šćepanović-Łukasiewicz")
    staff = UserFactory(email="kartenstelle@example.org")
    role_grant(user=staff, role=Role.CARD_STAFF, authority=issuer.authority)

    # The holder opens the digital card; its QR code, read from a screenshot, verifies.
    page.goto(live_server.url + card_path(card))
    page.get_by_role("heading", name="Meine Ehrenamtskarte").wait_for()
    assert page.get_by_text(NAME).is_visible()
    page.locator("#card-page[data-offline-ready=true]").wait_for()
    shot = screenshot(page, "60-volunteercard-card")
    [code] = [result.text for result in zxingcpp.read_barcodes(Image.open(shot))]
    verification = signing.verify_code(code, today=timezone.localdate())
    assert verification.valid
    assert verification.payload.holder == NAME

    # Kept on the device: without a connection the card page still opens, QR code included.
    page.context.set_offline(True)
    page.reload()
    page.get_by_text(NAME).wait_for()
    assert page.locator(".card-qr svg").is_visible()
    page.context.set_offline(False)
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "61-volunteercard-card-phone")

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
    assert "Kreis Ahausen" in result.inner_text()
    assert "Ohne Verbindung geprüft" in result.inner_text()
    screenshot(check, "62-volunteercard-check-offline")

    # A tampered code is refused in the browser, still offline.
    check.locator("#scan-text").fill(_tampered(code))
    check.get_by_role("button", name="Code prüfen").click()
    check.get_by_text("Ungültig (Signatur)").wait_for()
    assert "Georg" not in check.locator("#scan-result").inner_text()
    partner.set_offline(False)

    # The card staff revoke the card on their page.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/konto/anmelden/")
    page.locator("#id_username").fill(staff.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/konto/")
    page.goto(live_server.url + "/ehrenamtskarte/verwaltung/karten/")
    page.get_by_role("link", name=NAME).click()
    page.get_by_label("Missbrauch").check()
    page.get_by_label("Grund", exact=True).fill("Karte wurde weitergegeben")
    screenshot(page, "63-volunteercard-staff-detail")
    page.get_by_role("button", name="Karte sperren").click()
    page.get_by_text("Die Karte wurde gesperrt.").wait_for()
    assert Card.objects.get(pk=card.pk).revoked_at is not None
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/ehrenamtskarte/verwaltung/karten/")
    page.get_by_text("gesperrt").wait_for()
    screenshot(page, "65-volunteercard-staff-list-phone")

    # Checked again online: revoked (the kind of revocation, not the staff's text).
    check.locator("#scan-file").set_input_files(str(shot))
    check.get_by_text("Ungültig: Die Karte ist gesperrt.").wait_for()
    assert check.locator(".check-result__verdict").inner_text() == "Ungültig"
    assert "weitergegeben" not in check.locator("#scan-result").inner_text()
    assert re.search("Missbrauch", check.locator("#scan-result").inner_text())
    check.set_viewport_size({"width": 375, "height": 800})
    screenshot(check, "64-volunteercard-check-revoked-phone")
    assert page.foreign_requests == []
    partner.close()


def test_browser_applies_the_servers_rules_to_every_kind_of_code(page, live_server):
    """Offline, the page gives the same reason as `signing.verify_code` for each code."""
    import datetime

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    today = timezone.localdate()
    base = signing.CardPayload(
        number="ABCD2345EFGH6789",
        holder="Zoë Ørsted",
        valid_from=today - datetime.timedelta(days=10),
        valid_until=today + datetime.timedelta(days=10),
        issuer_ags="05158000",
        issuer_name="Kreis Mettmann",
    )
    stranger = signing.Keys(signing=Ed25519PrivateKey.generate(), signing_id="ffffffff", public={})
    day = datetime.timedelta(days=1)
    codes = {
        "Die Karte ist echt und gültig.": signing.sign(base)[0],
        "Ungültig: Die Karte ist abgelaufen.": signing.sign(
            signing.CardPayload(**{**base.__dict__, "valid_until": today - day})
        )[0],
        "Ungültig: Die Karte ist noch nicht gültig.": signing.sign(
            signing.CardPayload(**{**base.__dict__, "valid_from": today + day})
        )[0],
        "Ungültig: Der Code wurde mit einem unbekannten Schlüssel signiert.": signing.sign(
            base, with_keys=stranger
        )[0],
        "Ungültig: Dies ist kein Code einer Ehrenamtskarte.": "https://example.org/",
    }
    page.goto(live_server.url + "/ehrenamtskarte/pruefen/")
    page.locator("#scan-panel").wait_for()
    page.context.set_offline(True)
    for text, code in codes.items():
        assert signing.verify_code(code, today=today).text == text  # the server's reason
        page.locator("#scan-text").fill(code)
        page.get_by_role("button", name="Code prüfen").click()
        page.locator("#scan-result .check-result__reason", has_text=text).wait_for()
