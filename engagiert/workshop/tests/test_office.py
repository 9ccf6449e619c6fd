"""The office runs the development workshop in the platform's own pages: cohorts and their
calls, the panel's scores, minutes, learning resources as files, the evaluation export, and the
questionnaire without a preselected »---------«."""

import datetime
import io
import re
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.registry.models import Authority
from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory
from engagiert.workshop.models import Cohort, PanelScore, Resource
from engagiert.workshop.tests.factories import (
    CohortApplicationFactory,
    CohortFactory,
    EvaluationResponseFactory,
    SessionFactory,
    selected_team,
    team_user,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _text(response: Any) -> str:
    return response.content.decode()


def _as(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _office(email: str = "buero@example.org", first: str = "Bea", last: str = "Büro") -> User:
    user = UserFactory(email=email, first_name=first, last_name=last)
    role_grant(user=user, role=Role.OFFICE)
    return user


def _error_at(text: str, field: str) -> str:
    found = re.search(rf'<p class="kern-error" id="id_{field}_error">(.*?)</p>', text, re.S)
    return re.sub(r"<[^>]+>|\s+", " ", found.group(1)).strip() if found else ""


# --- Cohorts and their calls ----------------------------------------------------------------


def test_the_office_creates_a_cohort_with_its_call_and_officers_can_apply(officer):
    office = _office()
    operator = OrganisationFactory(name="Katholisch-Soziales Institut")
    deadline = timezone.localtime() + datetime.timedelta(days=30)

    response = _as(office).post(
        "/werkstatt/neu/",
        {
            "number": "8",
            "title": "Zukunftsfaktor Bürgerengagement – Entwicklungswerkstatt",
            "starts_on": "2027-03-01",
            "ends_on": "2028-08-31",
            "max_sites": "12",
            "operator": operator.pk,
            "call_text": "Zwölf Kommunen entwickeln ihre Engagementstrategie.",
            "application_deadline": deadline.strftime("%Y-%m-%dT%H:%M"),
        },
        follow=True,
    )

    text = _text(response)
    assert "Der Durchgang ist gespeichert." in text
    assert "Zwölf Kommunen entwickeln ihre Engagementstrategie." in text
    assert "bis zu 12 Standorte" in text
    cohort = Cohort.objects.get(number=8)
    assert cohort.call_is_open
    listing = _text(_as(officer).get("/werkstatt/"))
    assert "Ausschreibung offen" in listing
    assert "2027–2028" in listing
    assert 'href="/werkstatt/8/bewerbung/"' in _text(_as(officer).get("/werkstatt/8/"))


def test_the_cohort_form_shows_german_errors_at_the_fields(officer):
    office = _office()

    response = _as(office).post(
        "/werkstatt/neu/", {"number": "", "starts_on": "2027-03-01", "ends_on": "2026-08-31"}
    )

    text = _text(response)
    assert response.status_code == 200
    assert _error_at(text, "number") == "Dieses Feld ist zwingend erforderlich."
    assert _error_at(text, "ends_on") == "Das Ende kann nicht vor dem Beginn liegen."
    assert "---------" not in text
    assert not Cohort.objects.exists()


def test_only_the_office_creates_and_edits_cohorts(officer):
    cohort = CohortFactory(number=9)

    assert _as(officer).get("/werkstatt/neu/").status_code == 403
    assert _as(officer).post("/werkstatt/9/bearbeiten/", {"number": "10"}).status_code == 403
    assert _as(officer).post("/werkstatt/9/ausschreibung/", {"close": "1"}).status_code == 403
    cohort.refresh_from_db()
    assert cohort.number == 9
    assert cohort.call_is_open


def test_the_office_closes_the_call_and_applying_is_refused(officer):
    office = _office()
    CohortFactory(number=9)

    closed = _as(office).post("/werkstatt/9/ausschreibung/", {"close": "1"}, follow=True)

    assert "Die Ausschreibung ist geschlossen" in _text(closed)
    assert not Cohort.objects.get(number=9).call_is_open
    assert "(abgelaufen)" in _text(_as(officer).get("/werkstatt/9/"))
    assert "/werkstatt/9/bewerbung/" not in _text(_as(officer).get("/werkstatt/9/"))


def test_opening_a_call_needs_a_deadline_ahead(officer):
    office = _office()
    cohort = CohortFactory(number=9, application_deadline=None)

    past = _as(office).post(
        "/werkstatt/9/ausschreibung/", {"application_deadline": "2020-01-01T12:00"}
    )
    assert _error_at(_text(past), "application_deadline") == (
        "Bitte geben Sie eine Frist in der Zukunft an."
    )
    cohort.refresh_from_db()
    assert cohort.application_deadline is None

    ahead = (timezone.localtime() + datetime.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
    _as(office).post("/werkstatt/9/ausschreibung/", {"application_deadline": ahead})
    cohort.refresh_from_db()
    assert cohort.call_is_open


def test_a_cohort_cannot_be_made_smaller_than_its_selected_sites():
    office = _office()
    cohort = CohortFactory(number=9, max_sites=3)
    for _n in range(2):
        selected_team(cohort)

    response = _as(office).post(
        "/werkstatt/9/bearbeiten/",
        {
            "number": "9",
            "title": cohort.title,
            "starts_on": "2026-01-15",
            "ends_on": "2027-06-30",
            "max_sites": "1",
            "operator": cohort.operator_id,
        },
    )

    assert _error_at(_text(response), "max_sites") == (
        "2 Standorte sind schon ausgewählt; kleiner kann der Durchgang nicht sein."
    )
    cohort.refresh_from_db()
    assert cohort.max_sites == 3


# --- The panel's scores ---------------------------------------------------------------------


@pytest.fixture
def two_applications() -> tuple[Cohort, list[Any]]:
    cohort = CohortFactory(number=9, max_sites=1)
    applications = [
        CohortApplicationFactory(cohort=cohort, authority=AuthorityFactory(name=name, kind=kind))
        for name, kind in [
            ("Ahausen", Authority.Kind.TOWN),
            ("Bedorf", Authority.Kind.MUNICIPALITY),
        ]
    ]
    return cohort, applications


def test_two_panel_members_score_and_the_selection_shows_average_and_count(two_applications):
    _cohort, (ahausen, bedorf) = two_applications
    bea, carl = _office(), _office("carl@example.org", "Carl", "Gremium")

    _as(bea).post(
        f"/werkstatt/9/auswahl/{ahausen.pk}/bewertung/", {"score": "5", "comment": "Klar."}
    )
    _as(carl).post(f"/werkstatt/9/auswahl/{ahausen.pk}/bewertung/", {"score": "4"})
    _as(carl).post(f"/werkstatt/9/auswahl/{bedorf.pk}/bewertung/", {"score": "1"})
    # Scoring again replaces one's own score.
    _as(carl).post(
        f"/werkstatt/9/auswahl/{bedorf.pk}/bewertung/", {"score": "2", "comment": "Vage."}
    )

    text = _text(_as(bea).get("/werkstatt/9/auswahl/"))
    rows = re.findall(r"<tr class=\"kern-table__row\">(.*?)</tr>", text, re.S)
    cells = [re.sub(r"<[^>]+>|\s+", " ", row).split() for row in rows[1:]]
    # Municipality, region and kind, average, number of scores, status, link.
    assert cells[0][0] == "Ahausen"
    assert cells[0][-5:-3] == ["4,5", "2"]
    assert cells[1][0] == "Bedorf"
    assert cells[1][-5:-3] == ["2,0", "1"]
    assert "Bea Büro: 5 – »Klar.«" in text
    assert "Carl Gremium: 2 – »Vage.«" in text
    assert PanelScore.objects.count() == 3
    # Balance beside the scores: regions and kinds of the applicants.
    assert "Gemeinde: 1 · Stadt (kreisangehörig): 1" in text


def test_a_score_is_required_with_a_german_message_and_only_the_panel_scores(
    two_applications, officer
):
    _cohort, (ahausen, _bedorf) = two_applications

    form = _as(_office()).get(f"/werkstatt/9/auswahl/{ahausen.pk}/bewertung/")
    missing = _as(_office("x@example.org")).post(
        f"/werkstatt/9/auswahl/{ahausen.pk}/bewertung/", {"comment": "ohne Zahl"}
    )
    refused = _as(officer).post(f"/werkstatt/9/auswahl/{ahausen.pk}/bewertung/", {"score": "5"})

    assert "Wir wollen Engagement in unserer Kommune strategisch fördern." in _text(form)
    assert " checked" not in _text(form)
    assert _error_at(_text(missing), "score") == "Bitte vergeben Sie eine Bewertung von 1 bis 5."
    assert refused.status_code == 403
    assert not PanelScore.objects.exists()


def test_selecting_stays_capped_by_the_cohort_size(two_applications):
    _cohort, applications = two_applications

    response = _as(_office()).post(
        "/werkstatt/9/auswahl/", {"selected": [a.pk for a in applications]}
    )

    assert "An diesem Durchgang kann höchstens 1 Standort teilnehmen." in _text(response)


# --- Learning resources as files, minutes ---------------------------------------------------


@pytest.fixture
def space() -> tuple[Cohort, User, User]:
    cohort = CohortFactory(number=9)
    team = team_user(selected_team(cohort, AuthorityFactory(name="Ahausen")))
    other = team_user(selected_team(CohortFactory(number=10), AuthorityFactory(name="Bedorf")))
    return cohort, team, other


def test_a_team_uploads_a_pdf_and_only_the_cohort_downloads_it(space):
    cohort, team, other = space
    upload = SimpleUploadedFile("leitfaden.pdf", PDF, content_type="application/pdf")

    response = _as(team).post(
        "/werkstatt/9/raum/lernquellen/",
        {"title": "Leitfaden Engagementstrategie", "tags": "Strategie", "file": upload},
        follow=True,
    )

    resource = Resource.objects.get()
    link = f"/werkstatt/9/raum/lernquellen/{resource.pk}/datei/"
    assert link in _text(response)
    download = _as(_office()).get(link)
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF
    assert _as(other).get(link).status_code == 404
    assert Client().get(link).status_code == 302


def test_a_word_document_is_accepted_and_a_disguised_page_refused(space):
    _cohort, team, _other = space
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    client = _as(team)

    disguised = client.post(
        "/werkstatt/9/raum/lernquellen/",
        {
            "title": "Falsch",
            "file": SimpleUploadedFile("seite.pdf", b"<html><script>alert(1)</script>"),
        },
    )
    neither = client.post("/werkstatt/9/raum/lernquellen/", {"title": "Leer"})
    word = client.post(
        "/werkstatt/9/raum/lernquellen/",
        {"title": "Checkliste", "file": SimpleUploadedFile("liste.docx", docx.getvalue())},
    )

    assert _error_at(_text(disguised), "file") == (
        "Diese Datei ist kein PDF. Bitte laden Sie eine PDF-Datei hoch."
    )
    assert _error_at(_text(neither), "url") == (
        "Bitte geben Sie einen Link an oder laden Sie eine Datei hoch."
    )
    assert word.status_code == 302
    resource = Resource.objects.get()
    download = client.get(f"/werkstatt/9/raum/lernquellen/{resource.pk}/datei/")
    assert download["Content-Type"].endswith("wordprocessingml.document")
    assert 'filename="Checkliste.docx"' in download["Content-Disposition"]


def test_the_office_keeps_minutes_and_the_cohort_reads_them(space):
    cohort, team, other = space
    SessionFactory(cohort=cohort, number=2, title="Beteiligung gestalten")
    minutes = SimpleUploadedFile("protokoll.pdf", PDF)

    saved = _as(_office()).post(
        "/werkstatt/9/raum/werkstaetten/2/protokoll/",
        {"minutes": "Die Teams vereinbaren einen Runden Tisch.", "minutes_file": minutes},
        follow=True,
    )
    refused = _as(team).post(
        "/werkstatt/9/raum/werkstaetten/2/protokoll/", {"minutes": "Überschrieben"}
    )

    assert "Das Protokoll ist gespeichert" in _text(saved)
    page = _text(_as(team).get("/werkstatt/9/raum/werkstaetten/2/"))
    assert "Die Teams vereinbaren einen Runden Tisch." in page
    assert "/werkstatt/9/raum/werkstaetten/2/protokoll/datei/" in page
    assert refused.status_code == 403
    file = _as(team).get("/werkstatt/9/raum/werkstaetten/2/protokoll/datei/")
    assert b"".join(file.streaming_content) == PDF
    assert _as(other).get("/werkstatt/9/raum/werkstaetten/2/protokoll/datei/").status_code == 404


# --- Evaluation: the form and the export ----------------------------------------------------


def test_the_questionnaire_has_no_preselected_placeholder_and_asks_in_german(space):
    _cohort, team, _other = space
    client = _as(team)

    form = _text(client.get("/werkstatt/9/evaluation/"))
    sent = _text(client.post("/werkstatt/9/evaluation/", {"phase": "start", "strategy": "4"}))

    assert "---------" not in form
    assert " checked" not in form
    assert form.count('type="radio" name="strategy"') == 5
    assert _error_at(sent, "cooperation") == "Bitte wählen Sie eine Antwort von 1 bis 5."
    assert _error_at(sent, "competence") == "Bitte wählen Sie eine Antwort von 1 bis 5."
    assert _error_at(sent, "strategy") == ""


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_office_exports_every_answer(fmt):
    cohort = CohortFactory(number=9)
    EvaluationResponseFactory(
        cohort=cohort, authority=AuthorityFactory(name="Ahausen"), comment="=Gut begleitet"
    )
    EvaluationResponseFactory(
        cohort=cohort, authority=AuthorityFactory(name="Bedorf"), phase="end", strategy=5
    )

    response = _as(_office()).get(f"/werkstatt/9/evaluation/export.{fmt}")

    if fmt == "csv":
        rows = [line.split(";") for line in response.content.decode("utf-8-sig").splitlines()]
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [[str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:5] == [
        "Kommune",
        "Fragebogen",
        "Strategische Verankerung",
        "Kooperation",
        "Kompetenz",
    ]
    # A comment that looks like a formula stays text: an apostrophe in CSV, a text cell in XLSX.
    comment = "'=Gut begleitet" if fmt == "csv" else "=Gut begleitet"
    assert rows[1][:6] == ["Ahausen", "Beginn des Durchgangs", "3", "4", "2", comment]
    assert rows[2][:3] == ["Bedorf", "Ende des Durchgangs", "5"]


def test_the_export_is_for_the_office_only(space):
    _cohort, team, _other = space
    evaluator = UserFactory()
    role_grant(user=evaluator, role=Role.ORGANISATION, organisation=_cohort.evaluator)

    assert _as(team).get("/werkstatt/9/evaluation/export.csv").status_code == 404
    assert _as(evaluator).get("/werkstatt/9/evaluation/export.csv").status_code == 404
    assert _as(_office()).get("/werkstatt/9/evaluation/export.pdf").status_code == 404
