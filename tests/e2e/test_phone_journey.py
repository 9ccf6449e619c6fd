"""On a phone (375 px): the navigation is behind a menu button, no page is wider than the
screen, wide tables scroll inside a named region, long addresses wrap."""

import re

import pytest
from playwright.sync_api import Page, expect

from engagiert.accounts.models import User
from engagiert.audiences.models import Segment
from engagiert.mailings.models import Mailing
from tests.e2e.logins import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 800}
LONG_URL = "https://www.engagiert.example/" + "dokumentation-des-netzwerktreffens-" * 6 + "2026.pdf"
PAGES = {
    None: [
        "/",
        "/netzwerk/",
        "/netzwerk/erklaerung/",
        "/kommunen/",
        "/kommunen/05958004/",
        "/kommunen/05334002/",
        "/veranstaltungen/",
        "/wissen/",
        "/mitmachen/",
    ],
    "kamp-lintfort@engagiert.example": ["/konto/", "/kommunen/05170020/", "/werkstatt/"],
    "buero@engagiert.example": [
        "/konto/",
        "/netzwerk/antraege/",
        "/infomail/",
        "/infomail/postausgang/",
    ],
}


def fits_the_screen(page: Page, path: str) -> None:
    page.wait_for_function("() => document.readyState === 'complete'")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} is {width} px wide"


def test_phone_pages_fit_and_the_menu_works(page, live_server, demo, screenshot):
    page.set_viewport_size(PHONE)

    # The menu: a button, closed at first; it opens, and Escape closes it again.
    page.goto(f"{live_server.url}/netzwerk/")
    navigation = page.get_by_role("navigation", name="Hauptnavigation")
    button = navigation.get_by_role("button", name="Menü")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(navigation.get_by_role("link", name="Kommunen")).to_be_hidden()
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(navigation.get_by_role("link", name="Kommunen")).to_be_visible()
    screenshot(page, "phone-menu-open")
    page.keyboard.press("Tab")
    expect(navigation.get_by_role("link", name="Netzwerk")).to_be_focused()
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    page.keyboard.press("Enter")  # the keyboard opens it as well
    expect(button).to_have_attribute("aria-expanded", "true")
    navigation.get_by_role("link", name="Kommunen").click()
    expect(page).to_have_url(re.compile(r"/kommunen/$"))

    # A wide table scrolls inside a region the keyboard reaches, named by its caption.
    table = page.get_by_role("region", name="Kommunen, die den Filtern entsprechen")
    table.focus()
    expect(table).to_be_focused()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.scrollLeft > 0", arg=table.element_handle())
    fits_the_screen(page, "/kommunen/")

    for email, paths in PAGES.items():
        if email:
            page.set_viewport_size({"width": 1280, "height": 900})
            log_in(page, live_server, email)
            page.set_viewport_size(PHONE)
        for path in paths:
            page.goto(f"{live_server.url}{path}")
            # The content starts right under the header, not below rows of links.
            main_top = page.locator("main").evaluate("el => el.getBoundingClientRect().top")
            assert main_top < 160, f"{path}: the content starts {main_top} px down"
            fits_the_screen(page, path)
        if email:
            screenshot(page, f"phone-{email.split('@')[0]}")
            page.get_by_role("button", name="Menü").click()
            log_out(page)


def test_a_long_address_in_an_info_mail_wraps(page, live_server, demo, screenshot):
    office = User.objects.get(email="buero@engagiert.example")
    mailing = Mailing.objects.create(
        subject="Dokumentation des Netzwerktreffens",
        body=f"Liebe Engagementverantwortliche,\n\ndie Dokumentation: {LONG_URL}\n",
        segment=Segment.objects.get(name="Alle Mitglieder"),
        created_by=office,
    )
    log_in(page, live_server, "buero@engagiert.example")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/infomail/{mailing.pk}/")

    expect(page.get_by_role("link", name=LONG_URL).first).to_be_visible()
    fits_the_screen(page, "the info-mail preview")
    screenshot(page, "phone-mailing-long-url")


def test_without_javascript_the_menu_is_open(browser, live_server, db):
    context = browser.new_context(viewport=PHONE, locale="de-DE", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/kommunen/")
    navigation = page.get_by_role("navigation", name="Hauptnavigation")

    expect(navigation.get_by_role("link", name="Kommunen")).to_be_visible()
    expect(navigation.get_by_role("button", name="Menü")).to_be_hidden()
    context.close()
