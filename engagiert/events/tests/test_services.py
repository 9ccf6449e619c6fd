"""Registering for events as members, the public and the network office notice it."""

import datetime
import io
import threading
import time
from collections.abc import Callable

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.audiences.models import Segment
from engagiert.audiences.queries import recipients
from engagiert.audiences.tests.factories import SegmentFactory
from engagiert.core.extensions import Recipient
from engagiert.core.testing import run_at_once
from engagiert.events import queries, services
from engagiert.events.models import Event, Feedback, Invitation, Invitee, Registration
from engagiert.mailings.models import Unsubscription
from engagiert.membership.tests.factories import (
    ContactPersonFactory,
    LeaderFactory,
    MembershipFactory,
)
from engagiert.registry.models import Authority
from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory

from .factories import AgendaItemFactory, EventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db
Status = Registration.Status
STATUS_LABELS = {
    Status.PENDING: "wartet auf Bestätigung per E-Mail",
    Status.CONFIRMED: "bestätigt",
    Status.WAITING: "auf der Warteliste",
    Status.CANCELLED: "storniert",
}
ALREADY_REGISTERED = (
    "Sie sind für diese Veranstaltung bereits angemeldet. Der Link in Ihrer Bestätigungs-E-Mail "
    "zeigt Ihre Anmeldung."
)
DEADLINE_PASSED = "Die Anmeldefrist endete am %s; die Anmeldung ist geschlossen."
NOT_OPEN = "Die Anmeldung für diese Veranstaltung ist nicht geöffnet."
MEMBERS_ONLY = (
    "Diese Veranstaltung richtet sich an Mitglieder des Netzwerks; bitte melden Sie sich an."
)
LINK_USED = "Dieser Link wurde bereits verwendet: Ihre Anmeldung ist %s."
SAME_TIME = "»%s« und »%s« finden gleichzeitig statt; bitte wählen Sie einen davon."
WORKSHOP_FULL = "Der Workshop »%s« ist ausgebucht; bitte wählen Sie einen anderen."
WORKSHOPS_DROPPED = (
    "Diese Workshops sind inzwischen ausgebucht; bitte wählen Sie auf der Seite Ihrer Anmeldung "
    "einen anderen:"
)


def mails_to(address: str) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if message.to == [address]]


def subjects_to(address: str) -> list[str]:
    return [message.subject for message in mails_to(address)]


def register(event: Event, person, **fields) -> Registration:
    """A member registers with their account, as the registration view does."""
    return services.registration_create(
        event=event, user=person, name=person.get_full_name(), email=person.email, **fields
    )


def register_public(event: Event, name: str, email: str, **fields) -> Registration:
    return services.registration_create(event=event, name=name, email=email, **fields)


def waiting(event: Event, minutes_ago: int, **fields) -> Registration:
    return RegistrationFactory(
        event=event,
        status=Status.WAITING,
        confirmed_at=None,
        waiting_since=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        **fields,
    )


def refusal(call: Callable[[], object]) -> list[str]:
    """The messages a service call is refused with."""
    with pytest.raises(ValidationError) as raised:
        call()
    return raised.value.messages


@pytest.fixture
def member(db, authority):
    """The engagement officer of a member municipality."""
    user = UserFactory(
        email="petra.schulte@kommune.example", first_name="Petra", last_name="Schulte"
    )
    role_grant(user=user, role=Role.OFFICER, authority=authority)
    return user


@pytest.fixture
def event(db):
    return EventFactory(title="Netzwerktreffen Münster", capacity=20)


@pytest.fixture
def public_event(db):
    return EventFactory(title="Engagementkongress 2027", is_public=True, capacity=20)


# --- registration -------------------------------------------------------------------------


NOT_FOR_YOU = (
    "Diese Veranstaltung richtet sich an Mitglieder des Netzwerks; Ihr Konto handelt nicht für "
    "eine Mitgliedskommune."
)


def _person_with(kind: str) -> object:
    """A person by what they act for: the key names the role and whether it is a member's."""
    user = UserFactory(email=f"{kind.replace(' ', '-')}@example.org")
    member, outsider = MembershipFactory().authority, AuthorityFactory()
    grants = {
        "office": {"role": Role.OFFICE},
        "member officer": {"role": Role.OFFICER, "authority": member},
        "member leader": {"role": Role.LEADER, "authority": member},
        "member team": {"role": Role.DEVELOPMENT_TEAM, "authority": member},
        "non-member officer": {"role": Role.OFFICER, "authority": outsider},
        "non-member team": {"role": Role.DEVELOPMENT_TEAM, "authority": outsider},
        "volunteer": {"role": Role.VOLUNTEER},
        "benefit partner": {"role": Role.BENEFIT_PARTNER, "organisation": OrganisationFactory()},
        "association": {"role": Role.ORGANISATION, "organisation": OrganisationFactory()},
    }
    if kind in grants:
        role_grant(user=user, **grants[kind])
    return user


@pytest.mark.parametrize(
    ("kind", "allowed"),
    [
        ("office", True),
        ("member officer", True),
        ("member leader", True),
        ("member team", True),
        ("non-member officer", False),
        ("non-member team", False),
        ("volunteer", False),
        ("benefit partner", False),
        ("association", False),
        ("no role", False),
    ],
)
def test_registration_create_for_a_members_event_admits_only_members(event, kind, allowed):
    person = _person_with(kind)

    if allowed:
        assert register(event, person).status == Status.CONFIRMED
    else:
        assert refusal(lambda: register(event, person)) == [NOT_FOR_YOU]
        assert not Registration.objects.filter(event=event).exists()


def test_registration_create_admits_a_non_member_personally_invited(event):
    guest = _person_with("non-member officer")
    invitation = Invitation.objects.create(event=event, segment=SegmentFactory())
    Invitee.objects.create(invitation=invitation, email=guest.email.upper())

    assert register(event, guest).status == Status.CONFIRMED


def test_registration_create_for_a_public_event_admits_anyone_with_an_account(public_event):
    assert register(public_event, _person_with("volunteer")).status == Status.CONFIRMED


def test_member_is_confirmed_at_once_and_gets_the_confirmation(
    event, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, member, needs="vegetarisch", needs_consent=True)

    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert registration.get_status_display() == "bestätigt"
    assert registration.confirmed_at is not None
    assert registration.waiting_since is None
    assert (registration.user, registration.email, registration.needs) == (
        member,
        "petra.schulte@kommune.example",
        "vegetarisch",
    )
    assert services.seats_taken(event) == 1
    [message] = mails_to(member.email)
    assert message.subject == "Anmeldung bestätigt: Netzwerktreffen Münster"
    assert "Sie sind für »Netzwerktreffen Münster« angemeldet." in message.body
    assert f"{settings.SITE_URL}{registration.get_absolute_url()}" in message.body


def test_public_registration_waits_for_the_link_in_the_mail_double_opt_in(
    public_event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register_public(
            public_event,
            " Jürgen Weiß ",
            " Juergen.Weiss@Example.ORG ",
            organisation_name="Freiwilligenagentur Köln",
        )

    assert registration.status == Status.PENDING
    assert registration.get_status_display() == "wartet auf Bestätigung per E-Mail"
    assert (registration.name, registration.email) == ("Jürgen Weiß", "juergen.weiss@example.org")
    assert services.seats_taken(public_event) == 0
    [message] = mails_to("juergen.weiss@example.org")
    assert message.subject == "Bitte bestätigen Sie Ihre Anmeldung: Engagementkongress 2027"
    confirm_link = settings.SITE_URL + reverse(
        "events:registration_confirm", args=[registration.token]
    )
    assert confirm_link in message.body

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = services.registration_confirm(token=registration.token)

    assert confirmed.pk == registration.pk
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert registration.confirmed_at is not None
    assert services.seats_taken(public_event) == 1
    assert subjects_to("juergen.weiss@example.org") == [
        "Bitte bestätigen Sie Ihre Anmeldung: Engagementkongress 2027",
        "Anmeldung bestätigt: Engagementkongress 2027",
    ]


@pytest.mark.parametrize("status", [Status.CONFIRMED, Status.WAITING, Status.CANCELLED])
def test_a_used_confirmation_link_is_refused_with_the_state_of_the_registration(
    public_event, status
):
    registration = RegistrationFactory(event=public_event, status=status)

    messages = refusal(lambda: services.registration_confirm(token=registration.token))

    assert messages == [LINK_USED % STATUS_LABELS[status]]
    registration.refresh_from_db()
    assert registration.status == status


def test_an_incomplete_confirmation_link_is_refused(public_event):
    registration = RegistrationFactory(event=public_event, status=Status.PENDING)

    messages = refusal(lambda: services.registration_confirm(token=registration.token[:-3]))

    assert messages == ["Dieser Link ist ungültig. Bitte prüfen Sie, ob er vollständig ist."]


def test_public_confirmation_when_the_event_filled_meanwhile_goes_to_the_waiting_list(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(title="Fachtagung Ehrenamt", is_public=True, capacity=1)
    registration = RegistrationFactory(
        event=event, status=Status.PENDING, confirmed_at=None, email="anna@example.org"
    )
    RegistrationFactory(event=event)

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_confirm(token=registration.token)

    registration.refresh_from_db()
    assert registration.get_status_display() == "auf der Warteliste"
    assert registration.waiting_since is not None
    assert subjects_to("anna@example.org") == ["Warteliste: Fachtagung Ehrenamt"]


def test_members_only_event_refuses_the_public(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        messages = refusal(lambda: register_public(event, "Jürgen Weiß", "jw@example.org"))

    assert messages == [MEMBERS_ONLY]
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_registration_after_the_deadline_is_refused_with_the_deadline(member):
    deadline = in_days(-1, hour=18)
    event = EventFactory(registration_deadline=deadline, is_public=True)

    for call in (
        lambda: register(event, member),
        lambda: register_public(event, "Jürgen Weiß", "jw@example.org"),
    ):
        assert refusal(call) == [DEADLINE_PASSED % f"{timezone.localdate(deadline):%d.%m.%Y} 18:00"]
    assert not Registration.objects.exists()


def test_confirmation_link_after_the_deadline_is_refused():
    event = EventFactory(is_public=True, registration_deadline=in_days(-2, hour=12))
    registration = RegistrationFactory(event=event, status=Status.PENDING, confirmed_at=None)

    messages = refusal(lambda: services.registration_confirm(token=registration.token))

    assert messages == [DEADLINE_PASSED % f"{timezone.localdate(event.deadline):%d.%m.%Y} 12:00"]
    registration.refresh_from_db()
    assert registration.status == Status.PENDING


@pytest.mark.parametrize("status", [Event.Status.DRAFT, Event.Status.CANCELLED])
def test_registration_for_a_draft_or_cancelled_event_is_refused(member, status):
    event = EventFactory(status=status)

    assert refusal(lambda: register(event, member)) == [NOT_OPEN]
    assert not Registration.objects.exists()


def test_the_same_address_twice_is_refused_kindly_whatever_the_case(
    public_event, django_capture_on_commit_callbacks
):
    register_public(public_event, "Anna Müller", "anna.mueller@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        messages = refusal(
            lambda: register_public(public_event, "Anna Müller", " Anna.Mueller@EXAMPLE.org")
        )

    assert messages == [ALREADY_REGISTERED]
    assert Registration.objects.filter(event=public_event).count() == 1
    assert mail.outbox == []


def test_after_cancelling_one_may_register_again(event, member):
    first = register(event, member)
    services.registration_cancel(registration=first)

    second = register(event, member)

    assert second.pk != first.pk
    assert second.status == Status.CONFIRMED
    assert list(Registration.objects.filter(event=event).values_list("status", flat=True)) == [
        Status.CANCELLED,
        Status.CONFIRMED,
    ]


@pytest.mark.parametrize("second_status", [Status.PENDING, Status.CONFIRMED, Status.WAITING])
def test_database_allows_one_active_registration_per_address(event, second_status):
    RegistrationFactory(event=event, email="anna@example.org", status=Status.CANCELLED)
    RegistrationFactory(event=event, email="anna@example.org", status=Status.CONFIRMED)
    RegistrationFactory(email="anna@example.org", status=Status.CONFIRMED)  # another event

    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(event=event, email="anna@example.org", status=second_status)

    assert Registration.objects.filter(email="anna@example.org").count() == 3


# --- capacity and waiting list ------------------------------------------------------------


def test_when_full_people_go_on_the_waiting_list(member, django_capture_on_commit_callbacks):
    event = EventFactory(title="Topmeeting", capacity=2)
    RegistrationFactory.create_batch(2, event=event)

    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, member)

    registration.refresh_from_db()
    assert registration.get_status_display() == "auf der Warteliste"
    assert registration.waiting_since is not None
    assert registration.confirmed_at is None
    assert services.seats_taken(event) == 2
    [message] = mails_to(member.email)
    assert message.subject == "Warteliste: Topmeeting"
    assert "»Topmeeting« ist ausgebucht. Sie stehen auf der Warteliste" in message.body


def test_an_event_without_limit_never_fills(member):
    event = EventFactory(capacity=None)
    RegistrationFactory.create_batch(30, event=event)

    assert register(event, member).status == Status.CONFIRMED


def test_cancelling_a_confirmed_place_promotes_the_earliest_waiting(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(title="Regionalseminar Detmold", capacity=1)
    leaving = RegistrationFactory(event=event, email="geht@example.org")
    later = waiting(event, minutes_ago=10, email="spaeter@example.org")
    earliest = waiting(event, minutes_ago=20, email="frueher@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=leaving)

    for registration in (leaving, later, earliest):
        registration.refresh_from_db()
    assert (leaving.status, earliest.status, later.status) == (
        Status.CANCELLED,
        Status.CONFIRMED,
        Status.WAITING,
    )
    assert leaving.cancelled_at is not None
    assert earliest.confirmed_at is not None
    assert services.seats_taken(event) == 1
    assert subjects_to("geht@example.org") == ["Anmeldung storniert: Regionalseminar Detmold"]
    [message] = mails_to("frueher@example.org")
    assert message.subject == "Ein Platz für Sie: Regionalseminar Detmold"
    assert "ein Platz ist frei geworden" in message.body
    assert f"{settings.SITE_URL}{earliest.get_absolute_url()}" in message.body
    assert mails_to("spaeter@example.org") == []


def test_cancelling_a_waiting_registration_promotes_nobody(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    leaving = waiting(event, minutes_ago=20, email="geht@example.org")
    staying = waiting(event, minutes_ago=10, email="bleibt@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=leaving)

    staying.refresh_from_db()
    assert staying.status == Status.WAITING
    assert Registration.objects.get(pk=leaving.pk).status == Status.CANCELLED
    assert services.seats_taken(event) == 1
    assert [message.to for message in mail.outbox] == [["geht@example.org"]]


def test_cancelling_twice_is_refused(event):
    registration = RegistrationFactory(
        event=event, status=Status.CANCELLED, cancelled_at=timezone.now()
    )

    messages = refusal(lambda: services.registration_cancel(registration=registration))

    assert messages == ["Diese Anmeldung ist bereits storniert."]


def test_cancelling_after_the_start_is_refused():
    event = EventFactory(starts_at=timezone.now() - datetime.timedelta(hours=1))
    registration = RegistrationFactory(event=event)
    waiting_one = waiting(event, minutes_ago=30)

    messages = refusal(lambda: services.registration_cancel(registration=registration))

    assert messages == [
        "Die Veranstaltung hat bereits begonnen; bitte wenden Sie sich direkt an die "
        "Veranstaltenden."
    ]
    registration.refresh_from_db()
    waiting_one.refresh_from_db()
    assert (registration.status, waiting_one.status) == (Status.CONFIRMED, Status.WAITING)


# --- workshops ----------------------------------------------------------------------------


def test_overlapping_workshops_are_refused_back_to_back_ones_accepted(event, member):
    start = event.starts_at
    ideas = AgendaItemFactory(
        event=event,
        title="Ehrenamtskarte",
        starts_at=start + datetime.timedelta(hours=1),
        ends_at=start + datetime.timedelta(hours=2, minutes=30),
    )
    overlapping = AgendaItemFactory(
        event=event,
        title="Engagement im Quartier",
        starts_at=start + datetime.timedelta(hours=2),
        ends_at=start + datetime.timedelta(hours=3),
    )
    afterwards = AgendaItemFactory(
        event=event,
        title="Junges Engagement",
        starts_at=start + datetime.timedelta(hours=2, minutes=30),
        ends_at=start + datetime.timedelta(hours=4),
    )

    with pytest.raises(ValidationError) as raised:
        register(event, member, workshops=[ideas, overlapping])

    assert raised.value.message_dict == {
        "workshops": [SAME_TIME % ("Ehrenamtskarte", "Engagement im Quartier")]
    }
    assert not Registration.objects.exists()
    registration = register(event, member, workshops=[ideas, afterwards])
    assert set(registration.workshops.all()) == {ideas, afterwards}


def test_a_workshop_of_another_event_is_refused(event, member):
    other = AgendaItemFactory(title="Fremder Workshop")

    with pytest.raises(ValidationError) as raised:
        register(event, member, workshops=[other])

    assert raised.value.message_dict == {
        "workshops": ["Bitte wählen Sie Workshops dieser Veranstaltung."]
    }


def test_a_full_workshop_is_refused_and_nothing_is_saved(
    event, member, django_capture_on_commit_callbacks
):
    workshop = AgendaItemFactory(event=event, title="Digitales Ehrenamt", capacity=2)
    RegistrationFactory.create_batch(2, event=event, workshops=[workshop])
    waiting(event, minutes_ago=5, workshops=[workshop])  # waiting people hold no workshop place

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as raised:
        register(event, member, workshops=[workshop])

    assert raised.value.message_dict == {"workshops": [WORKSHOP_FULL % "Digitales Ehrenamt"]}
    assert not Registration.objects.filter(email=member.email).exists()
    assert mail.outbox == []


def test_promoted_without_the_workshop_that_filled_meanwhile_and_told_so(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(title="Netzwerktreffen Bielefeld", capacity=2)
    full = AgendaItemFactory(event=event, title="Digitales Ehrenamt", capacity=1)
    free = AgendaItemFactory(
        event=event,
        title="Ehrenamtskarte NRW",
        capacity=10,
        starts_at=full.ends_at,
        ends_at=full.ends_at + datetime.timedelta(hours=1),
    )
    leaving = RegistrationFactory(event=event)
    RegistrationFactory(event=event, workshops=[full])
    person = waiting(event, minutes_ago=15, email="nachruecker@example.org", workshops=[full, free])

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=leaving)

    person.refresh_from_db()
    assert person.status == Status.CONFIRMED
    assert list(person.workshops.all()) == [free]
    assert full.registrations.filter(status=Status.CONFIRMED).count() == 1
    [message] = mails_to("nachruecker@example.org")
    assert message.subject == "Ein Platz für Sie: Netzwerktreffen Bielefeld"
    assert f"{WORKSHOPS_DROPPED} Digitales Ehrenamt\n" in message.body
    assert "Ehrenamtskarte NRW" not in message.body


# --- concurrency: real threads at the same moment -----------------------------------------


class ConfirmedWatch:
    """Counts the confirmed places of an event again and again from its own connection."""

    def __init__(self, event: Event) -> None:
        self.event, self.highest, self.readings = event, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch)

    def _watch(self) -> None:
        try:
            while not self._stop.is_set():
                taken = services.seats_taken(self.event)
                self.highest, self.readings = max(self.highest, taken), self.readings + 1
                time.sleep(0.001)
        finally:
            connection.close()

    def __enter__(self) -> "ConfirmedWatch":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=30)


def member_officers(count: int, prefix: str) -> list[User]:
    """Officers of one member authority, who may register for members-only events."""
    authority = MembershipFactory().authority
    people = [UserFactory(email=f"{prefix}{n:02d}@kommune.example") for n in range(count)]
    for person in people:
        role_grant(user=person, role=Role.OFFICER, authority=authority)
    return people


def members_register_at_once(event: Event, count: int) -> list[Registration]:
    people = member_officers(count, "mitglied")
    with ConfirmedWatch(event) as watch:
        outcomes = run_at_once([lambda person=person: register(event, person) for person in people])
    assert all(isinstance(outcome, Registration) for outcome in outcomes), outcomes
    assert watch.readings > 0
    assert watch.highest <= event.capacity
    return outcomes


def assert_places_and_mails(event: Event, confirmed: int, waiting_count: int) -> None:
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert (statuses.count(Status.CONFIRMED), statuses.count(Status.WAITING)) == (
        confirmed,
        waiting_count,
    )
    subjects = [message.subject for message in mail.outbox]
    assert subjects.count(f"Anmeldung bestätigt: {event.title}") == confirmed
    assert subjects.count(f"Warteliste: {event.title}") == waiting_count


@pytest.mark.django_db(transaction=True)
def test_fifty_members_at_once_for_twenty_places_then_five_cancel_postgresql(threads_database):
    if connection.vendor != "postgresql":
        pytest.skip("50 concurrent writers need PostgreSQL's row locks; see the SQLite variant")
    event = EventFactory(title="Engagementkongress", capacity=20)

    members_register_at_once(event, 50)

    assert_places_and_mails(event, confirmed=20, waiting_count=30)
    queue = list(
        Registration.objects.filter(event=event, status=Status.WAITING).order_by(
            "waiting_since", "pk"
        )
    )
    assert len({registration.waiting_since for registration in queue}) == 30
    leaving = list(Registration.objects.filter(event=event, status=Status.CONFIRMED)[:5])
    mail.outbox.clear()

    with ConfirmedWatch(event) as watch:
        outcomes = run_at_once(
            [
                lambda registration=registration: services.registration_cancel(
                    registration=registration
                )
                for registration in leaving
            ]
        )

    assert all(isinstance(outcome, Registration) for outcome in outcomes), outcomes
    assert watch.highest <= 20
    assert services.seats_taken(event) == 20
    promoted = Registration.objects.filter(
        pk__in=[r.pk for r in queue], status=Status.CONFIRMED
    ).order_by("confirmed_at")
    assert [registration.pk for registration in promoted] == [r.pk for r in queue[:5]]
    assert Registration.objects.filter(event=event, status=Status.WAITING).count() == 25
    assert sorted(
        address
        for message in mail.outbox
        for address in message.to
        if message.subject == "Ein Platz für Sie: Engagementkongress"
    ) == sorted(registration.email for registration in queue[:5])
    assert sorted(
        address
        for message in mail.outbox
        for address in message.to
        if message.subject == "Anmeldung storniert: Engagementkongress"
    ) == sorted(registration.email for registration in leaving)


@pytest.mark.django_db(transaction=True)
def test_ten_members_at_once_for_four_places(threads_database):
    event = EventFactory(title="Regionalseminar Arnsberg", capacity=4)

    members_register_at_once(event, 10)

    assert_places_and_mails(event, confirmed=4, waiting_count=6)


def ten_sign_up_at_once_for_four_places(round_: int) -> int:
    """Ten members register at the same moment for an event with four places: places taken."""
    event = EventFactory(title=f"Regionalseminar {round_}", capacity=4)
    people = member_officers(10, f"runde{round_}-")
    outcomes = run_at_once([lambda person=person: register(event, person) for person in people])
    assert all(isinstance(outcome, Registration) for outcome in outcomes), outcomes
    return services.seats_taken(event)


@pytest.mark.django_db(transaction=True)
def test_without_the_lock_sign_ups_at_once_overbook_so_the_lock_tests_can_fail(
    threads_database, monkeypatch
):
    """The control (as pretix's locking tests): the race is real, the lock is what stops it."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs writers one at a time from BEGIN IMMEDIATE, lock or not")
    monkeypatch.setattr(services, "lock_objects", lambda objects: None)

    taken = []
    for round_ in range(10):  # the race is likely in each round; stop at the first overbooking
        taken.append(ten_sign_up_at_once_for_four_places(round_))
        if taken[-1] > 4:
            break

    assert max(taken) > 4, taken


@pytest.mark.django_db(transaction=True)
def test_with_the_lock_sign_ups_at_once_never_overbook(threads_database):
    taken = [ten_sign_up_at_once_for_four_places(round_) for round_ in range(5)]

    assert taken == [4] * 5


# --- check-in, needs, feedback --------------------------------------------------------------


def test_check_in_marks_and_unmarks_a_confirmed_participant(event):
    registration = RegistrationFactory(event=event)

    services.registration_check_in(registration=registration)
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert queries.attendance(event).checked_in == 1

    services.registration_check_in(registration=registration, present=False)
    registration.refresh_from_db()
    assert registration.checked_in_at is None


@pytest.mark.parametrize("status", [Status.PENDING, Status.WAITING, Status.CANCELLED])
def test_check_in_only_for_confirmed_participants(event, status):
    registration = RegistrationFactory(event=event, status=status)

    messages = refusal(lambda: services.registration_check_in(registration=registration))

    assert messages == ["Nur bestätigte Teilnehmende können eingecheckt werden."]
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_needs_are_deleted_after_the_event_only():
    past = EventFactory(starts_at=in_days(-3), ends_at=in_days(-3, hour=17))
    running = EventFactory(
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        ends_at=timezone.now() + datetime.timedelta(hours=2),
    )
    over = RegistrationFactory(event=past, needs="Rollstuhlgerechter Platz, vegan")
    RegistrationFactory(event=past, needs="")
    today = RegistrationFactory(event=running, needs="Gebärdensprachdolmetschung")
    coming = RegistrationFactory(needs="vegetarisch")

    assert services.registration_needs_purge() == 1

    for registration in (over, today, coming):
        registration.refresh_from_db()
    assert (over.needs, today.needs, coming.needs) == (
        "",
        "Gebärdensprachdolmetschung",
        "vegetarisch",
    )


def test_the_schedule_deletes_the_needs_of_past_events_once_a_day():
    past = EventFactory(starts_at=in_days(-10), ends_at=in_days(-10, hour=16))
    RegistrationFactory.create_batch(3, event=past, needs="laktosefrei")
    RegistrationFactory(needs="vegetarisch")
    output = io.StringIO()

    call_command("run_schedule", "--once", stdout=output)

    assert "Erledigt: Bedarfsangaben vergangener Veranstaltungen löschen" in output.getvalue()
    assert list(Registration.objects.exclude(needs="").values_list("needs", flat=True)) == [
        "vegetarisch"
    ]
    RegistrationFactory(event=past, needs="glutenfrei")
    call_command("run_schedule", "--once", stdout=output)  # the same day: not again
    assert Registration.objects.filter(needs="glutenfrei").exists()


@pytest.fixture
def begun_event(db):
    return EventFactory(
        starts_at=timezone.now() - datetime.timedelta(hours=2),
        ends_at=timezone.now() - datetime.timedelta(minutes=30),
    )


def test_feedback_once_for_a_confirmed_participant_after_the_start(begun_event):
    registration = RegistrationFactory(event=begun_event)

    feedback = services.feedback_submit(
        registration=registration,
        overall=5,
        usefulness=4,
        comment="  Mehr Zeit für den Austausch, bitte.  ",
    )

    assert (feedback.overall, feedback.usefulness, feedback.comment) == (
        5,
        4,
        "Mehr Zeit für den Austausch, bitte.",
    )
    again = refusal(
        lambda: services.feedback_submit(registration=registration, overall=1, usefulness=1)
    )
    assert again == ["Vielen Dank – Sie haben bereits eine Rückmeldung gegeben."]
    assert Feedback.objects.get().overall == 5
    assert queries.feedback_summary(begun_event)["comments"] == [
        "Mehr Zeit für den Austausch, bitte."
    ]


@pytest.mark.parametrize(
    ("started", "status"),
    [
        (False, Status.CONFIRMED),
        (True, Status.WAITING),
        (True, Status.CANCELLED),
        (True, Status.PENDING),
    ],
)
def test_feedback_refused_before_the_start_or_without_a_place(begun_event, event, started, status):
    registration = RegistrationFactory(event=begun_event if started else event, status=status)

    messages = refusal(
        lambda: services.feedback_submit(registration=registration, overall=4, usefulness=4)
    )

    assert messages == [
        "Teilnehmende können eine Rückmeldung geben, sobald die Veranstaltung begonnen hat."
    ]
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("overall", [0, 6])
def test_feedback_off_the_scale_is_refused(begun_event, overall):
    registration = RegistrationFactory(event=begun_event)

    with pytest.raises(ValidationError) as raised:
        services.feedback_submit(registration=registration, overall=overall, usefulness=3)

    assert "overall" in raised.value.message_dict
    assert not Feedback.objects.exists()


# --- invitations and figures ----------------------------------------------------------------


def member_authority(**fields) -> Authority:
    authority = AuthorityFactory(**fields)
    MembershipFactory(authority=authority)
    return authority


@pytest.fixture
def network(db):
    """Two members with contacts and an officer, and a municipality that is no member."""
    essen = member_authority(name="Essen")
    kleve = member_authority(name="Kreis Kleve", kind=Authority.Kind.DISTRICT)
    outsider = AuthorityFactory(name="Nichtmitgliedstadt")
    ContactPersonFactory(authority=essen, name="Petra Schulte", email="Petra.Schulte@Essen.DE")
    ContactPersonFactory(authority=kleve, name="Jörg Bäcker", email="j.baecker@kreis-kleve.de")
    ContactPersonFactory(authority=outsider, email="info@nichtmitglied.example")
    officer = UserFactory(email="ehrenamt@essen.de", first_name="Ülkü", last_name="Öztürk")
    role_grant(user=officer, role=Role.OFFICER, authority=essen)
    return {"essen": essen, "kleve": kleve, "outsider": outsider, "officer": officer}


NETWORK_ADDRESSES = ["ehrenamt@essen.de", "j.baecker@kreis-kleve.de", "petra.schulte@essen.de"]


def test_invitation_goes_once_to_every_address_of_the_segment(
    network, office_user, django_capture_on_commit_callbacks
):
    event = EventFactory(title="Netzwerktreffen Dortmund")
    segment = SegmentFactory(name="Alle Ansprechpersonen")
    # the officer's address is also a contact person of Essen, written differently
    ContactPersonFactory(authority=network["essen"], email="Ehrenamt@Essen.de")

    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_send(event=event, segment=segment, user=office_user)

    assert invitation.sent_by == office_user
    assert list(invitation.invitees.values_list("email", flat=True)) == NETWORK_ADDRESSES
    assert sorted(address for message in mail.outbox for address in message.to) == (
        NETWORK_ADDRESSES
    )
    assert {message.subject for message in mail.outbox} == {"Einladung: Netzwerktreffen Dortmund"}
    [to_petra] = mails_to("petra.schulte@essen.de")
    assert to_petra.body.startswith("Guten Tag Petra Schulte,")
    assert event.get_absolute_url() in to_petra.body


def test_invitation_skips_unsubscribed_addresses_but_their_registration_is_confirmed(
    network, office_user, django_capture_on_commit_callbacks
):
    event = EventFactory(title="Netzwerktreffen Dortmund")
    Unsubscription.objects.create(email="petra.schulte@essen.de")

    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_send(
            event=event, segment=SegmentFactory(), user=office_user
        )
        register(event, network["officer"])
    Unsubscription.objects.create(email="ehrenamt@essen.de")
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=Registration.objects.get())

    assert "petra.schulte@essen.de" not in invitation.invitees.values_list("email", flat=True)
    assert subjects_to("petra.schulte@essen.de") == []
    assert subjects_to("j.baecker@kreis-kleve.de") == ["Einladung: Netzwerktreffen Dortmund"]
    assert subjects_to("ehrenamt@essen.de") == [
        "Einladung: Netzwerktreffen Dortmund",
        "Anmeldung bestätigt: Netzwerktreffen Dortmund",
        "Anmeldung storniert: Netzwerktreffen Dortmund",
    ]


def test_invitation_of_a_draft_or_to_nobody_is_refused(network, office_user):
    draft = EventFactory(status=Event.Status.DRAFT)
    empty = SegmentFactory(kind=Segment.Kind.BIG_CITIES, min_population=5_000_000)

    assert refusal(
        lambda: services.invitation_send(event=draft, segment=SegmentFactory(), user=office_user)
    ) == ["Bitte veröffentlichen Sie die Veranstaltung, bevor Sie einladen."]
    assert refusal(
        lambda: services.invitation_send(event=EventFactory(), segment=empty, user=office_user)
    ) == ["In dieser Zielgruppe gibt es niemanden mit E-Mail-Adresse."]
    assert not Invitee.objects.exists()


def test_invitees_show_who_has_registered(network, office_user):
    event = EventFactory()
    services.invitation_send(event=event, segment=SegmentFactory(), user=office_user)
    register(event, network["officer"])
    RegistrationFactory(event=event, email="j.baecker@kreis-kleve.de", status=Status.CANCELLED)

    rows = [(invitee.email, invitee.registered) for invitee in queries.invitees(event)]

    assert rows == [
        ("ehrenamt@essen.de", True),
        ("j.baecker@kreis-kleve.de", False),
        ("petra.schulte@essen.de", False),
    ]


def test_attendance_counts_each_state(event):
    RegistrationFactory.create_batch(2, event=event)
    RegistrationFactory(event=event, checked_in_at=timezone.now())
    waiting(event, minutes_ago=5)
    waiting(event, minutes_ago=3)
    RegistrationFactory(event=event, status=Status.PENDING)
    RegistrationFactory(event=event, status=Status.CANCELLED, checked_in_at=timezone.now())
    RegistrationFactory(checked_in_at=timezone.now())  # another event

    assert queries.attendance(event) == queries.Attendance(
        confirmed=3, waiting=2, pending=1, checked_in=1
    )


# --- audiences: who a segment reaches -------------------------------------------------------


def test_member_contacts_reach_contacts_and_officers_of_current_members_once(network):
    former = AuthorityFactory(name="Ehemalige Stadt")
    MembershipFactory(
        authority=former,
        since=datetime.date(2014, 1, 1),
        until=datetime.date(2020, 12, 31),
        end_reason="Austritt",
    )
    ContactPersonFactory(authority=former, email="alt@ehemalig.example")
    ContactPersonFactory(authority=network["essen"], email="")
    ContactPersonFactory(authority=network["essen"], email="EHRENAMT@essen.de")
    inactive = UserFactory(email="ruhestand@essen.de", is_active=False)
    role_grant(user=inactive, role=Role.OFFICER, authority=network["essen"])
    team = UserFactory(email="team@essen.de")
    role_grant(user=team, role=Role.DEVELOPMENT_TEAM, authority=network["essen"])
    outside_officer = UserFactory(email="officer@nichtmitglied.example")
    role_grant(user=outside_officer, role=Role.OFFICER, authority=network["outsider"])
    LeaderFactory(authority=network["essen"], email="ob@essen.de")

    found = recipients(SegmentFactory(kind=Segment.Kind.MEMBER_CONTACTS))

    assert [r.email for r in found] == NETWORK_ADDRESSES
    assert found[2] == Recipient("petra.schulte@essen.de", "Petra Schulte", network["essen"].ags)
    by_email = {r.email: r for r in found}
    assert by_email["j.baecker@kreis-kleve.de"].authority_id == network["kleve"].ags


def test_big_cities_reach_member_municipalities_from_the_threshold_on(db):
    big = member_authority(name="Großstadt", population=100_000)
    small = member_authority(name="Mittelstadt", kind=Authority.Kind.TOWN, population=99_999)
    district = member_authority(name="Kreis Groß", kind=Authority.Kind.DISTRICT, population=300_000)
    outsider = AuthorityFactory(name="Große Nichtmitgliedstadt", population=500_000)
    for authority, email in (
        (big, "gross@stadt.example"),
        (small, "mittel@stadt.example"),
        (district, "kreis@kreis.example"),
        (outsider, "gross@nichtmitglied.example"),
    ):
        ContactPersonFactory(authority=authority, email=email)

    found = recipients(SegmentFactory(kind=Segment.Kind.BIG_CITIES, min_population=100_000))

    assert [r.email for r in found] == ["gross@stadt.example"]


def test_districts_reach_kreise_and_the_staedteregion(db):
    kreis = member_authority(name="Kreis Lippe", kind=Authority.Kind.DISTRICT)
    region = member_authority(name="Städteregion Aachen", kind=Authority.Kind.CITY_REGION)
    city = member_authority(name="Bonn")
    for authority, email in (
        (kreis, "lippe@kreis.example"),
        (region, "aachen@region.example"),
        (city, "bonn@stadt.example"),
    ):
        ContactPersonFactory(authority=authority, email=email)
    officer = UserFactory(email="Ehrenamt@Kreis-Lippe.example")
    role_grant(user=officer, role=Role.OFFICER, authority=kreis)

    found = recipients(SegmentFactory(kind=Segment.Kind.DISTRICTS))

    assert [r.email for r in found] == [
        "aachen@region.example",
        "ehrenamt@kreis-lippe.example",
        "lippe@kreis.example",
    ]


def test_leaders_reach_the_leaders_and_the_people_with_the_leader_role(network):
    LeaderFactory(authority=network["essen"], name="Thomas Kufen", email="OB@essen.de")
    LeaderFactory(authority=network["kleve"], email="")
    LeaderFactory(authority=network["outsider"], email="bm@nichtmitglied.example")
    landrat = UserFactory(
        email="landrat@kreis-kleve.de", first_name="Christoph", last_name="Gerwers"
    )
    role_grant(user=landrat, role=Role.LEADER, authority=network["kleve"])

    found = recipients(SegmentFactory(kind=Segment.Kind.LEADERS))

    assert found == [
        Recipient("landrat@kreis-kleve.de", "Christoph Gerwers", network["kleve"].ags),
        Recipient("ob@essen.de", "Thomas Kufen", network["essen"].ags),
    ]


def test_the_public_segment_reaches_nobody_personally(network):
    assert recipients(SegmentFactory(kind=Segment.Kind.PUBLIC)) == []
