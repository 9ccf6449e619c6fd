import datetime
import io
from decimal import Decimal

import pypdf
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from engagiert.events.tests.factories import EventFactory, RegistrationFactory
from engagiert.knowledge.tests.factories import KnowledgeItemFactory
from engagiert.membership.tests.factories import MembershipFactory

from .. import assessment_queries, assessment_services, report_services
from ..models import NetworkReport

YEAR = timezone.localdate().year


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def network(member):
    """Four members (one new this year), an event, a featured practice example, answers."""
    for since in (datetime.date(2015, 3, 1), datetime.date(2019, 6, 1), datetime.date(YEAR, 2, 1)):
        MembershipFactory(since=since)
    event = EventFactory(
        starts_at=timezone.make_aware(datetime.datetime(YEAR, 3, 5, 10)),
        ends_at=timezone.make_aware(datetime.datetime(YEAR, 3, 5, 16)),
    )
    RegistrationFactory.create_batch(3, event=event, authority=member)
    KnowledgeItemFactory(title="Ehrenamtsbörse im Rathaus", authority=member, featured=True)
    questionnaire = assessment_services.questionnaire_create(
        year=YEAR,
        opens_on=timezone.localdate() - datetime.timedelta(days=1),
        closes_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    agency = next(
        q
        for q in assessment_queries.questions(questionnaire)
        if q.indicator_id and q.kind == "yes_no"
    )
    assessment_services.response_save(
        questionnaire=questionnaire,
        authority=member,
        answers={agency: (Decimal(1), "")},
        submit=True,
    )


def _run_worker(monkeypatch):
    """The real database worker, once through the queue. Inside the test's transaction its
    check for stale connections would close PostgreSQL's connection (autocommit is off)."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def _pdf_text(content: bytes) -> tuple[str, int]:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def test_office_generates_the_report_through_the_task_worker_and_downloads_it(
    client, office, network, django_capture_on_commit_callbacks, monkeypatch
):
    client.force_login(office)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(reverse("impact:report_list"), {"year": YEAR})
    report = NetworkReport.objects.get()
    assert answer.url == reverse("impact:report", args=[report.pk])
    queued = client.get(answer.url).content.decode()
    assert "wartet" in queued
    assert 'data-hx-trigger="every 2s"' in queued

    _run_worker(monkeypatch)

    done = client.get(answer.url, headers={"HX-Request": "true"}).content.decode()
    assert "Der Bericht ist fertig" in done
    assert "data-hx-trigger" not in done
    download = client.get(reverse("impact:report_download", args=[report.pk]))
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF")
    text, pages = _pdf_text(content)
    assert f"Jahresbericht {YEAR}" in text
    assert f"{YEAR} hatte das Netzwerk 4 Mitgliedskommunen, davon 1 neue." in text
    assert "Ehrenamtsbörse im Rathaus" in text
    assert "1 von 4 Mitgliedskommunen haben geantwortet." in text
    assert pages > 1


def test_a_regeneration_keeps_the_earlier_file(office, network):
    first = report_services.report_request(year=YEAR, user=office)
    report_services.report_generate(report=first)
    second = report_services.report_request(year=YEAR, user=office)
    report_services.report_generate(report=second)

    assert NetworkReport.objects.filter(status="done").count() == 2
    first.refresh_from_db()
    assert first.file.name != second.file.name
    assert first.file.storage.exists(first.file.name)


def test_status_page_shows_the_running_step(client, office):
    report = NetworkReport.objects.create(
        year=YEAR, status="running", step=3, steps=10, step_label="Entwicklungswerkstatt"
    )
    client.force_login(office)

    page = client.get(reverse("impact:report", args=[report.pk]), headers={"HX-Request": "true"})

    text = page.content.decode()
    assert "Schritt 3 von 10: Entwicklungswerkstatt" in text
    assert 'data-hx-trigger="every 2s"' in text


def test_a_failed_generation_says_so_in_german(client, office, monkeypatch):
    def broken(year, progress):
        raise RuntimeError("disk full")

    monkeypatch.setattr(report_services, "report_render", broken)
    report = report_services.report_request(year=YEAR, user=office)
    report_services.report_generate(report=report)
    client.force_login(office)

    page = client.get(reverse("impact:report", args=[report.pk])).content.decode()

    assert "Der Bericht konnte nicht erstellt werden" in page
    assert "Erneut versuchen" in page
    assert "disk full" not in page


@pytest.mark.parametrize("url", ["impact:report_list", "impact:report", "impact:report_download"])
def test_only_the_office_reaches_the_report(client, officer, url):
    report = NetworkReport.objects.create(year=YEAR, status="done")
    client.force_login(officer)
    args = [] if url == "impact:report_list" else [report.pk]

    assert client.get(reverse(url, args=args)).status_code == 403
