import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from engagiert.accounts.models import Role
from engagiert.core import uploads
from engagiert.membership.tests.factories import MembershipFactory
from engagiert.registry.tests.factories import TopicFactory

from .. import measure_queries
from ..measure_queries import GoalState, goal_status, reached_stage
from ..models import Evidence, Goal, Indicator, Measure
from .conftest import user_with
from .factories import IndicatorFactory, IndicatorValueFactory
from .measure_factories import EvidenceFactory, GoalFactory, MeasureFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _detail(measure: Measure) -> str:
    return reverse("impact:measure_detail", args=[measure.authority_id, measure.pk])


@pytest.fixture
def other(db):
    """A second member town and its engagement officer."""
    town = MembershipFactory(authority__name="Bedorf").authority
    return town, user_with(Role.OFFICER, authority=town)


# --- The reached stage ----------------------------------------------------------------------


def test_reached_stage_is_the_highest_stage_with_evidence():
    assert reached_stage([]) == 0
    assert reached_stage([1, 2]) == 2
    assert reached_stage([3, 1, 5]) == 5  # a gap below does not hold a measure down


@pytest.mark.django_db
def test_ladder_marks_the_stages_up_to_the_highest_evidence(member, officer):
    measure = MeasureFactory(authority=member)
    EvidenceFactory(measure=measure, stage=1)
    EvidenceFactory(measure=measure, stage=3)
    steps = measure_queries.ladder(measure)
    assert [step.reached for step in steps] == [True, True, True, False, False, False, False]
    assert [len(step.evidence) for step in steps] == [1, 0, 1, 0, 0, 0, 0]
    assert [step.level for step in steps] == ["output"] * 3 + ["outcome"] * 3 + ["impact"]
    listed = measure_queries.summaries(measure_queries.measures_of(member, officer))
    assert (listed[0].reached, listed[0].stage_label) == (3, "Zielgruppen akzeptieren die Angebote")


# --- Goals ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("higher_is_better", "values", "state", "compared"),
    [
        (True, {2026: "120"}, GoalState.REACHED, 2026),
        (True, {2026: "100"}, GoalState.REACHED, 2026),  # the target itself reaches it
        (True, {2026: "80"}, GoalState.NOT_YET, 2026),
        (False, {2026: "80"}, GoalState.REACHED, 2026),  # lower is better
        (False, {2026: "120"}, GoalState.NOT_YET, 2026),
        (True, {2024: "90", 2025: "110"}, GoalState.REACHED, 2025),  # latest before the year
        (True, {2027: "500"}, GoalState.NO_VALUE, None),  # a later year does not count
        (True, {}, GoalState.NO_VALUE, None),
    ],
)
def test_goal_status_follows_the_indicators_direction(higher_is_better, values, state, compared):
    goal = Goal(year=2026, target=Decimal(100))
    by_year = {year: Decimal(value) for year, value in values.items()}
    status = goal_status(goal, by_year, higher_is_better=higher_is_better)
    assert (status.state, status.value_year) == (state, compared)


@pytest.mark.django_db
def test_officer_sets_a_goal_and_the_dashboard_shows_it_against_the_value(client, officer, member):
    budget = Indicator.objects.get(key="budget-engagement")
    for year, value in ((2024, 8000), (2025, 9500)):
        IndicatorValueFactory(indicator=budget, authority=member, year=year, value=value)
    client.force_login(officer)
    url = reverse("impact:goals", args=[member.ags])
    refused = client.post(url, {"indicator": "budget-engagement", "year": "2025", "target": "-1"})
    assert "größer oder gleich 0" in refused.text
    form = {"indicator": "budget-engagement", "year": "2025", "target": "12.000"}
    assert client.post(url, form).status_code == 302
    assert client.post(url, {**form, "target": "9.000"}).status_code == 302  # changed, not added
    assert Goal.objects.get().target == Decimal(9000)

    page = client.get(reverse("impact:authority", args=[member.ags])).text
    goals = page.split('id="goals-heading"')[1].split("</section>")[0]
    assert "Ziele von Ahausen" in goals
    assert re.search(
        r"Budget für Engagementförderung</th>.*?2025.*?9\.000.*?9\.500.*?erreicht", goals, re.S
    )
    svg = re.search(
        r"<desc[^>]*>2024: 8\.000 Euro; 2025: 9\.500 Euro; Ziel 2025: 9\.000 Euro</desc>", page
    )
    assert svg is not None
    assert 'class="impact-chart__goal"' in page


@pytest.mark.django_db
def test_a_goal_on_a_lower_is_better_indicator_is_reached_below_the_target(member):
    waiting = IndicatorFactory(higher_is_better=False, unit="count")
    IndicatorValueFactory(indicator=waiting, authority=member, year=2025, value=12)
    GoalFactory(authority=member, indicator=waiting, year=2025, target=15)
    GoalFactory(authority=member, indicator=waiting, year=2024, target=15)
    rows = measure_queries.goal_rows(member)
    assert [(row.goal.year, row.state) for row in rows] == [
        (2024, GoalState.NO_VALUE),
        (2025, GoalState.REACHED),
    ]


# --- Recording measures and evidence -------------------------------------------------------


@pytest.mark.django_db
def test_officer_records_a_measure_and_climbs_the_ladder_with_evidence(client, officer, member):
    topic = TopicFactory(name="Freies Engagement")
    client.force_login(officer)
    create = reverse("impact:measure_create", args=[member.ags])
    form = {
        "title": "Ehrenamtsbörse",
        "description": "Zweimal im Jahr",
        "topic": topic.pk,
        "start_year": "2024",
        "end_year": "2023",
        "indicators": [Indicator.objects.get(key="budget-engagement").pk],
    }
    refused = client.post(create, form)
    assert "Die Maßnahme kann nicht enden, bevor sie beginnt." in refused.text
    response = client.post(create, {**form, "end_year": ""})
    measure = Measure.objects.get()
    assert response["Location"] == _detail(measure)
    assert measure.created_by == officer

    url = reverse("impact:evidence_create", args=[member.ags, measure.pk])
    evidence = {"stage": "3", "kind": "figure", "text": "Vermittlungen", "date": "2025-10-11"}
    missing = client.post(url, evidence, headers={"HX-Request": "true"})
    assert "Geben Sie den Wert der Kennzahl an." in missing.text
    added = client.post(url, {**evidence, "value": "57"}, headers={"HX-Request": "true"})
    assert added.templates[0].name == "impact/_ladder_panel.html"
    assert "Erreicht: Stufe 3 von 7 – Zielgruppen akzeptieren die Angebote (Output)." in added.text
    assert added.text.count("impact-ladder__step--reached") == 3
    assert "Der Nachweis wurde hinzugefügt." in added.text

    page = client.get(_detail(measure)).text
    assert "nicht veröffentlicht" in page
    assert "Vermittlungen – <strong>57</strong>" in page


@pytest.mark.django_db
def test_evidence_documents_are_checked_by_content_and_size(client, officer, member, monkeypatch):
    measure = MeasureFactory(authority=member)
    client.force_login(officer)
    url = reverse("impact:evidence_create", args=[member.ags, measure.pk])
    form = {"stage": "4", "kind": "document", "text": "Befragung", "date": "2025-10-11"}
    assert "Fügen Sie das Dokument bei." in client.post(url, form).text
    fake = SimpleUploadedFile("bericht.pdf", b"<html>kein PDF</html>", "application/pdf")
    assert (
        "Laden Sie eine PDF-, PNG- oder JPEG-Datei hoch."
        in client.post(url, {**form, "file": fake}).text
    )
    monkeypatch.setattr(uploads, "MAX_DOCUMENT_BYTES", 20)
    big = SimpleUploadedFile("bericht.pdf", PDF, "application/pdf")
    assert "Die Datei ist größer als" in client.post(url, {**form, "file": big}).text
    assert not Evidence.objects.exists()

    monkeypatch.setattr(uploads, "MAX_DOCUMENT_BYTES", 10 * 2**20)
    photo = SimpleUploadedFile("../../abend.png", PNG, "image/png")
    assert client.post(url, {**form, "file": photo}).status_code == 302
    stored = Evidence.objects.get()
    assert re.fullmatch(r"wirkung/\d+/nachweis-[0-9a-f]{12}\.png", stored.file.name)
    served = client.get(reverse("impact:evidence_file", args=[member.ags, measure.pk, stored.pk]))
    assert (served["Content-Type"], served["X-Content-Type-Options"]) == ("image/png", "nosniff")
    assert b"".join(served.streaming_content) == PNG


# --- Permissions per object ----------------------------------------------------------------


@pytest.mark.django_db
def test_another_municipalitys_officer_neither_sees_nor_changes_unpublished_work(
    client, member, other
):
    measure = MeasureFactory(authority=member, title="Geheimprojekt")
    evidence = EvidenceFactory(measure=measure, kind="document", file="wirkung/x/nachweis.pdf")
    goal = GoalFactory(authority=member, indicator=Indicator.objects.get(key="staff-fte"))
    _town, stranger = other
    client.force_login(stranger)
    ags, pk = member.ags, measure.pk
    assert client.get(_detail(measure)).status_code == 404
    assert client.get(reverse("impact:measure_edit", args=[ags, pk])).status_code == 404
    assert client.post(reverse("impact:measure_delete", args=[ags, pk])).status_code == 404
    assert client.post(reverse("impact:evidence_create", args=[ags, pk])).status_code == 404
    file_url = reverse("impact:evidence_file", args=[ags, pk, evidence.pk])
    assert client.get(file_url).status_code == 404
    delete_evidence = reverse("impact:evidence_delete", args=[ags, pk, evidence.pk])
    assert client.post(delete_evidence).status_code == 404
    assert client.get(reverse("impact:goals", args=[ags])).status_code == 403
    goal_form = {"indicator": "staff-fte", "year": "2026", "target": "9"}
    assert client.post(reverse("impact:goals", args=[ags]), goal_form).status_code == 403
    assert client.post(reverse("impact:goal_delete", args=[ags, goal.pk])).status_code == 403
    listing = client.get(reverse("impact:measure_list", args=[ags])).text
    assert "Geheimprojekt" not in listing
    assert Measure.objects.filter(pk=pk).exists()
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    assert Goal.objects.get().target == Decimal(100)


@pytest.mark.django_db
def test_a_published_measure_is_seen_by_the_network_without_the_goals(client, member, other):
    budget = Indicator.objects.get(key="budget-engagement")
    measure = MeasureFactory(authority=member, title="Ehrenamtsbörse", is_published=True)
    measure.indicators.set([budget])
    GoalFactory(authority=member, indicator=budget, year=2027, target=Decimal(31_415))
    IndicatorValueFactory(indicator=budget, authority=member, year=2025, value=27_182)
    _town, stranger = other
    client.force_login(stranger)
    page = client.get(_detail(measure)).text
    assert "Ehrenamtsbörse" in page
    assert "31.415" not in page
    assert "27.182" not in page
    assert "Nachweis hinzufügen" not in page
    edit = reverse("impact:measure_edit", args=[member.ags, measure.pk])
    assert client.get(edit).status_code == 403
    network = client.get(reverse("impact:measures_published")).text
    assert "Ehrenamtsbörse" in network
    assert "Ahausen" in network
    authority_page = client.get(member.get_absolute_url()).text
    assert "Maßnahmen auf der Wirkungstreppe" in authority_page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "detail", "edit", "goals"),
    [
        ("officer", 200, 200, 200),
        ("leader", 200, 403, 200),
        ("development_team", 200, 403, 200),
        ("card_staff", 404, 404, 403),
        ("office", 200, 200, 200),
    ],
)
def test_measure_roles(client, member, role, detail, edit, goals):
    measure = MeasureFactory(authority=member)
    where = {} if role == "office" else {"authority": member}
    client.force_login(user_with(Role(role), **where))
    assert client.get(_detail(measure)).status_code == detail
    assert (
        client.get(reverse("impact:measure_edit", args=[member.ags, measure.pk])).status_code
        == edit
    )
    assert client.get(reverse("impact:goals", args=[member.ags])).status_code == goals


@pytest.mark.django_db
def test_officer_changes_the_title_of_a_measure_and_it_is_stored(client, officer, member):
    measure = MeasureFactory(authority=member, title="Ehrenamtsbörse", start_year=2024)
    client.force_login(officer)

    response = client.post(
        reverse("impact:measure_edit", args=[member.ags, measure.pk]),
        {"title": "Ehrenamtsbörse im Rathaus", "topic": TopicFactory().pk, "start_year": "2024"},
    )

    assert response.status_code == 302
    assert Measure.objects.get(pk=measure.pk).title == "Ehrenamtsbörse im Rathaus"


@pytest.mark.django_db
def test_officer_deletes_a_measure_with_its_files(
    client, officer, member, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    measure = MeasureFactory(authority=member)
    client.force_login(officer)
    url = reverse("impact:evidence_create", args=[member.ags, measure.pk])
    upload = SimpleUploadedFile("a.pdf", PDF, "application/pdf")
    form = {"stage": "1", "kind": "document", "text": "Protokoll", "date": "2025-01-01"}
    client.post(url, {**form, "file": upload})
    stored = tmp_path / Evidence.objects.get().file.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("impact:measure_delete", args=[member.ags, measure.pk]))
    assert response["Location"] == reverse("impact:measure_list", args=[member.ags])
    assert not Measure.objects.exists()
    assert not stored.exists()


# --- Lists and exports ----------------------------------------------------------------------


def _measures_with_evidence(member, count: int) -> None:
    topic = TopicFactory()
    indicator = Indicator.objects.get(key="budget-engagement")
    for index in range(count):
        measure = MeasureFactory(authority=member, topic=topic, is_published=index % 2 == 0)
        measure.indicators.set([indicator])
        for stage in range(1, index % 7 + 2):
            EvidenceFactory(measure=measure, stage=min(stage, 7))


@pytest.mark.django_db
def test_measure_lists_run_constant_queries(client, officer, member, django_assert_max_num_queries):
    client.force_login(officer)
    urls = [
        reverse("impact:measure_list", args=[member.ags]),
        reverse("impact:measures_published"),
        reverse("impact:measure_export", args=[member.ags, "csv"]),
        member.get_absolute_url(),
    ]
    counts = []
    for count in (2, 12):
        _measures_with_evidence(member, count)
        for url in urls:
            with django_assert_max_num_queries(30) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
    assert counts[:4] == counts[4:]


@pytest.mark.django_db
def test_measures_export_names_the_reached_stage(client, officer, member):
    measure = MeasureFactory(authority=member, title="=HYPERLINK(1)", start_year=2014)
    EvidenceFactory(measure=measure, stage=2)
    EvidenceFactory(measure=measure, stage=5)
    client.force_login(officer)
    csv = client.get(reverse("impact:measure_export", args=[member.ags, "csv"]))
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Maßnahme;Themenschwerpunkt;Seit;Bis")
    assert lines[1].startswith(
        "'=HYPERLINK(1);;2014;;;nein;5;Zielgruppen ändern ihr Handeln;Outcome;2"
    )
    xlsx = client.get(reverse("impact:measure_export", args=[member.ags, "xlsx"]))
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert rows[1][6:9] == (5, "Zielgruppen ändern ihr Handeln", "Outcome")


@pytest.mark.django_db
def test_published_list_filters_by_topic_as_an_htmx_fragment(client, officer, member):
    wanted, other_topic = TopicFactory(name="Junge Menschen"), TopicFactory(name="Digitalisierung")
    MeasureFactory(authority=member, title="Schulprojekt", topic=wanted, is_published=True)
    MeasureFactory(
        authority=member, title="Digitalsprechstunde", topic=other_topic, is_published=True
    )
    MeasureFactory(authority=member, title="Entwurf", topic=wanted)
    client.force_login(officer)
    url = reverse("impact:measures_published") + f"?thema={wanted.slug}"
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert fragment.templates[0].name == "impact/_measure_results.html"
    assert "Schulprojekt" in fragment.text
    assert "Digitalsprechstunde" not in fragment.text
    assert "Entwurf" not in fragment.text


@pytest.mark.django_db
def test_demo_measures_stand_on_different_stages(db):
    from engagiert.demo.impact import MANUAL_VALUES, impact_load

    for name in MANUAL_VALUES:
        MembershipFactory(
            authority__name=name, authority__kind="stadt", since=datetime.date(2012, 12, 1)
        )
    impact_load()
    impact_load()
    reached = {m.title: m.reached for m in measure_queries.published_measures()}
    assert reached["Ehrenamtsbörse Kamp-Lintfort"] == 4
    assert reached["Ehrenamtskarte Arnsberg"] == 5
    assert reached["Beratungssprechstunde der Freiwilligenagentur"] == 2
    assert Measure.objects.count() == 6
    assert Goal.objects.count() == 6


def test_line_chart_draws_each_goal_as_a_labelled_dashed_line():
    from ..charts import Point, line_chart

    svg = line_chart(
        "Budget",
        [Point("2024", 8000), Point("2025", 9500)],
        unit="Euro",
        goals=[Point("Ziel 2026", 12000), Point("Ziel 2027", 11000)],
    )
    assert "2025: 9.500 Euro; Ziel 2026: 12.000 Euro; Ziel 2027: 11.000 Euro</desc>" in svg
    assert svg.count('class="impact-chart__goal"') == 2
    assert ">Ziel 2026: 12.000</text>" in svg
    assert ">Ziel 2027: 11.000</text>" in svg
