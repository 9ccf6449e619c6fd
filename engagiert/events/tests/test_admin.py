"""The office edits events in the admin; the events services' rules hold there too."""

import pytest
from django.utils import timezone

from engagiert.events.models import AgendaItem, Event

from .factories import EventFactory, RegistrationFactory


def _change_form(event: Event, **changes: object) -> dict[str, object]:
    """The admin change form of `event` as posted, with `changes` and no inline rows."""
    starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    data: dict[str, object] = {
        "title": event.title,
        "kind": event.kind,
        "status": event.status,
        "description": event.description,
        "starts_at_0": f"{starts:%d.%m.%Y}",
        "starts_at_1": f"{starts:%H:%M:%S}",
        "ends_at_0": f"{ends:%d.%m.%Y}",
        "ends_at_1": f"{ends:%H:%M:%S}",
        "venue_name": event.venue_name,
        "venue_address": event.venue_address,
        "capacity": event.capacity if event.capacity is not None else "",
    }
    if event.is_public:
        data["is_public"] = "on"
    for prefix in ("agenda", "results", "files"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(changes)
    return data


@pytest.mark.django_db
def test_event_admin_refuses_a_capacity_below_the_confirmed_places(client, office_user):
    event = EventFactory(capacity=5)
    RegistrationFactory.create_batch(3, event=event)
    client.force_login(office_user)

    response = client.post(
        f"/admin/events/event/{event.pk}/change/", _change_form(event, capacity=2)
    )

    assert response.status_code == 200
    assert (
        "Es sind bereits 3 Plätze bestätigt; die Platzzahl kann nicht darunter sinken."
        in response.content.decode()
    )
    event.refresh_from_db()
    assert event.capacity == 5


@pytest.mark.django_db
def test_event_admin_lowers_the_capacity_down_to_the_confirmed_places(client, office_user):
    event = EventFactory(capacity=5)
    RegistrationFactory.create_batch(3, event=event)
    client.force_login(office_user)

    response = client.post(
        f"/admin/events/event/{event.pk}/change/", _change_form(event, capacity=3)
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.capacity == 3


@pytest.mark.django_db
def test_event_admin_sets_published_at_on_first_publish_only(client, office_user):
    event = EventFactory(status=Event.Status.DRAFT, published_at=None)
    client.force_login(office_user)

    client.post(
        f"/admin/events/event/{event.pk}/change/",
        _change_form(event, status=Event.Status.PUBLISHED),
    )
    event.refresh_from_db()
    first = event.published_at
    client.post(f"/admin/events/event/{event.pk}/change/", _change_form(event, title="Neu"))
    event.refresh_from_db()

    assert first is not None
    assert event.title == "Neu"
    assert event.published_at == first


def _agenda_row(event: Event, index: int, item: AgendaItem | None, **fields: object) -> dict:
    starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    row: dict[str, object] = {
        "id": item.pk if item else "",
        "event": event.pk,
        "starts_at_0": f"{starts:%d.%m.%Y}",
        "starts_at_1": f"{starts:%H:%M:%S}",
        "ends_at_0": f"{ends:%d.%m.%Y}",
        "ends_at_1": f"{ends:%H:%M:%S}",
        "kind": AgendaItem.Kind.WORKSHOP,
        "title": item.title if item else "",
        "room": "",
        "moderators": "",
        "capacity": "",
        **fields,
    }
    return {f"agenda-{index}-{name}": value for name, value in row.items()}


@pytest.mark.django_db
def test_event_admin_adds_and_deletes_agenda_items_through_the_inline(client, office_user):
    event = EventFactory()
    old = AgendaItem.objects.create(
        event=event, title="Alt", starts_at=event.starts_at, ends_at=event.ends_at
    )
    client.force_login(office_user)
    data = _change_form(event)
    data.update({"agenda-TOTAL_FORMS": "2", "agenda-INITIAL_FORMS": "1"})
    data.update(_agenda_row(event, 0, old, DELETE="on"))
    data.update(_agenda_row(event, 1, None, title="Werkstatt Ehrenamtskarte"))

    response = client.post(f"/admin/events/event/{event.pk}/change/", data)

    assert response.status_code == 302
    assert list(event.agenda.values_list("title", flat=True)) == ["Werkstatt Ehrenamtskarte"]


@pytest.mark.django_db
def test_registration_admin_is_read_only_so_no_place_bypasses_the_capacity(client, office_user):
    event = EventFactory(capacity=1)
    registration = RegistrationFactory(event=event)
    client.force_login(office_user)

    assert client.get("/admin/events/registration/add/").status_code == 403
    response = client.post(
        f"/admin/events/registration/{registration.pk}/change/", {"status": "cancelled"}
    )
    assert response.status_code == 403
    page = client.get(f"/admin/events/registration/{registration.pk}/change/")
    assert page.status_code == 200


@pytest.mark.django_db
def test_event_admin_refuses_workshop_places_below_its_confirmed_participants(client, office_user):
    event = EventFactory()
    workshop = AgendaItem.objects.create(
        event=event,
        title="Werkstatt Ehrenamtskarte",
        kind=AgendaItem.Kind.WORKSHOP,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        capacity=3,
    )
    RegistrationFactory.create_batch(2, event=event, workshops=[workshop])
    client.force_login(office_user)
    data = _change_form(event, title="Neuer Titel")
    data.update({"agenda-TOTAL_FORMS": "1", "agenda-INITIAL_FORMS": "1"})
    data.update(_agenda_row(event, 0, workshop, capacity="1"))

    response = client.post(f"/admin/events/event/{event.pk}/change/", data, follow=True)

    assert (
        "Diesen Workshop haben bereits 2 Teilnehmende gewählt; die Platzzahl kann nicht "
        "darunter sinken." in response.content.decode()
    )
    workshop.refresh_from_db()
    event.refresh_from_db()
    assert workshop.capacity == 3
    assert event.title != "Neuer Titel"  # the whole save was undone
