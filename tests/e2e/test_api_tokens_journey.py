"""The office issues an API token to an association, copies the key from the page, the
association's software writes an opportunity with it; the office revokes it and the same
request is refused."""

import json
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import TwoFactorFactory, UserFactory
from engagiert.demo.data import DEMO_PASSWORD, DEMO_TOTP_SECRET
from engagiert.opportunities.models import Opportunity
from engagiert.opportunities.tests.factories import ProviderFactory
from engagiert.registry.tests.factories import AuthorityFactory, TopicFactory
from tests.e2e.logins import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _post_opportunity(url: str, secret: str, ags: str) -> tuple[int, dict]:
    body = {
        "title": "Lernpatenschaft in der Gesamtschule",
        "description": "Einmal pro Woche bei den Hausaufgaben helfen.",
        "topic": "bildung",
        "authority": ags,
        "contact_name": "Petra Vogel",
        "contact_email": "petra@example.org",
    }
    request = urllib.request.Request(
        url + "/api/v1/own/opportunities/",
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_issue_copy_use_and_revoke_a_token(page, live_server, screenshot):
    office = UserFactory(email="buero@engagiert.example", password=DEMO_PASSWORD)
    role_grant(user=office, role=Role.OFFICE)
    TwoFactorFactory(user=office, secret=DEMO_TOTP_SECRET)
    authority = AuthorityFactory(name="Kamp-Lintfort", ags="05170020")
    provider = ProviderFactory(
        organisation__name="Lernhilfe Kamp-Lintfort e.V.", authority=authority
    )
    TopicFactory(name="Bildung", slug="bildung")

    log_in(page, live_server, office.email)
    page.goto(live_server.url + "/schnittstellen/")
    expect(page.get_by_text("Noch kein API-Token ausgestellt.")).to_be_visible()
    page.get_by_role("link", name="Token ausstellen").click()
    page.get_by_label("Name").fill("Vereinsverwaltung")
    page.get_by_label("eine Organisation").check()
    page.locator("#id_organisation").select_option(label=str(provider.organisation))
    page.get_by_label("Engagementangebote der eigenen Organisation schreiben").check()
    screenshot(page, "90-api-token-form")
    page.get_by_role("button", name="Token ausstellen").click()

    expect(page.get_by_role("heading", name="Der API-Token ist ausgestellt")).to_be_visible()
    screenshot(page, "91-api-token-issued")
    secret = page.get_by_label("Schlüssel").input_value()
    assert secret.startswith("ek_")

    status, answer = _post_opportunity(live_server.url, secret, authority.ags)
    assert status == 201
    assert Opportunity.objects.get(pk=answer["id"]).provider == provider

    page.get_by_role("link", name="Zurück zu den Tokens").click()
    row = page.get_by_role("row", name="Vereinsverwaltung")
    expect(row.get_by_text("aktiv")).to_be_visible()
    screenshot(page, "92-api-token-list")
    row.get_by_role("link", name="Widerrufen").click()
    screenshot(page, "93-api-token-revoke")
    page.get_by_role("button", name="Token widerrufen").click()
    expect(page.get_by_text("Der Token ist widerrufen; er öffnet nichts mehr.")).to_be_visible()
    expect(
        page.get_by_role("row", name="Vereinsverwaltung").get_by_text("widerrufen am")
    ).to_be_visible()

    status, answer = _post_opportunity(live_server.url, secret, authority.ags)
    assert status == 401
    assert answer["detail"] == "Dieser API-Token wurde widerrufen."
    assert Opportunity.objects.count() == 1

    phone = page.context.browser.new_context(locale="de-DE", viewport={"width": 375, "height": 800})
    small = phone.new_page()
    log_in(small, live_server, office.email)
    small.goto(live_server.url + "/schnittstellen/")
    expect(small.get_by_role("heading", name="API-Tokens")).to_be_visible()
    screenshot(small, "94-api-token-list-phone")
    small.goto(live_server.url + "/schnittstellen/tokens/neu/")
    screenshot(small, "95-api-token-form-phone")
    phone.close()
    assert page.foreign_requests == []
