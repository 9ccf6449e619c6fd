"""Small buttons beside a name (»Entfernen – Bonn«) keep their label's width: the label stands
apart from the name instead of spilling over it, and a row of them starts flush with the text."""

import pytest
from playwright.sync_api import Page, expect

from .logins import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def label_stands_apart(page: Page) -> None:
    for row in page.locator("li.signatory-row").all()[:3]:
        name = row.locator("span").first.bounding_box()
        label = row.locator("button .kern-label").bounding_box()
        assert name
        assert label
        assert label["x"] - (name["x"] + name["width"]) >= 12, row.inner_text()


def test_remove_buttons_stand_apart_from_the_signatories(page, live_server, demo):
    from engagiert.membership.models import SigningWave

    wave = SigningWave.objects.order_by("date").first()
    assert wave
    log_in(page, live_server, "buero@engagiert.example")
    page.goto(f"{live_server.url}/netzwerk/erklaerung/unterzeichnungen/{wave.pk}/")
    expect(page.locator("li.signatory-row").first).to_be_visible()

    label_stands_apart(page)
    page.set_viewport_size({"width": 375, "height": 800})
    label_stands_apart(page)
