"""The office runs the development workshop and the declaration in the platform's own pages:
it creates a cohort with its call, scores two applications as a member of the panel, and
records a new signing wave with a signatory. A team answers the evaluation questionnaire,
which preselects no »---------« and asks for a missing answer at the question."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from engagiert.accounts import twofactor
from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import PASSWORD, UserFactory
from engagiert.demo.data import DEMO_TOTP_SECRET
from engagiert.membership.models import Signature
from engagiert.membership.tests.factories import (
    DeclarationFactory,
    LeaderFactory,
    MembershipFactory,
    SigningWaveFactory,
)
from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory
from engagiert.workshop.models import Cohort, PanelScore
from engagiert.workshop.tests.factories import (
    CohortApplicationFactory,
    CohortFactory,
    selected_team,
    team_user,
)
from tests.e2e.logins import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(transactional_db):
    """The office, an operator, cohort 11 with two applications, a member with its mayor and
    the declaration signed in 2016."""
    user = UserFactory(email="buero@example.org", first_name="Bea", last_name="Büro", is_demo=True)
    role_grant(user=user, role=Role.OFFICE)
    twofactor.two_factor_seed(user=user, secret=DEMO_TOTP_SECRET)
    OrganisationFactory(name="Katholisch-Soziales Institut")
    closed = CohortFactory(number=11, application_deadline=timezone.now())
    for name in ("Ahausen", "Bedorf"):
        CohortApplicationFactory(cohort=closed, authority=AuthorityFactory(name=name))
    member = AuthorityFactory(name="Cedorf")
    MembershipFactory(authority=member)
    LeaderFactory(authority=member, name="Petra Beispiel", office="mayor")
    SigningWaveFactory(
        declaration=DeclarationFactory(version="2012"),
        date=datetime.date(2016, 6, 1),
        occasion="Drittunterzeichnung",
    )
    return user


def test_the_office_creates_a_cohort_scores_applications_and_records_a_wave(
    page, live_server, office, screenshot
):
    log_in(page, live_server, office.email, password=PASSWORD)

    # A new cohort with its call.
    page.goto(live_server.url + "/werkstatt/")
    page.get_by_role("link", name="Neuer Durchgang").click()
    page.get_by_label("Nummer").fill("12")
    page.get_by_label("Beginn").fill("2027-03-01")
    page.get_by_label("Ende").fill("2028-08-31")
    page.get_by_label("Höchstzahl der Standorte").fill("12")
    page.get_by_label("Träger", exact=True).select_option(label="Katholisch-Soziales Institut")
    page.get_by_label(re.compile("^Ausschreibung")).fill(
        "Zwölf Kommunen entwickeln ihre Engagementstrategie."
    )
    page.get_by_label(re.compile("^Bewerbungen bis")).fill("2027-01-15T18:00")
    screenshot(page, "60-workshop-cohort-form")
    page.get_by_role("button", name="Durchgang speichern").click()
    expect(page.get_by_text("Der Durchgang ist gespeichert.")).to_be_visible()
    expect(page.get_by_text("Zwölf Kommunen entwickeln ihre Engagementstrategie.")).to_be_visible()
    expect(page.get_by_role("button", name="Ausschreibung jetzt schließen")).to_be_visible()
    assert Cohort.objects.get(number=12).call_is_open

    # The panel member scores two applications.
    page.goto(live_server.url + "/werkstatt/11/auswahl/")
    for name, score, comment in (("Ahausen", "5", "Klares Ziel."), ("Bedorf", "2", "")):
        page.get_by_role("link", name=f"Bewertung {name}").click()
        page.get_by_label(score, exact=True).check()
        page.get_by_label(re.compile("^Kommentar")).fill(comment)
        page.get_by_role("button", name="Bewertung speichern").click()
        expect(page.get_by_text(f"Ihre Bewertung für {name} ist gespeichert.")).to_be_visible()
    row = page.get_by_role("row", name=re.compile("Ahausen"))
    expect(row.get_by_role("cell", name="5,0")).to_be_visible()
    expect(
        page.get_by_role("row", name=re.compile("Bedorf")).get_by_role("cell", name="2,0")
    ).to_be_visible()
    screenshot(page, "61-workshop-panel-scores")
    assert PanelScore.objects.count() == 2

    # A new signing wave of the joint declaration, and who signed in it.
    page.goto(live_server.url + "/netzwerk/erklaerung/")
    page.get_by_role("link", name="Neue Unterzeichnung").click()
    page.get_by_label("Anlass").fill("Viertunterzeichnung")
    page.get_by_label("Datum", exact=True).fill("2026-11-12")
    page.get_by_label(re.compile("^Ort")).fill("Düsseldorf")
    page.get_by_role("button", name="Unterzeichnung speichern").click()
    expect(page.get_by_text("Die Unterzeichnung ist gespeichert")).to_be_visible()
    page.get_by_label(re.compile("^Kommune")).select_option(label="Cedorf")
    page.get_by_role("button", name="Unterschrift eintragen").click()
    expect(page.get_by_text("Die Unterschrift ist eingetragen.")).to_be_visible()
    expect(page.get_by_text("Petra Beispiel")).to_be_visible()
    screenshot(page, "62-declaration-wave")
    page.goto(live_server.url + "/netzwerk/erklaerung/")
    wave = page.locator(
        "section", has=page.get_by_role("heading", name=re.compile("Viertunterzeichnung"))
    )
    expect(wave.get_by_role("link", name="Cedorf")).to_be_visible()
    assert Signature.objects.get(authority__name="Cedorf").wave.occasion == "Viertunterzeichnung"
    assert page.foreign_requests == []


def test_the_questionnaire_preselects_nothing_and_asks_for_a_missing_answer(
    page, live_server, transactional_db, screenshot
):
    team = team_user(selected_team(CohortFactory(number=13), AuthorityFactory(name="Dedorf")))
    log_in(page, live_server, team.email, password=PASSWORD)

    page.goto(live_server.url + "/werkstatt/13/evaluation/")
    expect(page.get_by_text("---------")).to_have_count(0)
    expect(page.locator("input[type=radio]:checked")).to_have_count(0)
    page.get_by_label("Beginn des Durchgangs").check()
    strategy = page.get_by_role("group", name=re.compile("strategisch verankert"))
    strategy.get_by_label("4", exact=True).check()
    page.get_by_role("button", name="Antworten senden").click()
    cooperation = page.get_by_role("group", name=re.compile("Zivilgesellschaft"))
    expect(cooperation.get_by_text("Bitte wählen Sie eine Antwort von 1 bis 5.")).to_be_visible()
    expect(strategy.get_by_label("4", exact=True)).to_be_checked()
    screenshot(page, "63-workshop-evaluation-error")
    cooperation.get_by_label("3", exact=True).check()
    page.get_by_role("group", name=re.compile("kompetent")).get_by_label("5", exact=True).check()
    page.get_by_role("button", name="Antworten senden").click()
    expect(page.get_by_text("Vielen Dank – Ihre Antworten sind gespeichert.")).to_be_visible()
    log_out(page)
