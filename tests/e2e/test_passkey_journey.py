"""Passkeys in a real browser, with Chromium's virtual authenticator (WebAuthn over CDP): a
person adds a passkey on the security page, logs in with password and the passkey as the second
factor, then with the passkey alone; a passkey the platform no longer knows is refused."""

import re

import pytest
from playwright.sync_api import expect

from engagiert.accounts.models import Passkey
from engagiert.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _both_widths(page, screenshot, name: str) -> None:
    screenshot(page, name)
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, f"{name}-375")
    page.set_viewport_size({"width": 1280, "height": 900})


def log_out(page) -> None:
    page.get_by_role("button", name="Abmelden", exact=True).click()
    page.wait_for_url("**/")


def _password(page, live_server, email: str) -> None:
    page.goto(live_server.url + "/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).click()


def test_a_passkey_is_added_then_used_as_second_factor_and_alone(
    page, live_server, settings, screenshot
):
    # WebAuthn needs a host name: the live server is reached as localhost.
    assert live_server.url.startswith("http://localhost:")
    settings.WEBAUTHN_ORIGIN = live_server.url
    settings.WEBAUTHN_RP_ID = "localhost"
    user = UserFactory(email="paula@example.org", first_name="Paula", last_name="Passkey")
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )["authenticatorId"]

    _password(page, live_server, user.email)
    page.wait_for_url("**/konto/")
    page.goto(live_server.url + "/konto/sicherheit/")
    expect(page.get_by_text("Sie haben noch keinen Passkey hinzugefügt.")).to_be_visible()
    page.get_by_label("Name des Passkeys").fill("Laptop im Büro")
    page.get_by_label("Ihr aktuelles Passwort").fill("falsch")
    page.get_by_role("button", name="Passkey hinzufügen").click()
    expect(page.get_by_text("Das Passwort ist nicht richtig.")).to_be_visible()
    page.get_by_label("Ihr aktuelles Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Passkey hinzufügen").click()
    expect(page.get_by_text("Der Passkey »Laptop im Büro« ist hinzugefügt.")).to_be_visible()
    expect(page.get_by_role("list", name="Ihre Passkeys")).to_contain_text("Laptop im Büro")
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert [credential["isResidentCredential"] for credential in credentials["credentials"]] == [
        True
    ]
    _both_widths(page, screenshot, "passkeys-01-security")
    log_out(page)

    # Password, then the passkey instead of a code.
    _password(page, live_server, user.email)
    page.wait_for_url("**/konto/zwei-faktor/")
    expect(page.get_by_text("Bitte bestätigen Sie jetzt mit Ihrem Passkey.")).to_be_visible()
    _both_widths(page, screenshot, "passkeys-02-second-factor")
    page.get_by_role("button", name="Mit Passkey bestätigen").click()
    page.wait_for_url("**/konto/")
    expect(page.get_by_role("heading", name=re.compile("Willkommen"))).to_be_visible()
    log_out(page)

    # The passkey alone (a discoverable credential): no e-mail address, no password.
    page.goto(live_server.url + "/konto/anmelden/")
    _both_widths(page, screenshot, "passkeys-03-login")
    page.get_by_role("button", name="Mit Passkey anmelden").click()
    page.wait_for_url("**/konto/")
    expect(page.get_by_role("heading", name=re.compile("Willkommen"))).to_be_visible()
    assert Passkey.objects.get(user=user).sign_count >= 2
    page.goto(live_server.url + "/konto/sicherheit/")
    expect(page.get_by_text("Zuletzt benutzt: noch nicht")).to_have_count(0)
    log_out(page)

    # A passkey the platform no longer knows: a German message, no login.
    Passkey.objects.filter(user=user).delete()
    page.goto(live_server.url + "/konto/anmelden/")
    page.get_by_role("button", name="Mit Passkey anmelden").click()
    expect(page.get_by_text("Dieser Passkey ist hier für kein Konto registriert.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/konto/anmelden/$"))
    screenshot(page, "passkeys-04-unknown")
