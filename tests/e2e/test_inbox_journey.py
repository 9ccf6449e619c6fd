"""The network office works through its inbox: a new membership application and a question
nobody answered wait there; one goes to a colleague, who finds it under »Nur mir zugewiesen«
and opens it by its link. The leader's and the team's start pages say what is true now."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import PASSWORD, TwoFactorFactory, UserFactory
from engagiert.demo.services import demo_load
from engagiert.knowledge.models import Question
from engagiert.knowledge.tests.factories import QuestionFactory
from engagiert.membership.tests.factories import ApplicationFactory
from engagiert.registry.models import Authority
from engagiert.registry.services import registry_import_file
from engagiert.registry.tests.conftest import REGISTRY_FILE
from tests.e2e.logins import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DUELMEN = "05558016"
QUESTION = "Wer hat Erfahrung mit einem digitalen Ehrenamtsmarktplatz?"


@pytest.fixture
def demo(transactional_db):
    registry_import_file(path=REGISTRY_FILE)
    demo_load()


def test_office_works_through_the_inbox(page, live_server, demo, screenshot):
    ApplicationFactory(authority=Authority.objects.get(ags=DUELMEN))
    question = QuestionFactory(title=QUESTION)
    Question.objects.filter(pk=question.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=6)
    )
    colleague = UserFactory(email="kollege@engagiert.example", first_name="Jonas", last_name="Berg")
    role_grant(user=colleague, role=Role.OFFICE)
    colleague_code = TwoFactorFactory(user=colleague)

    log_in(page, live_server, "buero@engagiert.example")
    inbox = page.get_by_role("region", name="Posteingang des Netzwerkbüros")
    expect(inbox).to_be_visible()
    waiting = inbox.get_by_role("list", name="Wartende Einträge")
    application = waiting.get_by_role("listitem").filter(has_text="Dülmen")
    expect(application).to_contain_text("Mitgliedsantrag")
    row = waiting.get_by_role("listitem").filter(has_text=QUESTION)
    expect(row).to_contain_text("Frage ohne Antwort")
    screenshot(page, "inbox-10-office")

    row.get_by_label("Zuständig").select_option(label="Jonas Berg")
    row.get_by_role("button", name="Zuweisen").click()
    expect(page.get_by_text("Jonas Berg zugewiesen.")).to_be_visible()
    row = page.get_by_role("listitem").filter(has_text=QUESTION)
    expect(row.get_by_label("Zuständig")).to_have_value(str(colleague.pk))
    log_out(page)

    log_in(page, live_server, colleague.email, password=PASSWORD, secret=colleague_code.secret)
    page.get_by_label("Nur mir zugewiesen").check()
    page.get_by_role("button", name="Anzeigen").click()
    waiting = page.get_by_role("list", name="Wartende Einträge")
    expect(waiting.get_by_role("listitem")).to_have_count(1)
    expect(waiting).to_contain_text(QUESTION)
    expect(waiting).not_to_contain_text("Dülmen")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "inbox-11-assigned-to-me-375")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    waiting.get_by_role("link", name=QUESTION).click()
    expect(page).to_have_url(re.compile(rf"/wissen/fragen/{question.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(QUESTION)


def test_leader_and_team_read_the_true_state(page, live_server, demo, screenshot):
    log_in(page, live_server, "buergermeisterin-menden@engagiert.example")
    events = page.get_by_role("region", name="Ihre nächsten Veranstaltungen")
    expect(events).to_contain_text("Die Einladung zum Spitzentreffen am")
    expect(events.get_by_role("link", name="Spitzentreffen 2027")).to_be_visible()
    expect(page.get_by_text("künftig")).to_have_count(0)
    screenshot(page, "inbox-20-leader")
    log_out(page)

    log_in(page, live_server, "team-luenen@engagiert.example")
    workshop = page.get_by_role("region", name="Entwicklungswerkstatt")
    space = workshop.get_by_role("link", name=re.compile("Raum des Teams Lünen"))
    expect(space).to_be_visible()
    expect(workshop).to_contain_text("offen")
    expect(page.get_by_text("sobald Ihr Durchgang beginnt")).to_have_count(0)
    screenshot(page, "inbox-21-team")
    space.click()
    expect(page).to_have_url(re.compile(r"/werkstatt/\d+/raum/$"))
