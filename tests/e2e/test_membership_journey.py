"""An officer of a non-member applies; the office admits; the municipality is in the directory."""

import re
import struct
import zlib

import pytest
from playwright.sync_api import expect

from engagiert.demo.services import demo_load
from engagiert.membership.models import Membership
from engagiert.registry.services import registry_import_file
from engagiert.registry.tests.conftest import REGISTRY_FILE
from tests.e2e.logins import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DUELMEN = "05558016"


@pytest.fixture
def demo(transactional_db):
    registry_import_file(path=REGISTRY_FILE)
    demo_load()


def test_apply_review_admit_and_listed_in_the_directory(page, live_server, demo, screenshot):
    log_in(page, live_server, "duelmen@engagiert.example")
    page.goto(f"{live_server.url}/kommunen/{DUELMEN}/")
    expect(page.get_by_text("Kein Mitglied")).to_be_visible()
    page.get_by_role("link", name="Mitgliedschaft beantragen").click()

    # Bad input first: nothing chosen, nothing explained.
    page.get_by_role("button", name="Antrag absenden").click()
    assert page.locator("#id_cross_cutting").get_attribute("aria-invalid") == "true"
    screenshot(page, "10-application-errors")

    page.locator("#id_contact_person").select_option(
        label="Hannah Westhues (Koordination Ehrenamt)"
    )
    page.locator("#id_cross_cutting").fill(
        "Die Koordination Ehrenamt ist beim Bürgermeister angesiedelt und arbeitet mit allen "
        "Fachbereichen zusammen; ein Runder Tisch tagt viermal im Jahr."
    )
    page.locator("#id_volunteer_card").select_option("planned")
    page.locator("#id_accepts_declaration").check()
    screenshot(page, "11-application-form")
    page.get_by_role("button", name="Antrag absenden").click()
    page.wait_for_url(f"**/netzwerk/{DUELMEN}/antraege/")
    expect(page.get_by_text("eingereicht, in Prüfung").first).to_be_visible()
    log_out(page)

    log_in(page, live_server, "buero@engagiert.example")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Anträge", exact=True
    ).click()
    page.get_by_role("link", name="Dülmen").click()
    screenshot(page, "12-application-review")
    page.get_by_label("Aufnehmen").check()
    page.locator("#id_message").fill("Herzlich willkommen im Netzwerk!")
    page.get_by_role("button", name="Entscheidung ausführen").click()
    expect(page.get_by_text("aufgenommen").first).to_be_visible()
    assert Membership.objects.filter(authority_id=DUELMEN, until__isnull=True).exists()

    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Netzwerk"
    ).click()
    page.locator("#id_q").fill("Dülmen")
    page.get_by_text("1 Mitglied gefunden").wait_for()
    results = page.get_by_role("region", name="Mitglieder, die den Filtern entsprechen")
    expect(results.get_by_role("link", name="Dülmen")).to_be_visible()
    expect(page.get_by_text("1 Mitglied markiert")).to_be_visible()  # the map follows the filter
    page.locator("#id_q").fill("")
    page.get_by_text("38 Mitglieder gefunden").wait_for()
    screenshot(page, "13-member-directory")
    assert page.foreign_requests == []


def png_tile() -> bytes:
    """A 256×256 light-grey PNG served in place of map tiles: the test never leaves this machine."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\xe8" * 256 for _ in range(256))
    header = struct.pack(">IIBBBBB", 256, 256, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


TILE = png_tile()


def test_directory_map_uses_tiles_only_when_configured(
    page, live_server, demo, settings, screenshot
):
    settings.MAP_TILE_URL = "https://tiles.example.test/{z}/{x}/{y}.png"
    page.route(
        "https://tiles.example.test/**",
        lambda route: route.fulfill(body=TILE, content_type="image/png"),
    )
    page.goto(live_server.url + "/netzwerk/")
    page.locator(".leaflet-container").wait_for()
    expect(page.locator(".state-map")).to_be_hidden()
    # Each member is a link with its name that the keyboard reaches.
    markers = page.locator(".tile-map a.tile-map__marker")
    expect(markers).to_have_count(37)
    expect(markers.first).to_have_attribute("aria-label", re.compile(r"\w"))
    markers.first.focus()
    expect(markers.first).to_be_focused()
    assert {url.split("/")[2] for url in page.foreign_requests} == {"tiles.example.test"}
    screenshot(page, "14-directory-tile-map")
    # The tile map follows the directory's filters as well.
    page.locator("#id_q").fill("Arnsberg")
    expect(markers).to_have_count(2)
    expect(page.locator(".state-map")).to_be_hidden()
