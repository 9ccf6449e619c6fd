"""The events pages as people use them: the calendar with its filters, an event's page with
programme and registration, the double opt-in of the public, the personal registration page,
the organisers' participant data (a role matrix) and the personal calendar address."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.audiences.models import Segment
from engagiert.events.models import (
    AgendaItem,
    CalendarFeed,
    Event,
    Feedback,
    Invitation,
    Invitee,
    Registration,
)
from engagiert.events.tests.factories import (
    AgendaItemFactory,
    EventFactory,
    RegistrationFactory,
    in_days,
)
from engagiert.registry.models import Organisation
from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory, TopicFactory

pytestmark = pytest.mark.django_db

LIST = "/veranstaltungen/"
LOGIN = "login"
FORBIDDEN = "Dazu sind Sie nicht berechtigt"
ONLY_ORGANISERS = (
    "Die Daten der Teilnehmenden sind dem Netzwerkbüro und den Veranstaltenden vorbehalten."
)
NOT_FOUND = "Diese Seite gibt es nicht"
REGISTER_BUTTON = '<span class="kern-label">Anmelden</span></button>'
#: Queries of the calendar for a visitor, whatever the number of events: the filter choices
#: (years, topics), the count, the page and the topics of the page.
LIST_QUERIES = 5
#: The same for a logged-in person: session, user, roles (drafts for the office?), whether they
#: act for a member authority (navigation) and the »my events« box.
LIST_QUERIES_LOGGED_IN = LIST_QUERIES + 5

Status = Registration.Status


def _event(
    title: str = "Netzwerktreffen Rheinland",
    *,
    topics: tuple[Any, ...] = (),
    organisers: tuple[Organisation, ...] = (),
    **fields: Any,
) -> Event:
    """A published members-only meeting in four weeks for 20 people, unless told otherwise."""
    event = EventFactory(title=title, **fields)
    event.topics.set(topics)
    event.organisers.set(organisers)
    return event


def _item(event: Event, title: str, *, start: int, end: int, **fields: Any) -> AgendaItem:
    """A programme item of `event` from hour `start` to hour `end` of its first day."""
    day = timezone.localtime(event.starts_at).replace(minute=0, second=0, microsecond=0)
    fields.setdefault("kind", AgendaItem.Kind.PLENARY)
    fields.setdefault("capacity", None)
    return AgendaItemFactory(
        event=event,
        title=title,
        starts_at=day.replace(hour=start),
        ends_at=day.replace(hour=end),
        **fields,
    )


def _workshop(event: Event, title: str, *, start: int, end: int, **fields: Any) -> AgendaItem:
    return _item(event, title, start=start, end=end, kind=AgendaItem.Kind.WORKSHOP, **fields)


def _registration(
    event: Event, name: str, *, status: str = Status.CONFIRMED, **fields: Any
) -> Registration:
    """`name`'s registration; the address is the first name at example.org."""
    fields.setdefault("email", f"{name.split()[0].lower()}@example.org")
    if status != Status.CONFIRMED:
        fields.setdefault("confirmed_at", None)
    return RegistrationFactory(event=event, name=name, status=status, **fields)


def _user(role: Role | None = None, **scope: Any) -> User:
    user = UserFactory()
    if role is not None:
        role_grant(user=user, role=role, **scope)
    return user


def _text(response) -> str:
    return response.content.decode()


def _panel(text: str) -> str:
    """The registration panel of an event's page."""
    return text.split('id="registration"')[1].split("</section>")[0]


def _titles(response) -> list[str]:
    return [event.title for event in response.context["page"].object_list]


# --- The calendar ---------------------------------------------------------------------------


@pytest.fixture
def calendar(db):
    """Two upcoming events and two past ones, in different formats, years and topics."""
    youth = TopicFactory(name="Junge Menschen", slug="jugend")
    ageing = TopicFactory(name="Demografischer Wandel", slug="demografie")
    _event("Netzwerktreffen Rheinland", starts_at=in_days(14), topics=(youth,))
    _event("Engagementkongress", kind=Event.Kind.CONGRESS, starts_at=in_days(60), topics=(ageing,))
    _event(
        "Spitzentreffen 2023",
        kind=Event.Kind.TOP_MEETING,
        starts_at=timezone.make_aware(datetime.datetime(2023, 5, 10, 10)),
        topics=(ageing,),
    )
    _event(
        "Netzwerktreffen Westfalen 2024",
        starts_at=timezone.make_aware(datetime.datetime(2024, 6, 12, 10)),
        topics=(youth,),
    )


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (None, ["Netzwerktreffen Rheinland", "Engagementkongress"]),
        ("upcoming", ["Netzwerktreffen Rheinland", "Engagementkongress"]),
        ("past", ["Netzwerktreffen Westfalen 2024", "Spitzentreffen 2023"]),
        (
            "all",
            [
                "Engagementkongress",
                "Netzwerktreffen Rheinland",
                "Netzwerktreffen Westfalen 2024",
                "Spitzentreffen 2023",
            ],
        ),
    ],
)
def test_event_list_view_shows_upcoming_past_or_all(client, calendar, when, expected):
    response = client.get(LIST, {"when": when} if when else {})
    text = _text(response)
    assert response.status_code == 200
    assert _titles(response) == expected
    assert "Veranstaltungen des Netzwerks" in text
    assert f"{len(expected)} Veranstaltungen" in text


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"when": "all", "kind": "congress"}, ["Engagementkongress"]),
        (
            {"when": "all", "kind": "network_meeting"},
            ["Netzwerktreffen Rheinland", "Netzwerktreffen Westfalen 2024"],
        ),
        ({"when": "past", "year": "2023"}, ["Spitzentreffen 2023"]),
        (
            {"when": "all", "topic": "jugend"},
            ["Netzwerktreffen Rheinland", "Netzwerktreffen Westfalen 2024"],
        ),
        (
            {"when": "past", "kind": "top_meeting", "topic": "demografie", "year": "2023"},
            ["Spitzentreffen 2023"],
        ),
        ({"when": "past", "kind": "congress"}, []),
    ],
)
def test_event_list_view_filters_by_format_year_and_topic(client, calendar, filters, expected):
    response = client.get(LIST, filters)
    assert response.status_code == 200
    assert _titles(response) == expected
    if not expected:
        assert "Keine Veranstaltungen" in _text(response)


def test_event_list_view_offers_only_years_with_events(client, calendar):
    response = client.get(LIST)
    years = [str(value) for value, _label in response.context["form"].fields["year"].choices]
    upcoming = {str(in_days(14).year), str(in_days(60).year)}  # one year or two
    assert years == ["", *sorted(upcoming, reverse=True), "2024", "2023"]
    assert "Alle Jahre" in _text(response)


def test_event_list_view_answers_htmx_with_the_results_fragment(client, calendar):
    response = client.get(LIST, {"when": "past"}, headers={"HX-Request": "true"})
    text = _text(response)
    assert response.status_code == 200
    assert "<html" not in text
    assert "Spitzentreffen 2023" in text
    assert "Netzwerktreffen Rheinland" not in text
    assert "2 Veranstaltungen" in text


@pytest.mark.parametrize(
    "filters",
    [
        {"when": "gestern"},
        {"kind": "zirkus"},
        {"year": "abc"},
        {"year": "1850"},
        {"topic": "gibt-es-nicht"},
        {"when": "morgen", "kind": "<script>", "year": "-1", "topic": "x" * 300, "seite": "abc"},
    ],
)
def test_event_list_view_ignores_invalid_filter_values(client, calendar, filters):
    response = client.get(LIST, filters)
    assert response.status_code == 200
    assert _titles(response) == ["Netzwerktreffen Rheinland", "Engagementkongress"]


def test_event_list_view_hides_drafts_from_the_public_but_shows_them_to_the_office(
    client, calendar, office_user, officer
):
    draft = _event("Fachtagung Engagement 2030", status=Event.Status.DRAFT, starts_at=in_days(30))

    assert "Fachtagung Engagement 2030" not in _titles(client.get(LIST))
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(officer)
    assert "Fachtagung Engagement 2030" not in _titles(client.get(LIST))
    assert client.get(draft.get_absolute_url()).status_code == 404

    client.force_login(office_user)
    response = client.get(LIST)
    assert "Fachtagung Engagement 2030" in _titles(response)
    assert '<span class="kern-label">Entwurf</span>' in _text(response)
    assert client.get(draft.get_absolute_url()).status_code == 200


def _fill_calendar(count: int, topics: list[Any], me: User | None) -> None:
    """`count` more upcoming events, each with two topics and three registrations (one of them
    mine when I am logged in, so that »my events« grows with the calendar)."""
    for n in range(Event.objects.count(), Event.objects.count() + count):
        event = _event(
            f"Austausch {n}",
            starts_at=in_days(5 + n),
            capacity=40,
            topics=(topics[n % 3], topics[(n + 1) % 3]),
        )
        for k, status in enumerate((Status.CONFIRMED, Status.CONFIRMED, Status.WAITING)):
            _registration(event, f"Person {k}", email=f"p{k}-{n}@example.org", status=status)
        if me is not None:
            _registration(event, "Ich", email=me.email, user=me)


@pytest.mark.parametrize("role", ["anonymous", "officer", "office"])
def test_event_list_view_runs_the_same_queries_for_3_and_60_events(
    client, django_assert_max_num_queries, authority, role
):
    topics = [TopicFactory(name=f"Thema {n}", slug=f"thema-{n}") for n in range(3)]
    me, ceiling = None, LIST_QUERIES
    if role != "anonymous":
        me = _user(Role(role), **({"authority": authority} if role == "officer" else {}))
        client.force_login(me)
        ceiling = LIST_QUERIES_LOGGED_IN
    counted = []
    for more in (3, 57):
        _fill_calendar(more, topics, me)
        with django_assert_max_num_queries(ceiling), CaptureQueriesContext(connection) as queries:
            response = client.get(LIST, {"when": "all"})
        counted.append(len(queries))
        assert response.status_code == 200
    assert response.context["page"].paginator.count == 60
    assert "60 Veranstaltungen" in _text(response)
    assert counted[0] == counted[1]
    if me is not None:
        assert len(response.context["mine"]) == 60


# --- An event's page ------------------------------------------------------------------------


@pytest.fixture
def congress(db):
    """A members-only congress with 30 places: a plenary and two workshops at the same time."""
    event = _event(
        "Engagementkongress NRW",
        kind=Event.Kind.CONGRESS,
        capacity=30,
        venue_name="Stadthalle Mülheim",
    )
    _item(event, "Begrüßung und Keynote", start=10, end=11, room="Großer Saal")
    _workshop(event, "Werkstatt Junges Engagement", start=11, end=13, capacity=15, room="Raum 1")
    _workshop(event, "Werkstatt Digitales Ehrenamt", start=12, end=14, capacity=15, room="Raum 2")
    _workshop(event, "Werkstatt Anerkennung", start=14, end=15, capacity=15, room="Raum 3")
    for n in range(3):
        _registration(event, f"Teilnehmerin {n}", email=f"t{n}@example.org")
    return event


def _workshops(event: Event) -> dict[str, AgendaItem]:
    return {item.title: item for item in event.agenda.filter(kind=AgendaItem.Kind.WORKSHOP)}


def test_event_detail_view_shows_the_programme_and_places_free(client, congress):
    response = client.get(congress.get_absolute_url())
    text = _text(response)
    assert response.status_code == 200
    assert "Engagementkongress NRW" in text
    assert "Stadthalle Mülheim" in text
    for title in ("Begrüßung und Keynote", "Werkstatt Junges Engagement", "Werkstatt Anerkennung"):
        assert title in text
    assert "11:00–13:00" in text
    assert "27 Plätze frei" in text


def test_event_detail_view_asks_anonymous_visitors_of_a_members_event_to_log_in(client, congress):
    url = congress.get_absolute_url()
    text = _text(client.get(url))
    assert f'href="/konto/anmelden/?next={url}"' in text
    assert 'name="email"' not in text
    assert f'action="{url}anmelden/"' not in text


def test_event_detail_view_asks_the_public_for_name_and_e_mail(client):
    event = _event("Tag des Ehrenamts", is_public=True, capacity=100)
    text = _text(client.get(event.get_absolute_url()))
    assert 'name="name"' in text
    assert 'name="email"' in text
    assert REGISTER_BUTTON in text
    assert "/konto/anmelden/" not in _panel(text)


def test_event_detail_view_does_not_ask_a_member_for_name_and_e_mail(client, congress, officer):
    client.force_login(officer)
    text = _text(client.get(congress.get_absolute_url()))
    assert 'name="name"' not in text
    assert 'name="email"' not in text
    assert "Werkstatt Digitales Ehrenamt (Raum 2) – 15 Plätze frei" in text
    assert REGISTER_BUTTON in text


def test_workshops_at_the_same_time_are_one_choice_with_none(client, congress, officer):
    client.force_login(officer)
    text = _text(client.get(congress.get_absolute_url()))

    slots = re.findall(r'<legend class="kern-label">([^<]+)</legend>', text)
    assert slots[-2:] == ["11:00–14:00 Uhr", "14:00–15:00 Uhr"]
    first = text.split("11:00–14:00 Uhr")[1].split("</fieldset>")[0]
    assert re.findall(r'type="radio" name="(\w+)" value="(\d*)"', first) == [
        ("workshops_0", ""),
        ("workshops_0", str(_workshops(congress)["Werkstatt Junges Engagement"].pk)),
        ("workshops_0", str(_workshops(congress)["Werkstatt Digitales Ehrenamt"].pk)),
    ]
    assert 'value="" id="id_workshops_0" checked' in first
    assert '<label class="kern-label" for="id_workshops_0">keiner</label>' in first


def test_event_detail_view_offers_the_waiting_list_when_full(client, officer):
    event = _event("Spitzentreffen", kind=Event.Kind.TOP_MEETING, capacity=1)
    _registration(event, "Bürgermeisterin Schmitz")
    client.force_login(officer)
    text = _text(client.get(event.get_absolute_url()))
    assert "0 Plätze frei" in text
    assert '<span class="kern-label">Auf die Warteliste</span></button>' in text
    assert REGISTER_BUTTON not in text


def test_event_detail_view_lists_only_consenting_confirmed_participants(client, congress):
    _registration(congress, "Anna Einverstanden", list_consent=True, organisation_name="Stadt Bonn")
    _registration(congress, "Bernd Ohnezustimmung", list_consent=False)
    _registration(congress, "Carla Wartend", status=Status.WAITING, list_consent=True)
    _registration(congress, "Dieter Unbestätigt", status=Status.PENDING, list_consent=True)
    _registration(congress, "Emil Storniert", status=Status.CANCELLED, list_consent=True)

    text = _text(client.get(congress.get_absolute_url()))

    assert "Anna Einverstanden, Stadt Bonn" in text
    for name in ("Bernd Ohnezustimmung", "Carla Wartend", "Dieter Unbestätigt", "Emil Storniert"):
        assert name not in text


# --- Registering ----------------------------------------------------------------------------


def test_registration_create_view_places_a_member_and_shows_the_confirmation(
    client, congress, officer, authority, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    workshop = _workshops(congress)["Werkstatt Junges Engagement"]
    url = reverse("events:registration_create", args=[congress.pk])

    with django_capture_on_commit_callbacks(execute=True):
        data = {"workshops": [workshop.pk], "needs": "vegetarisch", "needs_consent": "on"}
        response = client.post(url, data)

    assert response.status_code == 302
    assert response["Location"] == congress.get_absolute_url()
    registration = Registration.objects.get(event=congress, user=officer)
    assert registration.status == Status.CONFIRMED
    assert registration.email == officer.email
    assert registration.authority == authority
    assert list(registration.workshops.all()) == [workshop]
    text = _text(client.get(response["Location"]))
    assert f"Sie sind angemeldet. Eine Bestätigung ist an {officer.email} unterwegs." in text
    assert "26 Plätze frei" in text
    assert 'name="workshops"' not in text  # registered: the form gives way to the registration
    assert "Werkstatt Junges Engagement" in _panel(text)
    assert [m.subject for m in mail.outbox] == ["Anmeldung bestätigt: Engagementkongress NRW"]


def test_registration_create_view_answers_htmx_with_the_registration_panel(
    client, congress, officer
):
    client.force_login(officer)
    url = reverse("events:registration_create", args=[congress.pk])

    response = client.post(url, {}, headers={"HX-Request": "true"})

    text = _text(response)
    assert response.status_code == 200
    assert "<html" not in text
    assert 'class="stack registration-panel"' in text
    assert f"Sie sind angemeldet. Eine Bestätigung ist an {officer.email} unterwegs." in text
    assert "26 Plätze frei" in text
    assert Registration.objects.get(event=congress, user=officer).status == Status.CONFIRMED


def test_registration_create_view_wait_lists_a_member_when_full(client, officer):
    event = _event("Spitzentreffen", kind=Event.Kind.TOP_MEETING, capacity=1)
    _registration(event, "Bürgermeisterin Schmitz")
    client.force_login(officer)

    response = client.post(
        reverse("events:registration_create", args=[event.pk]), {}, headers={"HX-Request": "true"}
    )

    assert (
        "Die Veranstaltung ist ausgebucht; Sie stehen auf der Warteliste und erhalten eine "
        f"E-Mail ({officer.email}), sobald ein Platz frei wird."
    ) in _text(response)
    assert Registration.objects.get(event=event, user=officer).status == Status.WAITING


def _confirm_link(address: str) -> str:
    [message] = [m for m in mail.outbox if m.to == [address]]
    match = re.search(
        r"https?://[^/\s]+(/veranstaltungen/anmeldung/[^/\s]+/bestaetigen/)", message.body
    )
    assert match, message.body
    return match.group(1)


def test_registration_by_the_public_is_confirmed_by_the_link_once(
    client, django_capture_on_commit_callbacks
):
    event = _event("Tag des Ehrenamts", is_public=True, capacity=100)
    url = reverse("events:registration_create", args=[event.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "name": "Erika Muster",
                "email": "Erika@Example.org",
                "organisation_name": "Tafel Hamm e.V.",
            },
            follow=True,
        )

    registration = Registration.objects.get(event=event)
    assert registration.status == Status.PENDING
    assert registration.email == "erika@example.org"
    assert (
        "Fast geschafft: Bitte bestätigen Sie Ihre Anmeldung über den Link, den wir an "
        "erika@example.org geschickt haben."
    ) in _text(response)
    assert [m.subject for m in mail.outbox] == [
        "Bitte bestätigen Sie Ihre Anmeldung: Tag des Ehrenamts"
    ]
    link = _confirm_link("erika@example.org")
    assert link == reverse("events:registration_confirm", args=[registration.token])

    page = client.get(link)
    assert page.status_code == 200
    assert "Anmeldung bestätigen" in _text(page)
    assert 'method="post"' in _text(page)
    registration.refresh_from_db()
    assert registration.status == Status.PENDING  # a mail scanner's GET confirms nothing

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(link, follow=True)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert confirmed.redirect_chain[-1][0] == registration.get_absolute_url()
    assert "Sie sind angemeldet. Eine Bestätigung ist an erika@example.org unterwegs." in _text(
        confirmed
    )
    assert mail.outbox[-1].subject == "Anmeldung bestätigt: Tag des Ehrenamts"

    again = client.post(link, follow=True)
    assert "Dieser Link wurde bereits verwendet: Ihre Anmeldung ist bestätigt." in _text(again)
    assert Registration.objects.filter(event=event, status=Status.CONFIRMED).count() == 1
    assert "Dieser Link wurde bereits verwendet" in _text(client.get(link))


@pytest.mark.parametrize(
    ("data", "field", "german"),
    [
        ({"name": "Erika Muster", "email": ""}, "email", "Dieses Feld ist zwingend erforderlich."),
        (
            {"name": "Erika Muster", "email": "erika(at)example"},
            "email",
            "Bitte gültige E-Mail-Adresse eingeben.",
        ),
    ],
)
def test_registration_create_view_shows_german_errors_at_the_field_and_keeps_input(
    client, data, field, german
):
    event = _event("Tag des Ehrenamts", is_public=True, capacity=100)
    url = reverse("events:registration_create", args=[event.pk])

    response = client.post(url, {**data, "organisation_name": "Tafel Hamm e.V."})

    text = _text(response)
    assert response.status_code == 200
    assert f'<p class="kern-error" id="id_{field}_error">' in text
    assert german in text.split(f'id="id_{field}_error"')[1].split("</p>")[0]
    assert 'aria-invalid="true"' in text
    assert 'value="Erika Muster"' in text
    assert 'value="Tafel Hamm e.V."' in text
    if data["email"]:
        assert f'value="{data["email"]}"' in text
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_registration_create_view_refuses_overlapping_workshops_at_the_field(
    client, congress, officer
):
    client.force_login(officer)
    chosen = _workshops(congress)
    data = {
        "workshops": [
            chosen["Werkstatt Junges Engagement"].pk,
            chosen["Werkstatt Digitales Ehrenamt"].pk,
        ],
        "needs": "Rollstuhlplatz",
        "needs_consent": "on",
    }

    response = client.post(reverse("events:registration_create", args=[congress.pk]), data)

    text = _text(response)
    assert response.status_code == 200
    error = text.split('id="id_workshops_error"')[1].split("</p>")[0]
    assert "»Werkstatt Junges Engagement« und »Werkstatt Digitales Ehrenamt«" in error
    assert 'aria-describedby="id_workshops_error' in text
    assert "Rollstuhlplatz" in text
    assert text.count(" checked") == 3  # the choices are kept: two workshops and the consent
    assert not Registration.objects.filter(user=officer).exists()


def test_registration_create_view_for_anonymous_on_a_members_event_saves_nothing(client, congress):
    """A member whose session ran out while the page was open sends the form anonymously."""
    response = client.post(
        reverse("events:registration_create", args=[congress.pk]),
        {"name": "Erika Muster", "email": "erika@example.org"},
        headers={"HX-Request": "true"},
    )
    text = _text(response)
    assert response.status_code == 200
    assert "Diese Veranstaltung richtet sich an Mitglieder des Netzwerks." in text
    assert "Zur Anmeldung mit Ihrem Konto einloggen" in text
    assert not Registration.objects.filter(email="erika@example.org").exists()


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.OFFICER])
def test_registration_for_a_members_event_is_not_offered_to_non_members(client, congress, role):
    """A volunteer, or the officer of a municipality outside the network."""
    outsider = _user(role, authority=AuthorityFactory()) if role == Role.OFFICER else _user(role)
    client.force_login(outsider)

    page = _panel(_text(client.get(congress.get_absolute_url())))
    response = client.post(reverse("events:registration_create", args=[congress.pk]), {})

    expected = "Ihr Konto handelt nicht für eine Mitgliedskommune."
    assert expected in page
    assert REGISTER_BUTTON not in page
    assert response.status_code == 200
    assert expected in _panel(_text(response))
    assert not Registration.objects.filter(event=congress, user=outsider).exists()


def test_registration_create_view_login_link_leads_back_to_the_event(client, congress, officer):
    response = client.post(
        reverse("events:registration_create", args=[congress.pk]),
        {},
        headers={"HX-Request": "true"},
    )
    login = re.search(r'href="(/konto/anmelden/\?next=[^"]+)"', _text(response))
    assert login is not None
    client.force_login(officer)
    next_page = login.group(1).split("next=", 1)[1]
    assert client.get(next_page).status_code == 200
    assert next_page == congress.get_absolute_url()


# --- The personal registration page ---------------------------------------------------------


def test_registration_cancel_view_cancels_by_the_personal_link_and_promotes_the_next(
    client, django_capture_on_commit_callbacks
):
    event = _event("Spitzentreffen", kind=Event.Kind.TOP_MEETING, capacity=1)
    mine = _registration(event, "Erika Muster")
    waiting = _registration(
        event, "Walter Wartend", status=Status.WAITING, waiting_since=timezone.now()
    )
    page = _text(client.get(mine.get_absolute_url()))
    assert "Anmeldung stornieren" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:registration_cancel", args=[mine.token]), follow=True
        )

    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == Status.CANCELLED
    assert waiting.status == Status.CONFIRMED
    text = _text(response)
    assert response.redirect_chain[-1][0] == mine.get_absolute_url()
    assert "Ihre Anmeldung ist storniert." in text
    assert "Anmeldung stornieren" not in text
    assert {m.to[0] for m in mail.outbox} == {"erika@example.org", "walter@example.org"}


def test_registration_manage_view_of_an_unknown_link_is_404(client):
    response = client.get(reverse("events:registration_manage", args=["gibt-es-nicht"]))
    assert response.status_code == 404
    assert NOT_FOUND in _text(response)


@pytest.mark.parametrize(
    ("status", "days", "asked"),
    [
        (Status.CONFIRMED, -2, True),
        (Status.CONFIRMED, 3, False),  # not yet: the event is still ahead
        (Status.WAITING, -2, False),
        (Status.CANCELLED, -2, False),
        (Status.PENDING, -2, False),
    ],
)
def test_registration_manage_view_asks_for_feedback_after_the_event_only_participants(
    client, status, days, asked
):
    event = _event("Fachtagung Ehrenamt", kind=Event.Kind.CONFERENCE, starts_at=in_days(days))
    registration = _registration(event, "Erika Muster", status=status)
    text = _text(client.get(registration.get_absolute_url()))
    assert ('name="overall"' in text) is asked
    assert ("Ihre Rückmeldung" in text) is asked


def test_registration_manage_view_takes_the_feedback_once(client):
    event = _event("Fachtagung Ehrenamt", kind=Event.Kind.CONFERENCE, starts_at=in_days(-2))
    registration = _registration(event, "Erika Muster")

    response = client.post(
        registration.get_absolute_url(),
        {"overall": "5", "usefulness": "4", "comment": "Mehr Pausen"},
        follow=True,
    )

    feedback = Feedback.objects.get(registration=registration)
    assert (feedback.overall, feedback.usefulness, feedback.comment) == (5, 4, "Mehr Pausen")
    text = _text(response)
    assert "Vielen Dank für Ihre Rückmeldung" in text
    assert 'name="overall"' not in text


# --- Participant data: the role matrix ------------------------------------------------------


@dataclass
class Organised:
    event: Event
    organiser: Organisation
    confirmed: Registration


@pytest.fixture
def organised(db):
    organiser = OrganisationFactory(name="Landesnetzwerk Bürgerschaftliches Engagement")
    event = _event(
        "Regionalseminar Münsterland",
        kind=Event.Kind.REGIONAL_SEMINAR,
        organisers=(organiser,),
        capacity=20,
    )
    confirmed = _registration(
        event, "Clara Teilnehmerin", needs="Gebärdensprache", organisation_name="Stadt Münster"
    )
    _registration(event, "Paul Unbestätigt", status=Status.PENDING)
    return Organised(event, organiser, confirmed)


def _in_role(role: str, organised: Organised, authority: Any) -> User | None:
    if role == "anonymous":
        return None
    scopes: dict[str, dict[str, Any]] = {
        "office": {"role": Role.OFFICE},
        "organiser": {"role": Role.ORGANISATION, "organisation": organised.organiser},
        "officer": {"role": Role.OFFICER, "authority": authority},
        "volunteer": {"role": Role.VOLUNTEER},
        "other_organisation": {"role": Role.ORGANISATION, "organisation": OrganisationFactory()},
        "benefit_partner_of_organiser": {
            "role": Role.BENEFIT_PARTNER,
            "organisation": organised.organiser,
        },
    }
    return _user(**scopes[role])


ROLES = [
    "anonymous",
    "office",
    "organiser",
    "officer",
    "volunteer",
    "other_organisation",
    "benefit_partner_of_organiser",
]
ALLOWED = (LOGIN, 200, 200, 403, 403, 403, 403)


def _check_in_toggle(client: Client, url: str):
    return client.post(url, headers={"HX-Request": "true"})


def _pdf(response) -> None:
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


#: page: (URL, how to ask, what the allowed see)
PAGES: dict[
    str,
    tuple[Callable[[Organised], str], Callable[..., Any] | None, Callable[[Any, Organised], None]],
] = {
    "manage": (
        lambda o: reverse("events:event_manage", args=[o.event.pk]),
        None,
        lambda r, o: _manage_shows(r),
    ),
    "csv": (
        lambda o: reverse("events:participants_export", args=[o.event.pk, "csv"]),
        None,
        lambda r, o: _csv_shows(r),
    ),
    "list_pdf": (
        lambda o: reverse("events:participants_export", args=[o.event.pk, "liste.pdf"]),
        None,
        lambda r, o: _pdf(r),
    ),
    "badges_pdf": (
        lambda o: reverse("events:participants_export", args=[o.event.pk, "namensschilder.pdf"]),
        None,
        lambda r, o: _pdf(r),
    ),
    "check_in_scan": (
        lambda o: reverse("events:check_in_scan", args=[o.event.pk, o.confirmed.check_in_code]),
        None,
        lambda r, o: _scan_shows(r),
    ),
    "check_in_toggle": (
        lambda o: reverse("events:check_in_toggle", args=[o.event.pk, o.confirmed.pk]),
        _check_in_toggle,
        lambda r, o: _toggle_shows(r, o),
    ),
}


def _manage_shows(response) -> None:
    text = _text(response)
    assert "Teilnehmende, Einladungen, Einlass" in text
    assert "Clara Teilnehmerin" in text
    assert "Gebärdensprache" in text
    assert "einchecken" in text


def _csv_shows(response) -> None:
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "Clara Teilnehmerin" in text
    assert "Paul Unbestätigt" not in text  # only confirmed participants


def _scan_shows(response) -> None:
    text = _text(response)
    assert "Clara Teilnehmerin" in text
    assert "Einchecken" in text


def _toggle_shows(response, organised: Organised) -> None:
    assert "<html" not in _text(response)
    assert "anwesend seit" in _text(response)
    organised.confirmed.refresh_from_db()
    assert organised.confirmed.checked_in_at is not None


@pytest.mark.parametrize(
    ("page", "role", "expected"),
    [(page, role, ALLOWED[i]) for page in PAGES for i, role in enumerate(ROLES)],
)
def test_participant_data_permission_matrix(client, organised, authority, page, role, expected):
    url_of, ask, shows = PAGES[page]
    user = _in_role(role, organised, authority)
    if user is not None:
        client.force_login(user)
    url = url_of(organised)

    response = ask(client, url) if ask else client.get(url)

    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"/konto/anmelden/?next={url}"
    elif expected == 403:
        assert response.status_code == 403
        assert FORBIDDEN in _text(response)
        assert ONLY_ORGANISERS in _text(response)
        assert "Clara Teilnehmerin" not in _text(response)
    else:
        assert response.status_code == 200
        shows(response, organised)
    if expected != 200:
        organised.confirmed.refresh_from_db()
        assert organised.confirmed.checked_in_at is None


@pytest.mark.parametrize(
    ("organisation_name", "municipality", "subline"),
    [
        ("Tafel Hamm e.V.", None, "Tafel Hamm e.V. · bestätigt"),
        ("", "Hamm", "Hamm · bestätigt"),
        ("", None, '<p class="kern-subline">bestätigt</p>'),
    ],
)
def test_check_in_scan_view_shows_who_is_at_the_door(
    client, organised, office_user, organisation_name, municipality, subline
):
    """Also the public and organisation members, who come without a municipality."""
    authority = AuthorityFactory(name=municipality) if municipality else None
    guest = _registration(
        organised.event, "Gustav Gast", organisation_name=organisation_name, authority=authority
    )
    client.force_login(office_user)
    url = reverse("events:check_in_scan", args=[organised.event.pk, guest.check_in_code])

    response = client.get(url)

    text = _text(response)
    assert response.status_code == 200
    assert "Gustav Gast" in text
    assert subline in text
    assert '<span class="kern-label">Einchecken</span>' in text


def test_check_in_scan_view_checks_in_at_the_door(client, organised, office_user):
    client.force_login(office_user)
    url = reverse(
        "events:check_in_scan", args=[organised.event.pk, organised.confirmed.check_in_code]
    )

    response = client.post(url, follow=True)

    organised.confirmed.refresh_from_db()
    assert organised.confirmed.checked_in_at is not None
    text = _text(response)
    assert "Clara Teilnehmerin ist eingecheckt." in text
    assert "Anwesend seit" in text


def test_event_detail_view_links_the_participant_data_only_for_those_who_may_see_it(
    client, organised, authority
):
    url = organised.event.get_absolute_url()
    for role in ROLES:
        client.logout()
        user = _in_role(role, organised, authority)
        if user is not None:
            client.force_login(user)
        manage = reverse("events:event_manage", args=[organised.event.pk])
        shown = f'href="{manage}"' in _text(client.get(url))
        assert shown is (role in {"office", "organiser"}), role


def test_event_manage_view_shows_who_of_the_invited_registered(client, organised, office_user):
    segment = Segment.objects.create(name="Alle Engagementbeauftragten", kind=Segment.Kind.PUBLIC)
    invitation = Invitation.objects.create(event=organised.event, segment=segment)
    Invitee.objects.create(invitation=invitation, email="clara@example.org", name="Clara")
    Invitee.objects.create(invitation=invitation, email="otto@example.org", name="Otto")
    client.force_login(office_user)

    text = _text(client.get(reverse("events:event_manage", args=[organised.event.pk])))

    assert "Angemeldet?" in text
    rows = {row.split("&lt;")[0].split(">")[-1].strip(): row for row in text.split("<tr")}
    assert '<span class="kern-label">ja</span>' in rows["Clara"]
    assert "nein" in rows["Otto"]


# --- My events and the calendar address -----------------------------------------------------


def test_my_events_view_shows_my_registrations_and_the_feed_address(client, congress, officer):
    _registration(congress, "Olaf Officer", email=officer.email, user=officer)
    client.force_login(officer)

    response = client.get(reverse("events:my_events"))

    text = _text(response)
    feed = CalendarFeed.objects.get(user=officer)
    assert response.status_code == 200
    assert f"<code>http://testserver/veranstaltungen/kalender/{feed.token}.ics</code>" in text
    assert "Engagementkongress NRW" in text
    assert "Meine Veranstaltungen" in text
    # The address stays the same, so a subscribed calendar keeps working.
    assert feed.token in _text(client.get(reverse("events:my_events")))

    calendar = client.get(f"/veranstaltungen/kalender/{feed.token}.ics")
    assert calendar["Content-Type"] == "text/calendar; charset=utf-8"
    assert "SUMMARY:Engagementkongress NRW" in calendar.content.decode()


def test_calendar_feed_renew_view_gives_a_new_address_and_the_old_one_stops(client, officer):
    old = CalendarFeed.objects.create(user=officer).token
    client.force_login(officer)

    page = _text(client.get(reverse("events:my_events")))
    response = client.post(reverse("events:calendar_feed_renew"), follow=True)

    new = CalendarFeed.objects.get(user=officer).token
    assert "Kalenderadresse erneuern" in page
    assert new != old
    assert "Ihr Kalender hat eine neue Adresse; die alte funktioniert nicht mehr." in (
        _text(response)
    )
    assert f"/veranstaltungen/kalender/{new}.ics</code>" in _text(response)
    assert client.get(f"/veranstaltungen/kalender/{old}.ics").status_code == 404
    assert client.get(f"/veranstaltungen/kalender/{new}.ics").status_code == 200
    assert client.get(reverse("events:calendar_feed_renew")).status_code == 405


def test_my_events_view_needs_a_login(client):
    response = client.get(reverse("events:my_events"))
    assert response.status_code == 302
    assert response["Location"] == "/konto/anmelden/?next=/veranstaltungen/meine/"


def test_calendar_feed_view_of_an_unknown_token_is_404(client, officer):
    CalendarFeed.objects.create(user=officer)
    response = client.get("/veranstaltungen/kalender/falsch-geraten.ics")
    assert response.status_code == 404
    assert NOT_FOUND in _text(response)


@pytest.mark.django_db
def test_start_page_counts_upcoming_events_in_good_german(client):
    EventFactory(is_public=True)
    one = client.get("/").content.decode()
    EventFactory(is_public=True)
    two = client.get("/").content.decode()

    assert ">anstehende Veranstaltung</a>" in one
    assert ">anstehende Veranstaltungen</a>" in two


@pytest.mark.django_db
def test_a_workshop_with_one_place_says_place_not_places(client):
    event = EventFactory(is_public=True)
    AgendaItemFactory(event=event, kind=AgendaItem.Kind.WORKSHOP, capacity=1)

    assert "0 von 1 Platz belegt" in client.get(event.get_absolute_url()).content.decode()
