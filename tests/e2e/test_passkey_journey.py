"""Passkeys in a real browser, with Chromium's virtual authenticator (WebAuthn over CDP): a
person adds a passkey on the security page, logs in with password and the passkey as the second
factor, then with the passkey alone; a passkey the platform no longer knows is refused. The
office sets one up as its required second factor."""

import re

import pytest
from playwright.sync_api import expect

from engagiert.accounts.models import Passkey, Role
from engagiert.accounts.services import role_grant
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


@pytest.fixture
def authenticator(page, live_server, settings):
    """Chromium's virtual authenticator (a platform authenticator with user verification) and
    the relying party of the live server; yields the CDP session and the authenticator's id."""
    # WebAuthn needs a host name: the live server is reached as localhost.
    assert live_server.url.startswith("http://localhost:")
    settings.WEBAUTHN_ORIGIN = live_server.url
    settings.WEBAUTHN_RP_ID = "localhost"
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    options = {
        "protocol": "ctap2",
        "transport": "internal",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": True,
    }
    found = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": options})
    return cdp, found["authenticatorId"]


def test_a_passkey_is_added_then_used_as_second_factor_and_alone(
    page, live_server, authenticator, screenshot
):
    cdp, authenticator_id = authenticator
    user = UserFactory(email="paula@example.org", first_name="Paula", last_name="Passkey")

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
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})
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

    # Renamed, then removed (after a confirmation): it no longer opens the account.
    page.get_by_role("link", name="Umbenennen: Laptop im Büro").click()
    page.get_by_label("Name des Passkeys").fill("")
    page.get_by_role("button", name="Namen speichern").click()
    expect(page.locator("#id_name_error")).to_contain_text("Dieses Feld ist zwingend erforderlich.")
    page.get_by_label("Name des Passkeys").fill("Alter Laptop")
    _both_widths(page, screenshot, "passkeys-06-rename")
    page.get_by_role("button", name="Namen speichern").click()
    page.get_by_role("link", name="Entfernen: Alter Laptop").click()
    expect(page.get_by_text("Den Passkey »Alter Laptop« entfernen?")).to_be_visible()
    _both_widths(page, screenshot, "passkeys-07-remove")
    page.get_by_role("button", name="Passkey entfernen").click()
    expect(page.get_by_text("Der Passkey »Alter Laptop« ist entfernt.")).to_be_visible()
    assert not Passkey.objects.filter(user=user).exists()
    log_out(page)

    # A passkey the platform no longer knows: a German message, no login.
    page.goto(live_server.url + "/konto/anmelden/")
    page.get_by_role("button", name="Mit Passkey anmelden").click()
    expect(page.get_by_text("Dieser Passkey ist hier für kein Konto registriert.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/konto/anmelden/$"))
    screenshot(page, "passkeys-04-unknown")


def test_the_office_sets_up_a_passkey_as_its_required_second_factor(
    page, live_server, authenticator, screenshot
):
    office = UserFactory(email="olga@example.org", first_name="Olga", last_name="Office")
    role_grant(user=office, role=Role.OFFICE)

    _password(page, live_server, office.email)
    page.wait_for_url("**/konto/zwei-faktor/einrichten/")
    expect(
        page.get_by_role("heading", name="Oder stattdessen einen Passkey verwenden")
    ).to_be_visible()
    page.get_by_label("Name des Passkeys").fill("Büro-PC")
    page.get_by_label("Ihr aktuelles Passwort").fill(PASSWORD)
    _both_widths(page, screenshot, "passkeys-05-office-setup")
    page.get_by_role("button", name="Passkey hinzufügen").click()
    page.wait_for_url("**/konto/")
    expect(page.get_by_text("Der Passkey »Büro-PC« ist hinzugefügt.")).to_be_visible()
    log_out(page)

    page.goto(live_server.url + "/konto/anmelden/")
    page.get_by_role("button", name="Mit Passkey anmelden").click()
    page.wait_for_url("**/konto/")
    expect(page.get_by_role("heading", name=re.compile("Willkommen"))).to_be_visible()


def test_without_javascript_the_pages_work_and_only_the_passkey_parts_are_hidden(
    browser, live_server, screenshot
):
    user = UserFactory(email="ohne-js@example.org")
    context = browser.new_context(locale="de-DE", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/konto/anmelden/")
        expect(page.get_by_role("button", name="Mit Passkey anmelden")).to_be_hidden()
        _password(page, live_server, user.email)
        page.wait_for_url("**/konto/")
        page.goto(live_server.url + "/konto/sicherheit/")
        expect(page.get_by_text("öffnen Sie diese Seite in einem Browser")).to_be_visible()
        expect(page.get_by_role("button", name="Passkey hinzufügen")).to_be_hidden()
        screenshot(page, "passkeys-08-security-without-javascript")
    finally:
        context.close()
