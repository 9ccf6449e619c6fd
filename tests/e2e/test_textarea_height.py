"""A text area is as tall as the lines its form asks for, not KERN's one fixed height: the
info-mail's text gets 14 lines to write in."""

import pytest

from .logins import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_info_mail_text_is_fourteen_lines_tall_and_can_be_pulled_taller(
    page, live_server, demo, screenshot
):
    log_in(page, live_server, "buero@engagiert.example")
    page.goto(f"{live_server.url}/infomail/neu/")
    body = page.get_by_label("Text", exact=True)
    subject = page.get_by_label("Betreff")
    box = body.bounding_box()
    line = subject.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
    assert box

    assert box["height"] >= 14 * line
    assert body.evaluate("e => getComputedStyle(e).resize") == "vertical"
    screenshot(page, "infomail-form")
