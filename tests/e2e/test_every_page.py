"""Every page of the site, as the roles that may open it: valid HTML (the Nu HTML checker) and
nothing that axe-core finds against WCAG 2.1 A and AA.

The pages are the routes of the URL × role table (tests/test_url_matrix.py) that answer 200 with
HTML. Each route is checked as the most privileged role that may open it (the office first, the
anonymous visitor last), and every public page once more as an anonymous visitor (another
navigation, other panels). The browser talks to no server: every request it makes is answered in
the test's own thread by Django's test client, logged in as the role, and static files come from
the static-file finders. So the pages run against the module's world inside its transaction, with
the style sheets and scripts they load, and a new page is checked as soon as the table lists it.
"""

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from tests.test_url_matrix import (  # noqa: F401  (the fixtures are used by name)
    ARGS,
    ROLES,
    TABLE,
    _client,
    _path,
    _shared_world,
    world,
)

pytestmark = pytest.mark.long

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: Who opens a route first: the role that sees the most of it.
PRIVILEGE = (
    "office",
    "officer",
    "development_team",
    "leader",
    "organisation",
    "volunteer",
    "other_officer",
    "anonymous",
)
#: The WCAG 2.1 A and AA rules of axe-core.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ORIGIN = "http://testserver"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


@dataclass(frozen=True)
class Visit:
    role: str
    route: str
    path: str


def _visits(world) -> list[Visit]:  # noqa: F811
    """Each route that answers 200 once as its most privileged role, public ones also anonymous."""
    visits = []
    for route, statuses in TABLE.items():
        if route.startswith("api/"):
            continue
        column = statuses.split()
        roles = [role for role in PRIVILEGE if column[ROLES.index(role)] == "200"]
        if not roles:
            continue
        path = _path(route, ARGS[route](world) if route in ARGS else {})
        for role in dict.fromkeys([roles[0], *(["anonymous"] if "anonymous" in roles else [])]):
            visits.append(Visit(role=role, route=route, path=path))
    return visits


#: A piece of a page that htmx fetches (a progress bar polled every two seconds) is checked as
#: the body of a document.
FRAGMENT = (
    '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Teil einer Seite</title>'
    "</head><body>{}</body></html>"
)


def _html(client: Client, path: str) -> str | None:
    response = client.get(path)
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return None
    html = response.content.decode()
    return html if html.lstrip()[:15].lower() == "<!doctype html>" else FRAGMENT.format(html)


def _slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "start"


def _needs(tool: Path, what: str) -> None:
    if tool.exists() and (what != "java" or shutil.which("java")):
        return
    if os.environ.get("CI"):
        pytest.fail(f"{tool.name} or java is missing; CI installs both (make assets, apt).")
    pytest.skip(f"{tool.name} or java is not installed here.")


def test_every_page_is_valid_html(world, tmp_path):  # noqa: F811
    """The Nu HTML checker (vnu-jar, the W3C's validator) finds no error on any page."""
    _needs(VNU, "java")
    files: dict[str, Visit] = {}
    clients = {role: _client(world, role) for role in ROLES}
    for number, visit in enumerate(_visits(world)):
        html = _html(clients[visit.role], visit.path)
        if html is not None:
            page = tmp_path / f"{number:04d}.html"
            page.write_text(html)
            files[page.name] = visit
    assert len(files) > 100, "the walk opened the site's pages"

    checked = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--exit-zero-always"]
        + sorted(str(tmp_path / name) for name in os.listdir(tmp_path)),
        capture_output=True,
        text=True,
        check=True,
    )
    errors = []
    for message in json.loads(checked.stderr)["messages"]:
        visit = files[Path(urlsplit(message["url"]).path).name]
        errors.append(
            f"{visit.path} ({visit.role}), line {message.get('lastLine')}: {message['message']}"
        )
    assert errors == [], "\n".join(errors)


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
            page.screenshot(path=shots / f"{name}-1280.jpg", full_page=True, quality=70)
        page.set_viewport_size(PHONE)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            findings.append(f"{visit.path} ({visit.role}): {width} px wide at 375 px")
        if shots:
            page.screenshot(path=shots / f"{name}-375.jpg", full_page=True, quality=70)
        page.set_viewport_size(DESKTOP)
    context.close()

    assert findings == [], "\n".join(findings)
