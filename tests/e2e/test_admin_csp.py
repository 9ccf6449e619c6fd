"""The admin works under its content security policy: no violation on its busiest pages."""

import pytest

from engagiert.accounts.tests.factories import PASSWORD, TwoFactorFactory, UserFactory
from engagiert.demo.data import DEMO_TOTP_SECRET
from engagiert.events.tests.factories import EventFactory
from tests.e2e.logins import enter_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADMIN_PAGES = [
    "/admin/",
    "/admin/events/event/",
    "/admin/events/event/add/",
    "/admin/accounts/user/",
    "/admin/membership/profile/",
]


def test_admin_pages_load_without_csp_violations(page, live_server):
    admin = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    TwoFactorFactory(user=admin, secret=DEMO_TOTP_SECRET)
    event = EventFactory()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and violations.append(message.text)
        ),
    )

    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill("admin@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    enter_code(page)
    page.get_by_role("link", name="Abmelden").or_(page.locator("#logout-form")).first.wait_for()
    for path in [*ADMIN_PAGES, f"/admin/events/event/{event.pk}/change/"]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    # The date widget's calendar is drawn by script: open it once.
    page.goto(f"{live_server.url}/admin/events/event/add/")
    page.locator(".datetimeshortcuts a").first.click()

    assert violations == []
