"""What a person notices while signing up: the places counted everywhere, the programme updated
after an HTMX sign-up, no second empty form for the public, a confirmation before cancelling,
a cancelled registration that says so, and the place on the waiting list."""

import pytest
from django.urls import reverse
from django.utils import timezone

from engagiert.events.models import Event, Registration
from engagiert.events.tests.test_views import _event, _panel, _registration, _text, _workshop

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture
def forum(db) -> Event:
    """An event open to the public with two parallel workshops of 30 places: 2 and 1 taken."""
    event = _event("Ehrenamtsforum", is_public=True, capacity=100)
    first = _workshop(event, "Werkstatt Vereine", start=10, end=12, capacity=30)
    second = _workshop(event, "Werkstatt Schulen", start=10, end=12, capacity=30)
    for n, workshop in enumerate([first, first, second]):
        _registration(event, f"Teilnehmer{n} X").workshops.add(workshop)
    return event


def test_the_workshop_change_form_counts_the_places_taken(client, forum):
    mine = _registration(forum, "Erika Muster")

    text = _text(client.get(mine.get_absolute_url()))

    assert "Werkstatt Vereine (Raum 1) – 28 Plätze frei" in text
    assert "Werkstatt Schulen (Raum 1) – 29 Plätze frei" in text
    assert "30 Plätze frei" not in text


def test_an_htmx_sign_up_sends_the_programme_with_the_places_now_taken(client, forum, officer):
    vereine = forum.agenda.get(title="Werkstatt Vereine")
    client.force_login(officer)

    response = client.post(
        reverse("events:registration_create", args=[forum.pk]),
        {"workshops_0": vereine.pk},
        headers={"HX-Request": "true"},
    )

    programme = _text(response).split('<section id="programme"')[1]
    assert 'data-hx-swap-oob="true"' in programme.split(">")[0]
    assert "3 von 30 Plätzen belegt" in programme  # two before, and this one
    assert list(Registration.objects.get(user=officer).workshops.all()) == [vereine]


def test_after_a_public_sign_up_no_empty_form_follows_the_message(client, forum):
    url = reverse("events:registration_create", args=[forum.pk])
    data = {"name": "Erika Muster", "email": "erika@example.org"}

    by_htmx = _text(client.post(url, data, headers={"HX-Request": "true"}))
    data["email"] = "max@example.org"
    without_js = client.post(url, data, follow=True)

    for text in (by_htmx, _panel(_text(without_js))):
        assert "Fast geschafft" in text or "Eine weitere Person anmelden" in text
        assert 'name="email"' not in text
        assert "Eine weitere Person anmelden" in text
    assert 'tabindex="-1" autofocus' in by_htmx  # focus moves to the message
    assert without_js.redirect_chain[-1][0].endswith("?angemeldet=1#registration")
    assert 'name="email"' in _text(client.get(forum.get_absolute_url()))


def test_cancelling_asks_first_and_works_without_javascript(client, forum):
    mine = _registration(forum, "Erika Muster")
    cancel = reverse("events:registration_cancel", args=[mine.token])

    manage = _text(client.get(mine.get_absolute_url()))
    question = client.get(cancel)

    assert f'href="{cancel}"' in manage
    assert "Möchten Sie wirklich stornieren?" in _text(question)
    mine.refresh_from_db()
    assert mine.status == Status.CONFIRMED  # asking cancels nothing
    client.post(cancel)
    mine.refresh_from_db()
    assert mine.status == Status.CANCELLED


def test_a_cancelled_registration_offers_no_calendar_and_no_participant_list(client, forum):
    mine = _registration(
        forum,
        "Erika Muster",
        status=Status.CANCELLED,
        list_consent=True,
        cancelled_at=timezone.now(),
    )

    text = _text(client.get(mine.get_absolute_url()))

    assert "storniert" in text
    assert "kalender.ics" not in text
    assert "Auf der Teilnehmendenliste" not in text


def test_a_waiting_person_sees_their_place_in_the_queue(client, officer):
    event = _event("Spitzentreffen", kind=Event.Kind.TOP_MEETING, capacity=1)
    _registration(event, "Bürgermeisterin Schmitz")
    start = timezone.now()
    for n in range(2):
        _registration(
            event, f"Wartend{n} X", status=Status.WAITING, waiting_since=start, list_consent=True
        )
    mine = _registration(
        event,
        "Dieter Wartend",
        status=Status.WAITING,
        waiting_since=start + timezone.timedelta(minutes=1),
        user=officer,
        list_consent=True,
    )
    client.force_login(officer)

    manage = _text(client.get(mine.get_absolute_url()))
    panel = _panel(_text(client.get(event.get_absolute_url())))

    assert "Platz 3 auf der Warteliste" in manage
    assert "ja, sobald Ihr Platz bestätigt ist" in manage
    assert "Platz 3 auf der Warteliste" in panel
