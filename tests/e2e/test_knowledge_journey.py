"""A visitor searches in German; a member asks the network; an officer finds peers."""

import pytest

from engagiert.demo.services import demo_load
from engagiert.knowledge.models import Question
from engagiert.registry.services import registry_import_file
from engagiert.registry.tests.conftest import REGISTRY_FILE
from tests.e2e.logins import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    registry_import_file(path=REGISTRY_FILE)
    demo_load()


def test_visitor_searches_and_member_asks(page, live_server, demo, screenshot):
    page.goto(live_server.url + "/suche/?q=Fl%C3%BCchtlinge")
    page.get_by_role("link", name="Freies Engagement: fünf zentrale Ergebnisse").wait_for()
    assert page.locator("mark").first.inner_text().lower().startswith("flüchtling")
    assert "Handlungsempfehlungen für Engagementverantwortliche" not in page.content()
    page.locator("#id_q").fill("Engagementstrategien")
    page.get_by_role("button", name="Suche").click()
    page.get_by_role(
        "link", name="Warum eine Engagementstrategie vor Ort für Kommunen wichtig ist"
    ).wait_for()
    screenshot(page, "50-search")

    log_in(page, live_server, "arnsberg@engagiert.example")
    page.goto(live_server.url + "/suche/?q=Handlungsempfehlungen")
    page.get_by_role(
        "link", name="Handlungsempfehlungen für Engagementverantwortliche in Kommunen"
    ).wait_for()
    page.goto(live_server.url + "/wissen/fragen/")
    page.locator("#id_title").fill("Wie binden Sie Vereine in die Engagementstrategie ein?")
    page.locator("#id_body").fill("Wir planen einen Runden Tisch und suchen Erfahrungen.")
    page.get_by_role("button", name="Fragen", exact=True).click()
    page.get_by_role(
        "heading", name="Wie binden Sie Vereine in die Engagementstrategie ein?"
    ).wait_for()
    assert Question.objects.filter(title__startswith="Wie binden Sie Vereine").exists()
    page.goto(
        live_server.url + "/wissen/kommunen-wie-meine/?ags=05958004&thema=engagementstrategie"
    )
    page.get_by_text("gleiche Art").first.wait_for()
    screenshot(page, "51-peers")
    assert page.foreign_requests == []
