"""The files an event produces, read back as the calendar, the printer and the door scanner do."""

import csv
import datetime
import io
import zoneinfo
from urllib.parse import urlsplit

import openpyxl
import pypdfium2
import pytest
import zxingcpp
from django.urls import reverse
from pypdf import PdfReader

from engagiert.accounts.tests.factories import UserFactory
from engagiert.events import outputs
from engagiert.events.models import CalendarFeed, Event, Registration

from .factories import AgendaItemFactory, EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
TITLE = "Kongress: Engagement, Ehrenamt; Zukunft – Bürgerschaft in Köln"
ESCAPED_TITLE = "Kongress: Engagement\\, Ehrenamt\\; Zukunft – Bürgerschaft in Köln"
NAMES = ["Anna Müller", "Jörg Weiß", "Özlem Kaya", "Ute Bäcker", "Hans-Peter Groß"]


def berlin(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=BERLIN)


@pytest.fixture
def congress(db):
    return EventFactory(
        title=TITLE,
        kind=Event.Kind.CONGRESS,
        starts_at=berlin(2027, 6, 1, 10, 0),
        ends_at=berlin(2027, 6, 1, 17, 30),
        venue_name="Gürzenich Köln",
        venue_address="Martinstraße 29–37, 50667 Köln",
        description="Vorträge, Workshops und Austausch über Engagementförderung in Städten, "
        "Kreisen und Gemeinden – mit Ergebnissen aus fünf Jahren Netzwerkarbeit.\nAnmeldung "
        "bis Ende Mai.",
        capacity=200,
    )


@pytest.fixture
def office_client(client, office_user):
    client.force_login(office_user)
    return client


# --- iCalendar ------------------------------------------------------------------------------


def ics_lines(text: str) -> list[str]:
    """Content lines of an iCalendar text: CRLF ends every line, at most 75 octets each."""
    assert text.endswith("\r\n")
    physical = text.split("\r\n")[:-1]
    assert not any("\n" in line or "\r" in line for line in physical)
    too_long = [line for line in physical if len(line.encode()) > 75]
    assert too_long == []
    lines: list[str] = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def vevents(text: str) -> list[dict[str, str]]:
    """Each VEVENT of a calendar as a dict of its properties; BEGIN and END must pair up."""
    lines = ics_lines(text)
    assert (lines[0], lines[-1]) == ("BEGIN:VCALENDAR", "END:VCALENDAR")
    assert "VERSION:2.0" in lines
    events, current = [], None
    for line in lines[1:-1]:
        if line == "BEGIN:VEVENT":
            assert current is None
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            events.append(current)
            current = None
        elif current is not None:
            name, _colon, value = line.partition(":")
            current[name] = value
    assert current is None
    return events


def test_event_ics_has_utc_times_escaped_text_and_intact_umlauts(client, congress):
    response = client.get(f"/veranstaltungen/{congress.pk}/kalender.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="veranstaltung-{congress.pk}.ics"'
    )
    text = response.content.decode("utf-8")
    [vevent] = vevents(text)
    assert vevent["DTSTART"] == "20270601T080000Z"  # 10:00 summer time in Berlin
    assert vevent["DTEND"] == "20270601T153000Z"
    assert vevent["SUMMARY"] == ESCAPED_TITLE
    assert vevent["LOCATION"] == "Gürzenich Köln\\, Martinstraße 29–37\\, 50667 Köln"
    assert vevent["DESCRIPTION"] == (
        "Vorträge\\, Workshops und Austausch über Engagementförderung in Städten\\, Kreisen "
        "und Gemeinden – mit Ergebnissen aus fünf Jahren Netzwerkarbeit.\\nAnmeldung bis "
        "Ende Mai."
    )
    assert vevent["STATUS"] == "CONFIRMED"
    assert vevent["URL"].endswith(f"/veranstaltungen/{congress.pk}/")
    assert vevent["UID"].startswith(f"event-{congress.pk}@")
    assert max(len(line.encode()) for line in text.split("\r\n")) == 75  # folded, not cut


def test_winter_event_is_one_hour_ahead_of_utc():
    event = EventFactory.build(
        pk=7,
        title="Neujahrsempfang",
        starts_at=berlin(2027, 1, 15, 10),
        ends_at=berlin(2027, 1, 15, 12),
    )

    [vevent] = vevents(outputs.ics_calendar([event], name="Netzwerk"))

    assert (vevent["DTSTART"], vevent["DTEND"]) == ("20270115T090000Z", "20270115T110000Z")


@pytest.mark.parametrize(
    "title",
    [
        "x" * 60,
        "Ä" * 70,
        "Bürgerschaftliches Engagement " * 8,
        "y" * 141,
        "z" * 142,
        "w" * 216,
    ],
)
def test_long_lines_are_folded_at_75_octets_and_unfold_to_the_text(title):
    event = EventFactory.build(
        pk=3, title=title, starts_at=berlin(2027, 6, 1, 10), ends_at=berlin(2027, 6, 1, 12)
    )

    [vevent] = vevents(outputs.ics_calendar([event], name="Netzwerk"))

    assert vevent["SUMMARY"] == title


def test_calendar_feed_lists_only_the_users_active_registrations(client):
    person = UserFactory(email="petra.schulte@kommune.example")
    feed = CalendarFeed.objects.create(user=person)
    confirmed = EventFactory(title="Netzwerktreffen Münster")
    waiting_for = EventFactory(title="Topmeeting Düsseldorf")
    called_off = EventFactory(title="Fachtag Ehrenamt", status=Event.Status.CANCELLED)
    left = EventFactory(title="Regionalseminar Detmold")
    someone_elses = EventFactory(title="Kongress ohne Petra")
    RegistrationFactory(event=confirmed, user=person, email=person.email)
    RegistrationFactory(event=waiting_for, user=person, email=person.email, status=Status.WAITING)
    RegistrationFactory(event=called_off, user=person, email=person.email)
    RegistrationFactory(event=left, user=person, email=person.email, status=Status.CANCELLED)
    RegistrationFactory(event=someone_elses, user=UserFactory())

    response = client.get(f"/veranstaltungen/kalender/{feed.token}.ics")

    assert response.status_code == 200
    assert reverse("events:calendar_feed", args=[feed.token]) == (
        f"/veranstaltungen/kalender/{feed.token}.ics"
    )
    text = response.content.decode("utf-8")
    assert "X-WR-CALNAME:Meine Veranstaltungen im Netzwerk\r\n" in text
    found = {event["SUMMARY"]: event["STATUS"] for event in vevents(text)}
    assert found == {
        "Netzwerktreffen Münster": "CONFIRMED",
        "Topmeeting Düsseldorf": "CONFIRMED",
        "Fachtag Ehrenamt": "CANCELLED",
    }


MEETING = "https://konferenz.example.org/raum-4711"


@pytest.fixture
def consultation(db):
    """A members-only online consultation with its meeting link."""
    return EventFactory(
        title="Online-Sprechstunde",
        kind=Event.Kind.ONLINE,
        venue_name="",
        venue_address="",
        online_url=MEETING,
    )


def _location(response) -> str:
    [vevent] = vevents(response.content.decode("utf-8"))
    return vevent["LOCATION"]


@pytest.mark.parametrize(
    ("status", "sees_link"),
    [(None, False), (Status.PENDING, False), (Status.WAITING, False), (Status.CONFIRMED, True)],
)
def test_the_meeting_link_goes_only_to_confirmed_participants(
    client, consultation, status, sees_link
):
    person = UserFactory(email="petra.schulte@kommune.example")
    if status is not None:
        RegistrationFactory(event=consultation, user=person, email=person.email, status=status)
    feed = CalendarFeed.objects.create(user=person)
    public_file = client.get(f"/veranstaltungen/{consultation.pk}/kalender.ics")
    client.force_login(person)

    own_file = client.get(f"/veranstaltungen/{consultation.pk}/kalender.ics")
    own_feed = client.get(f"/veranstaltungen/kalender/{feed.token}.ics")
    page = client.get(consultation.get_absolute_url()).content.decode()

    assert _location(public_file) == "Online"
    assert MEETING not in public_file.content.decode()
    assert (_location(own_file) == MEETING) is sees_link
    assert (MEETING in page) is sees_link
    if status is not None:
        assert (_location(own_feed) == MEETING) is sees_link


def test_unknown_calendar_feed_is_not_found(client):
    assert client.get("/veranstaltungen/kalender/unbekannt.ics").status_code == 404


# --- participant list PDF -------------------------------------------------------------------


def pdf_text(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


WIDE_NAMES = ["Ömer Yılmaz", "Łukasz Wąsik", "Şükrü Güneş", "Zoë Ðorđević"]


@pytest.mark.parametrize("document", ["liste.pdf", "namensschilder.pdf"])
def test_names_beyond_latin_1_print_as_written(office_client, congress, document):
    for name in WIDE_NAMES:
        RegistrationFactory(event=congress, name=name, organisation_name="Stadt Łódź")

    response = office_client.get(f"/veranstaltungen/{congress.pk}/teilnehmende.{document}")

    pdf = pypdfium2.PdfDocument(response.content)
    text = "\n".join(page.get_textpage().get_text_range() for page in pdf)
    for name in WIDE_NAMES:
        assert name in text
    assert "Stadt Łódź" in text
    assert "■" not in text


@pytest.mark.parametrize(("count", "pages"), [(5, 1), (35, 2)])
def test_participant_list_pdf_names_everyone_confirmed(office_client, congress, count, pages):
    names = NAMES + [f"Teilnehmerin {n:02d}" for n in range(count - len(NAMES))]
    for name in names:
        RegistrationFactory(event=congress, name=name, organisation_name="Stadt Köln")
    RegistrationFactory(event=congress, name="Wanda Warteliste", status=Status.WAITING)
    RegistrationFactory(event=congress, name="Stefan Storniert", status=Status.CANCELLED)

    response = office_client.get(f"/veranstaltungen/{congress.pk}/teilnehmende.liste.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="teilnehmendenliste-{congress.pk}.pdf"'
    )
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.metadata.title == f"Teilnehmendenliste – {TITLE}"
    texts = pdf_text(response.content)
    assert len(texts) == pages
    for text in texts:
        assert TITLE in text
        assert "Teilnehmendenliste" in text
        assert "Unterschrift" in text
    everything = "\n".join(texts)
    for name in names:
        assert name in everything
    assert "Stadt Köln" in everything
    assert "Wanda Warteliste" not in everything
    assert "Stefan Storniert" not in everything


# --- badges with QR codes -------------------------------------------------------------------


def qr_texts(content: bytes) -> list[list[str]]:
    """The QR codes found on each page of a PDF, rendered at 216 dpi."""
    document = pypdfium2.PdfDocument(content)
    found = []
    for index in range(len(document)):
        image = document[index].render(scale=3).to_pil()
        found.append(sorted(code.text for code in zxingcpp.read_barcodes(image)))
    return found


def test_badges_carry_the_check_in_address_which_checks_in_at_the_door(
    office_client, congress, authority
):
    people = [RegistrationFactory(event=congress, name=name, authority=authority) for name in NAMES]
    RegistrationFactory(event=congress, name="Wanda Warteliste", status=Status.WAITING)

    response = office_client.get(f"/veranstaltungen/{congress.pk}/teilnehmende.namensschilder.pdf")

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="namensschilder-{congress.pk}.pdf"'
    )
    urls = {
        person.pk: f"http://testserver/veranstaltungen/{congress.pk}/einlass/{person.check_in_code}/"
        for person in people
    }
    assert qr_texts(response.content) == [sorted(urls.values())]
    page = "\n".join(pdf_text(response.content))
    for name in NAMES:
        assert name in page

    anna = people[0]
    path = urlsplit(urls[anna.pk]).path
    assert path == reverse("events:check_in_scan", args=[congress.pk, anna.check_in_code])
    shown = office_client.get(path)
    assert shown.status_code == 200
    assert "Anna Müller" in shown.content.decode()
    assert authority.name in shown.content.decode()
    assert "Einchecken" in shown.content.decode()

    checked = office_client.post(path, follow=True)

    anna.refresh_from_db()
    assert anna.checked_in_at is not None
    assert "Anna Müller ist eingecheckt." in checked.content.decode()
    assert "Anwesend seit" in checked.content.decode()
    assert Registration.objects.exclude(checked_in_at=None).get() == anna


def test_a_badge_code_only_checks_in_and_never_opens_the_personal_registration(
    office_client, client, congress
):
    person = RegistrationFactory(event=congress, name="Anna Müller")

    response = office_client.get(f"/veranstaltungen/{congress.pk}/teilnehmende.namensschilder.pdf")

    ((url,),) = qr_texts(response.content)
    code = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    assert code == person.check_in_code
    assert person.token not in url
    assert client.get(f"/veranstaltungen/anmeldung/{code}/").status_code == 404
    assert client.post(f"/veranstaltungen/anmeldung/{code}/stornieren/").status_code == 404
    assert client.post(f"/veranstaltungen/anmeldung/{code}/workshops/").status_code == 404
    person.refresh_from_db()
    assert person.status == Status.CONFIRMED
    assert (
        office_client.get(f"/veranstaltungen/{congress.pk}/einlass/{person.token}/").status_code
        == 404
    )


def test_badges_fill_a_second_page_after_ten(office_client, congress):
    people = [RegistrationFactory(event=congress, name=f"Person {n:02d}") for n in range(12)]

    response = office_client.get(f"/veranstaltungen/{congress.pk}/teilnehmende.namensschilder.pdf")

    pages = qr_texts(response.content)
    assert [len(codes) for codes in pages] == [10, 2]
    assert sorted(pages[0] + pages[1]) == sorted(
        f"http://testserver/veranstaltungen/{congress.pk}/einlass/{p.check_in_code}/"
        for p in people
    )


def test_a_badge_of_a_waiting_person_does_not_check_in(office_client, congress, authority):
    person = RegistrationFactory(
        event=congress, name="Wanda Warteliste", status=Status.WAITING, authority=authority
    )
    path = f"/veranstaltungen/{congress.pk}/einlass/{person.check_in_code}/"

    shown = office_client.get(path)
    checked = office_client.post(path, follow=True)

    assert "Keine bestätigte Anmeldung" in shown.content.decode()
    assert "Nur bestätigte Teilnehmende können eingecheckt werden." in checked.content.decode()
    person.refresh_from_db()
    assert person.checked_in_at is None


def test_the_door_page_checks_in_people_without_a_municipality(office_client, congress):
    person = RegistrationFactory(
        event=congress,
        name="Jürgen Weiß",
        organisation_name="Freiwilligenagentur Köln",
        authority=None,
    )
    path = f"/veranstaltungen/{congress.pk}/einlass/{person.check_in_code}/"

    shown = office_client.get(path)

    assert shown.status_code == 200
    assert "Freiwilligenagentur Köln" in shown.content.decode()
    office_client.post(path)
    person.refresh_from_db()
    assert person.checked_in_at is not None


# --- CSV ------------------------------------------------------------------------------------


def test_participants_csv_opens_in_german_excel_with_needs(office_client, congress, authority):
    ideas = AgendaItemFactory(event=congress, title="Ehrenamtskarte")
    later = AgendaItemFactory(
        event=congress,
        title="Junges Engagement",
        starts_at=ideas.ends_at,
        ends_at=ideas.ends_at + datetime.timedelta(hours=1),
    )
    RegistrationFactory(
        event=congress,
        name="Anna Müller",
        email="anna@koeln.example",
        organisation_name="Stadt Köln",
        needs="vegan; Rollstuhlplatz",
        checked_in_at=berlin(2027, 6, 1, 9, 45),
        workshops=[ideas, later],
    )
    RegistrationFactory(
        event=congress, name="Jörg Weiß", email="joerg@example.org", authority=authority
    )
    RegistrationFactory(event=congress, name="Wanda Warteliste", status=Status.WAITING)

    response = office_client.get(f"/veranstaltungen/{congress.pk}/teilnehmende.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="teilnehmende-{congress.pk}.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [
        [
            "Name",
            "E-Mail",
            "Organisation oder Kommune",
            "Status",
            "Workshops",
            "Bedarfe zu Barrierefreiheit oder Verpflegung",
            "Eingecheckt",
        ],
        [
            "Anna Müller",
            "anna@koeln.example",
            "Stadt Köln",
            "bestätigt",
            "Ehrenamtskarte, Junges Engagement",
            "vegan; Rollstuhlplatz",
            "01.06.2027 09:45",
        ],
        ["Jörg Weiß", "joerg@example.org", authority.name, "bestätigt", "", "", ""],
    ]


FORMULA = '=HYPERLINK("http://x","y")'


def test_participants_csv_keeps_a_formula_in_a_name_inert(office_client, congress):
    RegistrationFactory(event=congress, name=FORMULA, organisation_name="@SUM(1+1)", needs="-1+2")

    response = office_client.get(f"/veranstaltungen/{congress.pk}/teilnehmende.csv")

    row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))[1]
    assert (row[0], row[2], row[5]) == (f"'{FORMULA}", "'@SUM(1+1)", "'-1+2")


def test_participants_xlsx_holds_a_formula_in_a_name_as_text(office_client, congress):
    RegistrationFactory(event=congress, name=FORMULA, organisation_name="Stadt Köln")

    response = office_client.get(f"/veranstaltungen/{congress.pk}/teilnehmende.xlsx")

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="teilnehmende-{congress.pk}.xlsx"'
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Name"
    assert (sheet["A2"].value, sheet["A2"].data_type) == (FORMULA, "s")
    assert sheet["C2"].value == "Stadt Köln"
