"""Every page of the site in a browser, as the roles that may open it: nothing that axe-core finds
against WCAG 2.1 A and AA, and nothing wider than a phone's screen at 375 px.

The pages are those of tests/test_valid_html.py (the URL × role table's HTML pages, each as its
most privileged role and the public ones also anonymously). The browser talks to no server: each
page is rendered in the test's own thread and transaction by Django's test client, logged in as
the role, and handed to the browser; static files come from the static-file finders.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders

from tests.test_url_matrix import (  # noqa: F401  (the fixtures are used by name)
    ROLES,
    _client,
    _shared_world,
    world,
)
from tests.test_valid_html import ROOT, _html, _needs, _visits

pytestmark = pytest.mark.long

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: The WCAG 2.1 A and AA rules of axe-core.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ORIGIN = "http://testserver"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


def _slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "start"


def _serve(documents: dict[str, str]):
    """A Playwright route handler: the page as Django rendered it, static files from the
    finders, and nothing for the requests a page makes later (htmx polling)."""

    def answer(route) -> None:
        url = urlsplit(route.request.url)
        if url.netloc != "testserver":
            route.abort()
        elif url.path.startswith("/static/"):
            found = finders.find(url.path.removeprefix("/static/"))
            route.fulfill(path=found) if found else route.fulfill(status=404)
        elif route.request.is_navigation_request():
            route.fulfill(body=documents[url.path], content_type="text/html; charset=utf-8")
        else:
            route.fulfill(status=204)

    return answer


def test_every_page_passes_axe_and_fits_a_phone(world, browser):  # noqa: F811
    """axe-core's WCAG 2.1 A/AA rules pass on every page as the browser renders it at 1,280 px,
    and at 375 px no page is wider than the screen (a wide table scrolls inside its own box).

    With SCREENSHOTS set to a directory, each page is photographed at both widths there."""
    _needs(AXE, "axe")
    shots = Path(os.environ["SCREENSHOTS"]) if os.environ.get("SCREENSHOTS") else None
    findings: list[str] = []
    context = browser.new_context(locale="de-DE", viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(20_000)
    documents: dict[str, str] = {}
    page.route("**/*", _serve(documents))
    clients = {role: _client(world, role) for role in ROLES}
    for visit in _visits(world):
        html = _html(clients[visit.role], visit.path)
        if html is None:
            continue
        # The rendering happens here, in the test's thread and transaction; the browser only
        # receives it (a route handler runs where the test's database is out of reach).
        documents[urlsplit(visit.path).path] = html
        page.goto(ORIGIN + visit.path)
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            """async (tags) => {
                const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
                return result.violations.map(v =>
                    `${v.id} (${v.impact}): ${v.help} — ` +
                    v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "));
            }""",
            WCAG_TAGS,
        )
        findings += [f"{visit.path} ({visit.role}): {violation}" for violation in violations]
        name = f"{visit.role}-{_slug(visit.path)}"
        if shots:
            page.screenshot(path=shots / f"{name}-1280.png", full_page=True)
        page.set_viewport_size(PHONE)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            findings.append(f"{visit.path} ({visit.role}): {width} px wide at 375 px")
        if shots:
            page.screenshot(path=shots / f"{name}-375.png", full_page=True)
        page.set_viewport_size(DESKTOP)
    context.close()

    assert findings == [], "\n".join(findings)
