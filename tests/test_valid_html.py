"""Every page of the site, as the roles that may open it, is valid HTML (the Nu HTML checker);
tests/e2e/test_every_page.py puts the same pages through axe-core in a browser.

The pages are the routes of the URL × role table (tests/test_url_matrix.py) that answer 200 with
HTML. Each route is checked as the most privileged role that may open it (the office first, the
anonymous visitor last), and every public page once more as an anonymous visitor (another
navigation, other panels), so a new page is checked as soon as the table lists it.
"""

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
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

ROOT = Path(__file__).resolve().parents[1]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
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
