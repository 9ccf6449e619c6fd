"""The office's own event pages: create, publish and copy an event, the programme editor,
registration questions, inviting a segment after seeing the count, the reminder, a message to
the participants, moving someone up from the waiting list, attendance certificates and the
documentation after the event."""

import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.audiences.models import Segment
from engagiert.core.models import OutboundMail
from engagiert.events import office_services, services
from engagiert.events.models import (
    AgendaItem,
    Answer,
    Event,
    Invitee,
    Question,
    Registration,
    Result,
)
from engagiert.events.tests.factories import (
    AgendaItemFactory,
    EventFactory,
    RegistrationFactory,
    in_days,
)
from engagiert.membership.tests.factories import ContactPersonFactory, MembershipFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture
def office(client, office_user):
    client.force_login(office_user)
    return client


def _form_data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Netzwerktreffen Frühjahr",
        "kind": Event.Kind.NETWORK_MEETING,
        "description": "Austausch der Engagementbeauftragten.",
        "starts_at": "2030-03-12T10:00",
        "ends_at": "2030-03-12T16:00",
        "venue_name": "Rathaus Arnsberg",
        "venue_address": "Rathausplatz 1, 59759 Arnsberg",
        "capacity": "40",
        "reminder_days": "3",
    }
    data.update(changes)
    return data


# --- Create, edit, publish ------------------------------------------------------------------


def test_the_office_finds_new_event_on_the_calendar_and_others_do_not(client, office_user, officer):
    client.force_login(officer)
    assert reverse("events:event_create") not in client.get("/veranstaltungen/").content.decode()
    assert client.get(reverse("events:event_create")).status_code == 403
    client.force_login(office_user)
    assert reverse("events:event_create") in client.get("/veranstaltungen/").content.decode()


def test_the_office_creates_an_event_as_a_draft_and_lands_on_its_edit_page(office):
    page = office.get(reverse("events:event_create")).content.decode()
    assert "---------" not in page
    response = office.post(reverse("events:event_create"), _form_data())
    event = Event.objects.get(title="Netzwerktreffen Frühjahr")
    assert response.url == reverse("events:event_edit", args=[event.pk])
    assert event.status == Event.Status.DRAFT
    assert event.capacity == 40
    assert timezone.localtime(event.starts_at).hour == 10


def test_an_event_ending_before_it_starts_is_refused_at_the_field_with_a_summary(office):
    response = office.post(
        reverse("events:event_create"), _form_data(ends_at="2030-03-12T09:00", kind="")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="form-error-summary"' in page
    assert 'href="#id_ends_at"' in page
    assert 'href="#id_kind"' in page
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("confirmed", "message"),
    [
        (3, "Es sind bereits 3 Plätze bestätigt"),
        (1, "Es ist bereits 1 Platz bestätigt"),
    ],
)
def test_the_capacity_cannot_go_below_the_confirmed_places(office, confirmed, message):
    event = EventFactory(capacity=5)
    RegistrationFactory.create_batch(confirmed, event=event)
    response = office.post(
        reverse("events:event_edit", args=[event.pk]),
        _form_data(capacity=str(confirmed - 1)),
    )
    assert response.status_code == 200
    assert 'href="#id_capacity"' in response.content.decode()
    assert message in response.content.decode()
    event.refresh_from_db()
    assert event.capacity == 5


def test_publishing_makes_a_draft_public_and_dates_it(office, client):
    event = EventFactory(status=Event.Status.DRAFT, published_at=None)
    office.post(reverse("events:event_publish", args=[event.pk]))
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    assert event.published_at is not None


def test_an_officer_cannot_edit_or_publish(client, officer):
    event = EventFactory(status=Event.Status.DRAFT, published_at=None)
    client.force_login(officer)
    assert client.post(reverse("events:event_publish", args=[event.pk])).status_code == 404
    published = EventFactory()
    assert client.get(reverse("events:event_edit", args=[published.pk])).status_code == 403


# --- Copy -----------------------------------------------------------------------------------


def test_a_copy_is_a_draft_at_the_new_date_with_the_programme_shifted_and_no_registrations(
    office,
):
    event = EventFactory(
        kind=Event.Kind.CONGRESS, registration_deadline=in_days(20), starts_at=in_days(28)
    )
    workshop = AgendaItemFactory(event=event, title="Workshop Ehrenamtskarte", room="Raum 2")
    Question.objects.create(event=event, text="Abendessen?", kind=Question.Kind.YES_NO)
    RegistrationFactory(event=event, workshops=[workshop])
    page = office.get(reverse("events:event_copy", args=[event.pk])).content.decode()
    suggested = timezone.localtime(event.starts_at)
    assert f"{suggested.year + 2}-{suggested.month:02d}" in page  # the congress: two years on
    response = office.post(
        reverse("events:event_copy", args=[event.pk]), {"starts_at": "2031-05-20T09:30"}
    )
    copy = Event.objects.exclude(pk=event.pk).get()
    assert response.url == reverse("events:event_edit", args=[copy.pk])

    def local(value: datetime.datetime) -> str:
        return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")

    assert copy.status == Event.Status.DRAFT
    assert copy.published_at is None
    # Moved on the clock: eight days before at the same time, whatever the summer time.
    assert local(copy.starts_at) == "20.05.2031 09:30"
    assert local(copy.ends_at) == "20.05.2031 15:30"
    assert local(copy.registration_deadline) == "12.05.2031 09:30"
    item = copy.agenda.get()
    assert (item.title, item.room, item.capacity) == ("Workshop Ehrenamtskarte", "Raum 2", 10)
    assert local(item.starts_at) == "20.05.2031 10:30"
    assert copy.questions.get().text == "Abendessen?"
    assert not copy.registrations.exists()
    assert event.registrations.count() == 1


def test_a_copy_into_the_past_is_refused(office):
    event = EventFactory()
    response = office.post(
        reverse("events:event_copy", args=[event.pk]), {"starts_at": "2001-05-20T09:30"}
    )
    assert response.status_code == 200
    assert Event.objects.count() == 1


# --- The programme --------------------------------------------------------------------------


def _item_data(title: str, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": "workshop",
        "title": title,
        "starts_at": "2030-03-12T11:00",
        "ends_at": "2030-03-12T12:30",
        "room": "Raum 1",
        "moderators": "Anna Beispiel",
        "capacity": "15",
    }
    data.update(changes)
    return data


@pytest.fixture
def meeting(db):
    starts = timezone.make_aware(datetime.datetime(2030, 3, 12, 10, 0))
    return EventFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=6))


def test_two_parallel_workshops_form_one_time_slot_and_htmx_focuses_the_message(office, meeting):
    url = reverse("events:programme", args=[meeting.pk])
    first = office.post(url, _item_data("Engagement im Quartier"), headers={"HX-Request": "true"})
    assert first.status_code == 200
    fragment = first.content.decode()
    assert "<html" not in fragment
    assert re.search(r'<div tabindex="-1" autofocus>.*Engagement im Quartier', fragment, re.S)
    # The next item starts where the last one did: the parallel workshop needs only its title.
    assert 'value="2030-03-12T11:00"' in fragment
    office.post(url, _item_data("Ehrenamtskarte", room="Raum 2"), headers={"HX-Request": "true"})
    slots = office.get(url).context["slots"]
    assert [[item.title for item in slot.items] for slot in slots] == [
        ["Engagement im Quartier", "Ehrenamtskarte"]
    ]
    assert [item.capacity for item in slots[0].items] == [15, 15]


def test_an_item_outside_the_event_is_refused_at_its_field(office, meeting):
    response = office.post(
        reverse("events:programme", args=[meeting.pk]),
        _item_data("Zu spät", starts_at="2030-03-13T11:00", ends_at="2030-03-13T12:00"),
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert 'href="#id_starts_at"' in page
    assert "autofocus" in page
    assert not meeting.agenda.exists()


def test_workshops_of_a_slot_are_reordered(office, meeting):
    url = reverse("events:programme", args=[meeting.pk])
    for title in ("A", "B", "C"):
        office.post(url, _item_data(title))
    c = AgendaItem.objects.get(title="C")
    office.post(
        reverse("events:programme_item_move", args=[meeting.pk, c.pk]), {"richtung": "hoch"}
    )
    slots = office.get(url).context["slots"]
    assert [item.title for item in slots[0].items] == ["A", "C", "B"]
    a = AgendaItem.objects.get(title="A")
    response = office.post(
        reverse("events:programme_item_move", args=[meeting.pk, a.pk]),
        {"richtung": "hoch"},
        headers={"HX-Request": "true"},
    )
    assert 'role="alert"' in response.content.decode()


def test_a_plenary_item_is_changed_and_a_chosen_workshop_is_not_removed(office, meeting):
    item = AgendaItemFactory(event=meeting, title="Workshop")
    RegistrationFactory(event=meeting, workshops=[item])
    response = office.post(
        reverse("events:programme_item_delete", args=[meeting.pk, item.pk]),
        headers={"HX-Request": "true"},
    )
    assert "1 Person hat »Workshop« gewählt" in response.content.decode()
    assert AgendaItem.objects.filter(pk=item.pk).exists()
    office.post(
        reverse("events:programme_item_edit", args=[meeting.pk, item.pk]),
        _item_data("Begrüßung", kind="plenary", starts_at="2030-03-12T10:00"),
    )
    item.refresh_from_db()
    assert (item.title, item.kind, item.capacity) == ("Begrüßung", "plenary", None)
    free = AgendaItemFactory(event=meeting, title="Frei")
    office.post(reverse("events:programme_item_delete", args=[meeting.pk, free.pk]))
    assert not AgendaItem.objects.filter(pk=free.pk).exists()


# --- Registration questions -----------------------------------------------------------------


def test_questions_are_asked_at_registration_and_answered_in_the_export(
    office, client, office_user, officer
):
    event = EventFactory()
    url = reverse("events:questions", args=[event.pk])
    office.post(url, {"text": "Nehmen Sie am Abendessen teil?", "kind": "yes_no", "required": "on"})
    office.post(url, {"text": "Anreise", "kind": "choice", "choices": "Bahn\nAuto\n"})
    response = office.post(url, {"text": "Nur eine Antwort", "kind": "choice", "choices": "X"})
    assert 'href="#id_choices"' in response.content.decode()
    dinner, travel = event.questions.all()
    client.force_login(officer)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Nehmen Sie am Abendessen teil?" in page
    assert "Bahn" in page
    register = reverse("events:registration_create", args=[event.pk])
    refused = client.post(register, {f"question_{travel.pk}": "Bahn"})
    assert not Registration.objects.exists()
    assert f'id="id_question_{dinner.pk}_error"' in refused.content.decode()
    client.post(register, {f"question_{dinner.pk}": "yes", f"question_{travel.pk}": "Bahn"})
    registration = Registration.objects.get()
    assert {a.question_id: a.value for a in registration.answers.all()} == {
        dinner.pk: "yes",
        travel.pk: "Bahn",
    }
    client.force_login(office_user)
    csv = client.get(reverse("events:participants_export", args=[event.pk, "csv"]))
    header, row = csv.content.decode("utf-8-sig").splitlines()[:2]
    assert header.endswith("Nehmen Sie am Abendessen teil?;Anreise")
    assert row.endswith("ja;Bahn")
    manage = client.get(reverse("events:event_manage", args=[event.pk])).content.decode()
    assert "Nehmen Sie am Abendessen teil?" in manage
    assert ">ja<" in manage
    # An answered question stays; the office is told why.
    client.post(reverse("events:question_delete", args=[event.pk, dinner.pk]))
    assert Question.objects.filter(pk=dinner.pk).exists()


def test_the_office_changes_a_question_but_not_the_kind_of_an_answered_one(office, client):
    event = EventFactory()
    travel = Question.objects.create(event=event, text="Anreise", kind="choice", choices="A\nB")
    questions = office.get(reverse("events:questions", args=[event.pk])).content.decode()
    url = reverse("events:question_edit", args=[event.pk, travel.pk])
    assert f'href="{url}"' in questions

    office.post(url, {"text": "Wie reisen Sie an?", "kind": "choice", "choices": "Bahn\nAuto"})
    travel.refresh_from_db()
    assert (travel.text, travel.options) == ("Wie reisen Sie an?", ["Bahn", "Auto"])
    assert "Bahn" in client.get(event.get_absolute_url()).content.decode()

    registration = RegistrationFactory(event=event)
    Answer.objects.create(registration=registration, question=travel, value="Bahn")
    refused = office.post(url, {"text": "Anreise", "kind": "text"}).content.decode()
    assert 'href="#id_kind_0"' in refused
    assert "Art der Antwort bleibt" in refused
    travel.refresh_from_db()
    assert (travel.kind, travel.text) == ("choice", "Wie reisen Sie an?")


# --- Invitations ----------------------------------------------------------------------------


@pytest.fixture
def segment(db):
    for name in ("Ada", "Ben"):
        membership = MembershipFactory()
        ContactPersonFactory(
            authority=membership.authority, name=name, email=f"{name.lower()}@example.org"
        )
    return Segment.objects.create(name="Alle Mitglieder", kind=Segment.Kind.MEMBER_CONTACTS)


def test_the_office_sees_the_number_of_recipients_before_the_invitation_goes(office, segment):
    event = EventFactory()
    url = reverse("events:invite", args=[event.pk])
    asked = office.post(url, {"segment": segment.pk})
    assert asked.context["count"] == 2
    assert f'name="bestaetigt" value="{segment.pk}:2"' in asked.content.decode()
    assert not OutboundMail.objects.exists()
    stale = office.post(url, {"segment": segment.pk, "bestaetigt": f"{segment.pk}:5"})
    assert stale.context["count"] == 2
    assert not OutboundMail.objects.exists()
    other = Segment.objects.create(name="Verwaltungsspitzen", kind=Segment.Kind.LEADERS)
    changed = office.post(url, {"segment": other.pk, "bestaetigt": f"{segment.pk}:2"})
    assert changed.context["count"] is not None
    assert not OutboundMail.objects.exists()
    sent = office.post(url, {"segment": segment.pk, "bestaetigt": f"{segment.pk}:2"})
    assert sent.url == reverse("events:event_manage", args=[event.pk])
    assert sorted(Invitee.objects.values_list("email", flat=True)) == [
        "ada@example.org",
        "ben@example.org",
    ]
    assert sorted(OutboundMail.objects.values_list("to_email", flat=True)) == [
        "ada@example.org",
        "ben@example.org",
    ]


# --- Reminder and message -------------------------------------------------------------------


def test_the_reminder_goes_once_to_the_confirmed_exactly_when_it_is_due():
    starts = timezone.make_aware(datetime.datetime(2030, 3, 12, 10, 0))
    event = EventFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=4))
    event.reminder_days = 3
    event.save()
    RegistrationFactory(event=event, email="da@example.org")
    RegistrationFactory(event=event, email="wartet@example.org", status=Status.WAITING)
    due = starts - datetime.timedelta(days=3)
    assert office_services.reminders_send(now=due - datetime.timedelta(seconds=1)) == 0
    assert not OutboundMail.objects.exists()
    assert office_services.reminders_send(now=due) == 1
    mail = OutboundMail.objects.get()
    assert mail.to_email == "da@example.org"
    assert event.title in mail.subject
    assert office_services.reminders_send(now=due + datetime.timedelta(hours=1)) == 0
    assert OutboundMail.objects.count() == 1


def test_no_reminder_for_drafts_events_without_one_or_events_that_began():
    starts = timezone.make_aware(datetime.datetime(2030, 3, 12, 10, 0))
    for fields in (
        {"status": Event.Status.DRAFT},
        {"reminder_days": None},
    ):
        event = EventFactory(starts_at=starts, ends_at=starts, **fields)
        RegistrationFactory(event=event)
    assert office_services.reminders_send(now=starts - datetime.timedelta(days=1)) == 0
    assert office_services.reminders_send(now=starts + datetime.timedelta(minutes=1)) == 0
    assert not OutboundMail.objects.exists()


def test_a_message_goes_to_the_confirmed_and_if_asked_to_those_waiting(office):
    event = EventFactory()
    RegistrationFactory(event=event, email="da@example.org", name="Dana")
    RegistrationFactory(event=event, email="wartet@example.org", status=Status.WAITING)
    RegistrationFactory(event=event, email="weg@example.org", status=Status.CANCELLED)
    url = reverse("events:participants_message", args=[event.pk])
    office.post(url, {"subject": "Raumänderung", "text": "Wir treffen uns in Raum 3."})
    mail = OutboundMail.objects.get()
    assert mail.to_email == "da@example.org"
    assert mail.subject == f"{event.title}: Raumänderung"
    assert "Dana" in mail.text
    assert "Wir treffen uns in Raum 3." in mail.text
    office.post(url, {"subject": "Nochmal", "text": "Text", "waiting_too": "on"})
    assert sorted(
        OutboundMail.objects.filter(subject__endswith="Nochmal").values_list("to_email", flat=True)
    ) == ["da@example.org", "wartet@example.org"]


# --- Waiting list ---------------------------------------------------------------------------


def test_the_office_moves_a_person_up_out_of_turn_only_while_there_is_room(office):
    event = EventFactory(capacity=2)
    RegistrationFactory(event=event)
    first = RegistrationFactory(
        event=event, status=Status.WAITING, waiting_since=timezone.now(), confirmed_at=None
    )
    chosen = RegistrationFactory(
        event=event, status=Status.WAITING, waiting_since=timezone.now(), confirmed_at=None
    )
    office.post(reverse("events:registration_promote", args=[event.pk, chosen.pk]))
    chosen.refresh_from_db()
    assert chosen.status == Status.CONFIRMED
    assert OutboundMail.objects.filter(to_email=chosen.email).exists()
    response = office.post(
        reverse("events:registration_promote", args=[event.pk, first.pk]), follow=True
    )
    first.refresh_from_db()
    assert first.status == Status.WAITING
    assert "Alle 2 Plätze sind bestätigt" in response.content.decode()


# --- Certificates ---------------------------------------------------------------------------


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_attendance_certificates_after_the_event_for_those_present(client, office_user):
    event = EventFactory(
        title="Engagementkongress 2026", starts_at=in_days(-2), ends_at=in_days(-2, 17)
    )
    present = RegistrationFactory(
        event=event,
        name="Łukasz Wąsik",
        organisation_name="Stadt Arnsberg",
        checked_in_at=timezone.now(),
    )
    absent = RegistrationFactory(event=event, name="Nicht Da")
    response = client.get(reverse("events:certificate", args=[present.token]))
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "Teilnahmebescheinigung" in text
    assert "Łukasz Wąsik" in text
    assert "Engagementkongress 2026" in text
    assert client.get(reverse("events:certificate", args=[absent.token])).status_code == 404
    manage = client.get(reverse("events:registration_manage", args=[present.token]))
    assert reverse("events:certificate", args=[present.token]) in manage.content.decode()
    client.force_login(office_user)
    everyone = client.get(
        reverse("events:participants_export", args=[event.pk, "bescheinigungen.pdf"])
    )
    text = _pdf_text(everyone.content)
    assert "Łukasz Wąsik" in text
    assert "Nicht Da" not in text


def test_no_certificate_before_the_event_is_over(client):
    registration = RegistrationFactory(checked_in_at=timezone.now())
    assert client.get(reverse("events:certificate", args=[registration.token])).status_code == 404


# --- Documentation --------------------------------------------------------------------------


def test_the_office_documents_results_per_workshop_and_files_with_credits(
    office, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    event = EventFactory(starts_at=in_days(-2), ends_at=in_days(-2, 17))
    workshop = AgendaItemFactory(event=event, title="Quartier")
    url = reverse("events:documentation", args=[event.pk])
    office.post(
        url,
        {"part": "result", "agenda_item": workshop.pk, "title": "Ergebnis 1", "text": "Mehr Raum"},
    )
    photo = SimpleUploadedFile("foto.jpg", b"\xff\xd8\xff\xe0" + b"0" * 100, "image/jpeg")
    office.post(
        url,
        {
            "part": "file",
            "title": "Gruppenfoto",
            "file": photo,
            "credit": "© Stadt Arnsberg",
            "is_public": "on",
        },
    )
    fake = SimpleUploadedFile("virus.jpg", b"MZ" + b"0" * 100, "image/jpeg")
    refused = office.post(url, {"part": "file", "title": "Falsch", "file": fake})
    assert 'href="#file_file"' in refused.content.decode()
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Ergebnisse des Workshops »Quartier«" in page
    assert "Mehr Raum" in page
    assert "Gruppenfoto" in page
    assert "© Stadt Arnsberg" in page
    assert event.files.count() == 1


def test_the_office_changes_a_result_and_a_file_and_may_replace_the_file(
    office, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    event = EventFactory(starts_at=in_days(-2), ends_at=in_days(-2, 17), is_public=True)
    workshop = AgendaItemFactory(event=event, title="Quartier")
    result = Result.objects.create(event=event, title="Ergebnis", text="Mehr Raum")
    photo = SimpleUploadedFile("foto.jpg", b"\xff\xd8\xff\xe0" + b"0" * 100, "image/jpeg")
    document = office_services.event_file_add(event=event, title="Foto", file=photo)
    old_name = document.file.name
    page = office.get(reverse("events:documentation", args=[event.pk])).content.decode()
    result_url = reverse("events:result_edit", args=[event.pk, result.pk])
    file_url = reverse("events:event_file_edit", args=[event.pk, document.pk])
    assert f'href="{result_url}"' in page
    assert f'href="{file_url}"' in page

    office.post(
        result_url, {"agenda_item": workshop.pk, "title": "Ergebnis 1", "text": "Mehr Ruhe"}
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        office.post(
            file_url,
            {
                "title": "Gruppenfoto",
                "credit": "© Stadt Arnsberg",
                "is_public": "on",
                "file": SimpleUploadedFile(
                    "neu.pdf", b"%PDF-1.4\n" + b"0" * 100, "application/pdf"
                ),
            },
        )
    refused = office.post(
        file_url, {"title": "", "file": SimpleUploadedFile("x.jpg", b"MZ0000", "image/jpeg")}
    ).content.decode()

    public = client.get(event.get_absolute_url()).content.decode()
    assert "Ergebnisse des Workshops »Quartier«" in public
    assert "Mehr Ruhe" in public
    assert "Gruppenfoto" in public
    assert "© Stadt Arnsberg" in public
    document.refresh_from_db()
    assert document.file.name.endswith(".pdf")
    assert not (tmp_path / old_name).exists()
    assert 'href="#id_title"' in refused
    assert event.files.get().title == "Gruppenfoto"


def test_answers_of_yes_no_questions_are_only_yes_or_no():
    event = EventFactory()
    question = Question.objects.create(event=event, text="Abendessen?", kind="yes_no")
    user = UserFactory()
    role_grant(user=user, role=Role.OFFICE)
    with pytest.raises(ValidationError):
        services.registration_create(
            event=event,
            name="X",
            email="x@example.org",
            user=user,
            answers={question: "vielleicht"},
        )
    assert not Answer.objects.exists()
