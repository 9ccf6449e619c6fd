"""Every page of the site in a browser, as the roles that may open it: nothing that axe-core finds
against WCAG 2.1 A and AA, and nothing wider than a phone's screen at 375 px.

The pages are those of tests/test_valid_html.py (the URL × role table's HTML pages, each as its
most privileged role and the public ones also anonymously). The browser talks to no Django
server: each page is rendered in the test's own thread and transaction by Django's test client,
logged in as the role, and handed to the browser by a small server in the test's process, which
also serves the static files from the finders and axe-core (cacheable, so each stylesheet,
font and script is loaded once, not for every page).
"""

import mimetypes
import os
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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
#: Where the pages' server hands out axe-core (cached by the browser like a static file).
AXE_PATH = "/axe-core/axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


def _slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "start"


class _Pages(ThreadingHTTPServer):
    """A server on 127.0.0.1 that hands out the pages as Django rendered them (`documents`, by
    path), static files from the finders (cached by the browser, unlike routed responses) and
    nothing for the requests a page makes later (htmx polling)."""

    def __init__(self) -> None:
        self.documents: dict[str, str] = {}
        super().__init__(("127.0.0.1", 0), _Answer)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Answer(BaseHTTPRequestHandler):
    server: _Pages

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == AXE_PATH:
            found = str(AXE)
        elif path.startswith("/static/"):
            found = finders.find(path.removeprefix("/static/"))
        else:
            found = None
        if found:
            body = Path(found).read_bytes()
            kind = mimetypes.guess_type(found)[0] or "application/octet-stream"
            self._answer(200, body, kind, {"Cache-Control": "max-age=3600"})
        elif path in self.server.documents and "HX-Request" not in self.headers:
            self._answer(200, self.server.documents[path].encode(), "text/html; charset=utf-8")
        else:
            self._answer(204 if not path.startswith("/static/") else 404, b"", "text/plain")

    def _answer(self, status: int, body: bytes, kind: str, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


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
    server = _Pages()
    clients = {role: _client(world, role) for role in ROLES}
    for visit in _visits(world):
        html = _html(clients[visit.role], visit.path)
        if html is None:
            continue
        # The rendering happens here, in the test's thread and transaction; the browser only
        # receives it (a route handler runs where the test's database is out of reach).
        server.documents[urlsplit(visit.path).path] = html
        page.goto(server.origin + visit.path)
        page.add_script_tag(url=server.origin + AXE_PATH)
        violations = page.evaluate(
            """async (tags) => {
                const result = await axe.run(document, {
                    runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
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
    server.shutdown()
    server.server_close()

    assert findings == [], "\n".join(findings)
