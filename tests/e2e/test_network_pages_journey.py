"""The public network pages as a visitor reads them: label and value together, a map that
marks what the directory's filters find and whose places the keyboard reaches, and a
municipality outside the network invited to join."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARNSBERG = "05958004"  # a member of the demo network
AACHEN = "05334002"  # not a member


def values_sit_with_their_labels(page: Page) -> None:
    """In every label–value list a value is nearer its own label than the next label."""
    for item_list in page.locator("dl.kern-description-list").all():
        keys = item_list.locator("dt").all()
        values = item_list.locator("dd").all()
        for index, (key, value) in enumerate(zip(keys, values, strict=True)):
            key_box, value_box = key.bounding_box(), value.bounding_box()
            assert key_box
            assert value_box
            gap_to_own = value_box["y"] - (key_box["y"] + key_box["height"])
            if index + 1 < len(keys):
                next_box = keys[index + 1].bounding_box()
                assert next_box
                gap_to_next = next_box["y"] - (value_box["y"] + value_box["height"])
                assert gap_to_own < gap_to_next, key.inner_text()


def test_network_pages_read_right(page, live_server, demo, screenshot):
    # A member's page: every value beside or right under its label, wide and on a phone.
    page.goto(f"{live_server.url}/kommunen/{ARNSBERG}/")
    expect(page.get_by_role("heading", name="Im Netzwerk")).to_be_visible()
    values_sit_with_their_labels(page)
    page.set_viewport_size({"width": 375, "height": 800})
    values_sit_with_their_labels(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    # The directory: the map marks exactly the members found, also after filtering.
    page.goto(f"{live_server.url}/netzwerk/")
    found = page.locator(".result-count")
    expect(found).to_have_text(re.compile(r"^\d+ Mitglieder gefunden$"))
    total = int(found.inner_text().split()[0])
    marked = page.locator("#member-map")
    expect(marked).to_contain_text(f"{total} Mitglieder markiert")
    region = page.get_by_label("Regierungsbezirk", exact=True)
    region.select_option(label="Regierungsbezirk Detmold")
    expect(found).not_to_have_text(f"{total} Mitglieder gefunden")
    count = int(found.inner_text().split()[0])
    assert 0 < count < total
    expect(marked).to_contain_text(f"{count} Mitglieder markiert")
    places = page.get_by_role("group", name=re.compile("Karte von NRW")).get_by_role("link")
    expect(places).to_have_count(count)
    screenshot(page, "network-map-filtered")

    # A marked place is reached with the keyboard, says its name and leads to its page.
    name = page.locator("#results tbody th a").first.inner_text()
    place = page.locator(f'#member-map a[aria-label="{name}"]')
    expect(place).to_have_count(1)
    place.focus()
    expect(place).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)

    # A municipality outside the network: an invitation, no empty sections.
    page.goto(f"{live_server.url}/kommunen/{AACHEN}/")
    expect(page.get_by_text("Aachen ist noch nicht Mitglied des Netzwerks")).to_be_visible()
    expect(page.get_by_role("heading", name="Ansprechpersonen")).to_have_count(0)
    expect(page.get_by_role("heading", name="Verwaltungsspitze")).to_have_count(0)
    screenshot(page, "network-non-member")
    page.get_by_role("link", name="Für Aachen die Mitgliedschaft beantragen").click()
    expect(page).to_have_url(re.compile(r"/konto/anmelden/\?next=/netzwerk/05334002/antrag/"))
