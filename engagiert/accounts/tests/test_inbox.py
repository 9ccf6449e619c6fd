"""The network office's inbox on its start page: everything waiting, oldest first, with its
link; filtered by kind and »assigned to me«; assigned to a colleague of the office."""

import datetime

import pytest
from django.utils import timezone

from engagiert.accounts.models import InboxAssignment, Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.extensions import InboxItem, inbox_providers
from engagiert.core.models import OutboundMail
from engagiert.events.models import Registration
from engagiert.events.tests.factories import EventFactory, RegistrationFactory
from engagiert.knowledge.models import Question
from engagiert.knowledge.tests.factories import AnswerFactory, QuestionFactory
from engagiert.legal.models import FeedbackCase
from engagiert.mailings.tests.factories import MailingFactory
from engagiert.membership.models import Application
from engagiert.membership.tests.factories import ApplicationFactory
from engagiert.privacy.models import DataRequest
from engagiert.registry.tests.factories import AuthorityFactory
from engagiert.workshop.tests.factories import CohortApplicationFactory

DASHBOARD = "/konto/"
ASSIGN = "/konto/eingang/zuweisen/"


def _days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def _application(name: str, days: int) -> Application:
    application = ApplicationFactory(authority=AuthorityFactory(name=name))
    Application.objects.filter(pk=application.pk).update(updated_at=_days_ago(days))
    return application


def _question(title: str, days: int) -> Question:
    question = QuestionFactory(title=title)
    Question.objects.filter(pk=question.pk).update(created_at=_days_ago(days))
    return question


def _one_of_each_kind(n: int = 0) -> None:
    """One waiting item of every kind the apps name (`n` tells the batches apart)."""
    _application(f"Antragstadt {n}", days=2)
    CohortApplicationFactory(authority=AuthorityFactory(name=f"Werkstattgemeinde {n}"), team=[])
    _question(f"Wer hat einen Ehrenamtstag {n}?", days=5)
    event = EventFactory(title=f"Netzwerktreffen mit Warteliste {n}", capacity=2)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=Registration.Status.WAITING, waiting_since=_days_ago(1))
    MailingFactory(
        subject=f"Einladung Frühjahrstreffen {n}",
        released_at=timezone.now(),
        send_at=timezone.now() + datetime.timedelta(days=2),
    )
    OutboundMail.objects.create(
        to_email=f"falsch{n}@example.org",
        subject="Infomail",
        text="Text",
        status=OutboundMail.Status.FAILED,
        next_attempt_at=timezone.now(),
    )
    DataRequest.objects.create(
        kind=DataRequest.Kind.EXPORT,
        email=f"auskunft{n}@example.org",
        due_on=timezone.localdate() + datetime.timedelta(days=20),
    )
    FeedbackCase.objects.create(
        email=f"barriere{n}@example.org", page_url=f"/veranstaltungen/{n}/", description="Kontrast"
    )


@pytest.mark.django_db
def test_inbox_lists_what_waits_in_every_app_with_its_link(client, office_user):
    _one_of_each_kind()
    client.force_login(office_user)

    page = client.get(DASHBOARD).content.decode()

    assert "Posteingang des Netzwerkbüros" in page
    for kind, title in [
        ("Mitgliedsantrag", "Antragstadt 0"),
        ("Bewerbung Entwicklungswerkstatt", "Werkstattgemeinde 0"),
        ("Frage ohne Antwort", "Wer hat einen Ehrenamtstag 0?"),
        ("Warteliste bei freien Plätzen", "1 Platz frei, 1 wartend"),
        ("Infomail geplant", "Einladung Frühjahrstreffen 0"),
        ("Nicht zugestellte E-Mails", "1 E-Mail konnte nicht zugestellt werden"),
        ("Datenschutzanfrage", "auskunft0@example.org"),
        ("Rückmeldung zur Barrierefreiheit", "»Kontrast« (gemeldet von einer Person ohne Namen)"),
    ]:
        assert kind in page
        assert title in page
    assert "/veranstaltungen/0/" not in page  # the page's path is no title
    assert "8 Einträge warten auf Bearbeitung" in page
    assert 'href="/infomail/postausgang/"' in page


@pytest.mark.django_db
def test_inbox_shows_the_longest_waiting_first_and_leaves_out_what_waits_for_others(
    client, office_user
):
    _application("Neuer Antrag", days=1)
    _application("Alter Antrag", days=9)
    _question("Frage von vorgestern", days=5)
    answered = _question("Beantwortete Frage", days=8)
    AnswerFactory(question=answered)
    _question("Frage von heute", days=0)
    ApplicationFactory(
        authority=AuthorityFactory(name="Rückfrage offen"),
        status=Application.Status.INFO_REQUESTED,
    )
    client.force_login(office_user)

    page = client.get(DASHBOARD).content.decode()

    assert (
        page.index("Alter Antrag") < page.index("Frage von vorgestern") < page.index("Neuer Antrag")
    )
    assert "Beantwortete Frage" not in page
    assert "Frage von heute" not in page
    assert "Rückfrage offen" not in page
    assert "3 Einträge warten auf Bearbeitung" in page


@pytest.mark.django_db
def test_inbox_runs_the_same_queries_for_many_items_as_for_few(
    client, office_user, django_assert_max_num_queries
):
    _one_of_each_kind(0)
    client.force_login(office_user)
    client.get(DASHBOARD)  # sessions, caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(DASHBOARD)
    for n in range(1, 6):
        _one_of_each_kind(n)

    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(DASHBOARD).content.decode()

    assert "Antragstadt 5" in page
    assert "Wer hat einen Ehrenamtstag 5?" in page


@pytest.mark.django_db
def test_assign_gives_an_item_to_a_colleague_who_finds_it_under_assigned_to_me(client, office_user):
    application = _application("Hamminkeln", days=3)
    _application("Xanten", days=2)
    colleague = UserFactory(email="kollegin@example.org", first_name="Kira", last_name="Kollegin")
    role_grant(user=colleague, role=Role.OFFICE)
    client.force_login(office_user)
    key = f"membership.application:{application.pk}"

    response = client.post(ASSIGN, {"key": key, "assignee": colleague.pk, "back": "art="})

    assert response.status_code == 302
    assert response["Location"] == "/konto/?art="
    page = client.get(response["Location"]).content.decode()
    assert "Kira Kollegin zugewiesen." in page
    assert InboxAssignment.objects.get(key=key).assigned_by == office_user
    client.force_login(colleague)
    mine = client.get(DASHBOARD, {"mir": "1"}).content.decode()
    assert "Hamminkeln" in mine
    assert "Xanten" not in mine
    everyone = client.get(DASHBOARD).content.decode()
    assert "Xanten" in everyone


@pytest.mark.django_db
def test_assign_to_nobody_takes_the_assignment_back(client, office_user):
    application = _application("Hamminkeln", days=3)
    key = f"membership.application:{application.pk}"
    InboxAssignment.objects.create(key=key, assignee=office_user)
    client.force_login(office_user)

    client.post(ASSIGN, {"key": key, "assignee": ""})

    assert not InboxAssignment.objects.filter(key=key).exists()
    page = client.get(DASHBOARD, {"mir": "1"}).content.decode()
    assert "Hamminkeln" not in page
    assert "Zu diesem Filter wartet nichts." in page


@pytest.mark.django_db
def test_assign_refuses_people_outside_the_office_and_items_no_longer_waiting(
    client, office_user, officer
):
    application = _application("Hamminkeln", days=3)
    key = f"membership.application:{application.pk}"
    client.force_login(office_user)

    outsider = client.post(ASSIGN, {"key": key, "assignee": officer.pk}, follow=True)
    gone = client.post(
        ASSIGN, {"key": "membership.application:999999", "assignee": office_user.pk}, follow=True
    )

    assert "Bitte wählen Sie eine Person des Netzwerkbüros." in outsider.content.decode()
    assert "Dieser Eintrag wartet nicht mehr im Posteingang." in gone.content.decode()
    assert not InboxAssignment.objects.exists()


@pytest.mark.django_db
def test_assign_is_for_the_office_only(client, officer):
    client.force_login(officer)

    response = client.post(ASSIGN, {"key": "membership.application:1", "assignee": officer.pk})

    assert response.status_code == 403


@pytest.mark.django_db
def test_inbox_marks_what_is_past_its_due_date(client, office_user):
    DataRequest.objects.create(
        kind=DataRequest.Kind.ERASURE,
        email="spaet@example.org",
        due_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    DataRequest.objects.create(
        kind=DataRequest.Kind.EXPORT,
        email="puenktlich@example.org",
        due_on=timezone.localdate() + datetime.timedelta(days=5),
    )
    client.force_login(office_user)

    page = client.get(DASHBOARD).content.decode()

    rows = page.split('<li class="inbox__item">')[1:]
    late = next(row for row in rows if "spaet@example.org" in row)
    on_time = next(row for row in rows if "puenktlich@example.org" in row)
    assert "überfällig" in late
    assert "überfällig" not in on_time


@pytest.mark.django_db
def test_inbox_filters_by_kind(client, office_user):
    _application("Hamminkeln", days=3)
    _question("Wer kennt einen Förderfonds?", days=4)
    client.force_login(office_user)

    page = client.get(DASHBOARD, {"art": "knowledge.question"}).content.decode()

    assert "Wer kennt einen Förderfonds?" in page
    assert "Hamminkeln" not in page
    assert '<option value="membership.application">Mitgliedsantrag (1)</option>' in page


@pytest.mark.django_db
def test_an_item_that_names_its_assignee_shows_them_and_is_not_reassigned_here(
    client, office_user, monkeypatch
):
    colleague = UserFactory(first_name="Falk", last_name="Folgemann")
    role_grant(user=colleague, role=Role.OFFICE)
    item = InboxItem(
        key="contacts.follow_up:1",
        kind="Wiedervorlage",
        title="Rückruf Bürgermeisterin",
        url="/kontakte/1/",
        since=_days_ago(1),
        due=timezone.localdate(),
        assignee_id=colleague.pk,
    )
    monkeypatch.setitem(inbox_providers._entries, "contacts.follow_ups", lambda: [item])
    client.force_login(office_user)

    page = client.get(DASHBOARD).content.decode()
    refused = client.post(
        ASSIGN, {"key": item.key, "assignee": office_user.pk}, follow=True
    ).content.decode()

    assert "Rückruf Bürgermeisterin" in page
    assert "Falk Folgemann" in page
    assert f'value="{item.key}"' not in page
    assert "Die Zuständigkeit für diesen Eintrag wird an seiner Stelle geändert." in refused
    client.force_login(colleague)
    assert "Rückruf Bürgermeisterin" in client.get(DASHBOARD, {"mir": "1"}).content.decode()


@pytest.mark.django_db
def test_inbox_is_not_on_other_roles_start_pages(client, officer):
    _application("Hamminkeln", days=3)
    client.force_login(officer)

    page = client.get(DASHBOARD).content.decode()

    assert "Posteingang" not in page
    assert "Hamminkeln" not in page
