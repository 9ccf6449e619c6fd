"""Real-browser tests: Playwright drives Debian's chromium against the live test server.

On a machine without /usr/bin/chromium they are skipped, except in CI (CI=true), where a
missing browser is an error: CI installs it and browser tests must never be skipped there.
"""

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; CI must install Debian's chromium.")
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium).")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls in the test
    # body are still synchronous and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-gpu",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab; it records every request that leaves the live server."""
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)  # CI machines are shared; be patient, not flaky
    server = urlsplit(live_server.url).netloc
    page.foreign_requests = []
    page.on(
        "request",
        lambda request: (
            urlsplit(request.url).netloc not in (server, "")
            and not request.url.startswith("data:")
            and page.foreign_requests.append(request.url)
        ),
    )
    yield page
    context.close()


@pytest.fixture
def demo(transactional_db):
    """The municipal register and the whole demo data (a module may define its own `demo`)."""
    from engagiert.demo.services import demo_load
    from engagiert.registry.services import registry_import_file
    from engagiert.registry.tests.conftest import REGISTRY_FILE

    registry_import_file(path=REGISTRY_FILE)
    demo_load()


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
