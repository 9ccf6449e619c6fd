"""Logging in and out in the browser tests: one way for all of them, the second factor included
(the demo accounts of the office and the card staff need one)."""

import re
import time

import pyotp
from playwright.sync_api import Page

from engagiert.demo.data import DEMO_PASSWORD, DEMO_TOTP_SECRET


def enter_code(page: Page, secret: str = DEMO_TOTP_SECRET) -> None:
    """On the code page, enter the app's current code. A code counts once: when this account
    logged in within the same 30 seconds already, enter the next step's code (the check accepts
    a neighbouring step, as for a clock running ahead); only when that is used as well, wait
    for the next step."""
    page.wait_for_url(re.compile(r"/konto/(zwei-faktor/)?(\?.*)?$"))
    if "/konto/zwei-faktor/" not in page.url:
        return
    totp = pyotp.TOTP(secret)
    for steps_ahead in (0, 1, 1):
        page.get_by_label("Code").fill(totp.at(time.time(), counter_offset=steps_ahead))
        page.get_by_role("button", name="Code bestätigen").click()
        page.wait_for_load_state()
        if "/konto/zwei-faktor/" not in page.url:
            return
        if steps_ahead:
            time.sleep(30 - time.time() % 30 + 1)
    raise AssertionError("The second factor was not accepted.")


def log_in(
    page: Page,
    live_server: object,
    email: str,
    *,
    password: str = DEMO_PASSWORD,
    secret: str = DEMO_TOTP_SECRET,
) -> None:
    """Log in on the login page; where the account has a second factor, enter its code."""
    page.goto(f"{live_server.url}/konto/anmelden/")  # type: ignore[attr-defined]
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Anmelden", exact=True).click()
    enter_code(page, secret)
    page.wait_for_url("**/konto/")


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Abmelden").click()
