import datetime
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.models import OutboundMail
from engagiert.privacy import services
from engagiert.privacy.models import DataRequest, one_month_after


@pytest.fixture
def office(db):
    user = UserFactory(email="netzwerkstelle@example.org")
    role_grant(user=user, role=Role.OFFICE)
    return user


@pytest.fixture
def office_client(client, office):
    client.force_login(office)
    return client


def _request(email: str, *, kind: str = "erasure", received: datetime.date | None = None):
    return services.request_create(kind=kind, email=email, received_on=received)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (datetime.date(2026, 1, 31), datetime.date(2026, 2, 28)),
        (datetime.date(2028, 1, 31), datetime.date(2028, 2, 29)),
        (datetime.date(2026, 12, 15), datetime.date(2027, 1, 15)),
    ],
)
def test_a_request_is_due_one_month_after_receipt(received, due):
    assert one_month_after(received) == due


def test_the_personal_area_links_to_my_data(client, db):
    client.force_login(UserFactory())

    response = client.get(reverse("accounts:dashboard"))

    assert reverse("privacy:mydata") in response.content.decode()
    assert "Meine Daten" in response.content.decode()


def test_my_data_lists_what_is_kept(client, people):
    person, _other = people
    client.force_login(person.user)

    page = client.get(reverse("privacy:mydata")).content.decode()

    assert "Anmeldung zu Veranstaltungen" in page
    assert "Art. 9 Abs. 2 lit. a DSGVO" in page
    assert "zusammenstellen" in page


def test_asking_for_erasure_needs_the_confirmation(client, db):
    client.force_login(UserFactory())

    response = client.post(reverse("privacy:erasure_request"), {})

    assert "Bitte bestätigen Sie, dass Sie die Löschung beantragen." in response.content.decode()
    assert not DataRequest.objects.exists()


def test_asking_for_erasure_records_the_request_and_tells_the_office(client, office):
    user = UserFactory(email="ehrenamt@example.org")
    client.force_login(user)

    response = client.post(reverse("privacy:erasure_request"), {"confirm": "on"}, follow=True)

    request = DataRequest.objects.get()
    assert (request.user, request.email, request.kind) == (user, user.email, "erasure")
    assert request.due_on == one_month_after(timezone.localdate())
    assert "liegt bei der Netzwerkstelle" in response.content.decode()
    assert [(m.to_email, m.subject) for m in OutboundMail.objects.all()] == [
        (office.email, "Neue Datenschutz-Anfrage: Löschung")
    ]


def test_asking_twice_is_refused_in_german(client, db):
    user = UserFactory()
    services.request_create(kind="erasure", user=user)
    client.force_login(user)

    client.post(reverse("privacy:erasure_request"), {"confirm": "on"})

    assert DataRequest.objects.count() == 1


def test_the_office_sees_requests_with_their_deadline_overdue_ones_marked(
    office_client, django_assert_max_num_queries
):
    today = timezone.localdate()
    _request("alt@example.org", received=today - datetime.timedelta(days=40))
    for number in range(5):
        _request(f"neu{number}@example.org")

    with django_assert_max_num_queries(12):
        response = office_client.get(reverse("privacy:office_requests"))

    page = response.content.decode()
    assert page.count("überfällig") == 1
    assert "alt@example.org" in page


def test_the_office_records_a_request_for_a_person_without_an_account(office_client):
    response = office_client.post(
        reverse("privacy:office_requests"),
        {"kind": "export", "email": "Brief@Example.org", "received_on": "2026-11-20"},
        follow=True,
    )

    request = DataRequest.objects.get()
    assert (request.email, request.user, request.due_on) == (
        "brief@example.org",
        None,
        datetime.date(2026, 12, 20),
    )
    assert "Die Anfrage wurde erfasst." in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"kind": "export", "email": "", "received_on": "2026-11-20"},
            "Bitte geben Sie die E-Mail",
        ),
        ({"kind": "export", "email": "x@example.org", "received_on": "2099-01-01"}, "Zukunft"),
    ],
)
def test_the_office_form_says_what_is_wrong_in_german(office_client, data, message):
    response = office_client.post(reverse("privacy:office_requests"), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not DataRequest.objects.exists()


def test_the_office_downloads_the_data_of_a_person_without_an_account_and_answers(office_client):
    from engagiert.events.tests.factories import RegistrationFactory

    RegistrationFactory(name="Olga Brief", email="brief@example.org")
    request = _request("brief@example.org", kind="export")

    download = office_client.get(reverse("privacy:request_export", args=[request.pk]))
    office_client.post(reverse("privacy:request_complete", args=[request.pk]))

    archive = zipfile.ZipFile(io.BytesIO(download.content))
    assert b"Olga Brief" in archive.read("daten/events.registration.json")
    request.refresh_from_db()
    assert request.status == "completed"


def test_the_office_confirms_before_the_erasure(office_client):
    user = UserFactory(email="weg@example.org", first_name="Wilma", last_name="Weg")
    request = services.request_create(kind="erasure", user=user)
    url = reverse("privacy:erasure_complete", args=[request.pk])

    confirm_page = office_client.get(url).content.decode()
    refused = office_client.post(url, {}).content.decode()

    assert "Das kann nicht rückgängig gemacht werden" in confirm_page
    assert "Bitte bestätigen Sie die Löschung." in refused
    assert User.objects.filter(pk=user.pk).exists()

    response = office_client.post(url, {"confirm": "on"}, follow=True)

    assert not User.objects.filter(pk=user.pk).exists()
    assert "Die Daten wurden gelöscht" in response.content.decode()
    assert "Benutzerkonto: Anmeldung und Anrede auf der Plattform" in response.content.decode()


def test_the_last_office_account_is_not_erased_with_a_clear_message(office_client, office):
    request = services.request_create(kind="erasure", user=office)

    response = office_client.post(
        reverse("privacy:erasure_complete", args=[request.pk]), {"confirm": "on"}
    )

    assert "letzte Konto der Netzwerkstelle" in response.content.decode()
    assert User.objects.filter(pk=office.pk).exists()


def test_the_reminder_names_requests_due_within_a_week_and_overdue_ones(office):
    today = datetime.date(2026, 12, 2)
    _request("bald@example.org", received=datetime.date(2026, 11, 6))  # due 6 Dec
    _request("alt@example.org", received=datetime.date(2026, 10, 20))  # overdue
    _request("spaeter@example.org", received=datetime.date(2026, 11, 30))
    OutboundMail.objects.all().delete()

    sent = services.reminders_send(today=today)

    reminder = OutboundMail.objects.get()
    assert sent == 2
    assert reminder.to_email == office.email
    assert reminder.subject == "2 Datenschutz-Anfragen werden bald fällig"
    assert "überfällig seit 20.11.2026" in reminder.text
    assert "fällig am 06.12.2026" in reminder.text
    assert "spaeter" not in reminder.text


def test_no_reminder_without_requests_due(office):
    assert services.reminders_send(today=datetime.date(2026, 12, 2)) == 0
    assert not OutboundMail.objects.exists()


def test_the_record_of_processing_activities_as_page_and_pdf(office_client):
    page = office_client.get(reverse("privacy:record")).content.decode()
    pdf = office_client.get(reverse("privacy:record_pdf"))

    assert "Anmeldung zu Veranstaltungen" in page
    assert "Technische und organisatorische Maßnahmen" in page
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Verzeichnis von Verarbeitungstätigkeiten" in text
    assert "Art. 9 Abs. 2 lit. a DSGVO" in text
    assert "Ehrenamtskarte" in text
