"""The check page's own rules in a real browser, offline: the same reason as the server for
every kind of code. The way from the application to the revoked card is
`test_volunteercard_whole_journey`."""

import pytest
from django.utils import timezone

from engagiert.volunteercard import signing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
        "Die Karte ist abgelaufen.": signing.sign(
            signing.CardPayload(**{**base.__dict__, "valid_until": today - day})
        )[0],
        "Die Karte ist noch nicht gültig.": signing.sign(
            signing.CardPayload(**{**base.__dict__, "valid_from": today + day})
        )[0],
        "Der Code wurde mit einem unbekannten Schlüssel signiert.": signing.sign(
            base, with_keys=stranger
        )[0],
        "Dies ist kein Code einer Ehrenamtskarte.": "https://example.org/",
    }
    page.goto(live_server.url + "/ehrenamtskarte/pruefen/")
    page.locator("#scan-panel").wait_for()
    page.context.set_offline(True)
    for text, code in codes.items():
        assert signing.verify_code(code, today=today).text == text  # the server's reason
        page.locator("#scan-text").fill(code)
        page.get_by_role("button", name="Code prüfen").click()
        page.locator("#scan-result .check-result__reason", has_text=text).wait_for()
