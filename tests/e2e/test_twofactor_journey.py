"""Two-factor login in a real browser: a member sets it up and logs in with it; the office
must set it up before anything else; a URL typed between password and code is refused."""

import re

import pyotp
import pytest
from playwright.sync_api import expect

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.demo.data import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEMBER = "duelmen@engagiert.example"


def _password(page, live_server, email: str) -> None:
    page.goto(live_server.url + "/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).click()


def _set_up(page, screenshot, name: str) -> list[str]:
    """Read the key from the page, confirm with the app's code; the recovery codes shown."""
    expect(page.get_by_role("heading", name="Zwei-Faktor-Anmeldung einrichten")).to_be_visible()
    expect(page.get_by_role("img", name="QR-Code für die Authenticator-App")).to_be_visible()
    screenshot(page, f"{name}-setup")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, f"{name}-setup-375")
    page.set_viewport_size({"width": 1280, "height": 900})
    secret = page.locator("#two-factor-secret").inner_text().replace(" ", "")
    page.get_by_label("Code aus der App").fill("123456")
    page.get_by_role("button", name="Zwei-Faktor-Anmeldung einschalten").click()
    expect(page.locator("#id_code_error").get_by_text("Der Code stimmt nicht")).to_be_visible()
    page.get_by_label("Code aus der App").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Zwei-Faktor-Anmeldung einschalten").click()
    expect(page.get_by_role("heading", name="Ihre Wiederherstellungscodes")).to_be_visible()
    codes = page.locator(".recovery-codes code").all_inner_texts()
    screenshot(page, f"{name}-recovery-codes")
    return [secret, *codes]


def test_member_sets_up_two_factor_and_logs_in_with_it(page, live_server, demo, screenshot):
    _password(page, live_server, MEMBER)
    page.wait_for_url("**/konto/")
    page.get_by_role("link", name="Anmeldung und Sicherheit").click()
    expect(page.get_by_text("Nicht eingeschaltet.")).to_be_visible()
    page.get_by_role("link", name="Zwei-Faktor-Anmeldung einrichten").click()
    secret, *codes = _set_up(page, screenshot, "twofactor-01-member")
    assert len(codes) == 10
    page.get_by_role("link", name="Ich habe die Codes aufbewahrt – weiter").click()
    expect(page.get_by_text("10 Wiederherstellungscodes sind übrig.")).to_be_visible()
    expect(page.get_by_text("(dieses Gerät)")).to_be_visible()
    screenshot(page, "twofactor-02-security")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "twofactor-02-security-375")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Abmelden").first.click()

    _password(page, live_server, MEMBER)
    page.wait_for_url("**/konto/zwei-faktor/")
    # Typed directly between password and code: refused, back to the code page.
    page.goto(live_server.url + "/konto/sicherheit/")
    expect(page).to_have_url(re.compile(r"/konto/zwei-faktor/$"))
    page.goto(live_server.url + "/kommunen/05558016/")
    expect(page).to_have_url(re.compile(r"/konto/zwei-faktor/$"))
    expect(page.get_by_role("heading", name="Zwei-Faktor-Anmeldung")).to_be_visible()
    screenshot(page, "twofactor-03-code")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "twofactor-03-code-375")
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Code bestätigen").click()
    page.wait_for_url("**/konto/")
    expect(page.get_by_role("heading", name=re.compile("Willkommen"))).to_be_visible()
    assert secret


def test_office_must_set_up_two_factor_first(page, live_server, demo, screenshot):
    office = User.objects.create_user(
        "neu-im-buero@engagiert.example", DEMO_PASSWORD, first_name="Nina", last_name="Neu"
    )
    role_grant(user=office, role=Role.OFFICE)

    _password(page, live_server, office.email)
    page.wait_for_url("**/konto/zwei-faktor/einrichten/")
    expect(page.get_by_text("Für Ihre Rolle erforderlich")).to_be_visible()
    page.goto(live_server.url + "/admin/")
    expect(page).to_have_url(re.compile(r"/konto/zwei-faktor/einrichten/$"))
    _set_up(page, screenshot, "twofactor-04-office")
    page.get_by_role("link", name="Ich habe die Codes aufbewahrt – weiter").click()
    page.goto(live_server.url + "/konto/zwei-faktor/personen/")
    heading = page.get_by_role("heading", name="Verlorenen zweiten Faktor zurücksetzen")
    expect(heading).to_be_visible()
    page.get_by_label("E-Mail-Adresse").fill("buero@")
    page.get_by_role("button", name="Treffer anzeigen").click()
    page.get_by_role("link", name="Zweiten Faktor zurücksetzen").first.click()
    screenshot(page, "twofactor-05-reset-confirm")
    page.get_by_role("button", name="Zweiten Faktor zurücksetzen").click()
    expect(page.get_by_text("wurde per E-Mail informiert")).to_be_visible()
