"""Spontaneous help in shifts: plan, sign-up, overlap, capacity under concurrency, cancel,
reminders, hours and the evidence the Ehrenamtskarte application accepts."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from pypdf import PdfReader

from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.extensions import hours_evidence_for
from engagiert.core.testing import run_at_once
from engagiert.opportunities import shifts as services
from engagiert.opportunities.models import Action, Provider, Shift, ShiftSignup
from engagiert.opportunities.shift_outputs import evidence_pdf

from .shift_factories import (
    ActionFactory,
    ProviderFactory,
    ShiftFactory,
    SignupFactory,
    TaskFactory,
    at,
)

pytestmark = pytest.mark.django_db
Status = ShiftSignup.Status


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """The outbox's worker runs at once, after the commit (see `committed`)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a call as if its transaction committed: the mails it queued are sent."""

    def run(call):
        with django_capture_on_commit_callbacks(execute=True):
            return call()

    return run


def refusal(call) -> dict[str, list[str]] | list[str]:
    with pytest.raises(ValidationError) as caught:
        call()
    error = caught.value
    return error.message_dict if hasattr(error, "error_dict") else error.messages


def confirm_link_token(address: str) -> str:
    message = [m for m in mail.outbox if address in m.to][-1]
    return message.body.split("/anmeldung/")[1].split("/")[0]


# --- plan -----------------------------------------------------------------------------------


def test_a_template_makes_every_weekday_two_shifts_for_two_weeks():
    task = TaskFactory()
    monday = timezone.localdate() + datetime.timedelta(days=7 - timezone.localdate().weekday())

    made = services.shifts_generate(
        task=task,
        first_day=monday,
        last_day=monday + datetime.timedelta(days=13),
        weekdays=[0, 1, 2, 3, 4],
        slots=[(datetime.time(8), datetime.time(12)), (datetime.time(12), datetime.time(16))],
        needed=6,
    )

    assert len(made) == 20
    shifts = Shift.objects.filter(task=task).order_by("starts_at")
    first = shifts[0]
    assert timezone.localtime(first.starts_at).hour == 8
    assert timezone.localtime(first.ends_at).hour == 12
    assert {timezone.localtime(s.starts_at).weekday() for s in shifts} == {0, 1, 2, 3, 4}
    assert {s.needed for s in shifts} == {6}


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"last_day": -1}, "last_day", "Der letzte Tag darf nicht vor dem ersten liegen."),
        ({"last_day": 200}, "last_day", "Eine Vorlage umfasst höchstens 92 Tage"),
        ({"slots": [(datetime.time(12), datetime.time(8))]}, "times", "endet, bevor es beginnt"),
        ({"needed": 0}, "needed", "zwischen 1 und 500"),
        ({"needed": 5000}, "needed", "zwischen 1 und 500"),
        ({"weekdays": []}, "weekdays", "mindestens einen Wochentag"),
    ],
)
def test_a_template_refuses_nonsense_at_the_field(change, field, message):
    task = TaskFactory()
    first = timezone.localdate() + datetime.timedelta(days=1)
    args = {
        "task": task,
        "first_day": first,
        "last_day": first + datetime.timedelta(days=6),
        "weekdays": [0, 1, 2, 3, 4, 5, 6],
        "slots": [(datetime.time(8), datetime.time(12))],
        "needed": 3,
    }
    for key, value in change.items():
        args[key] = first + datetime.timedelta(days=value) if key == "last_day" else value

    errors = refusal(lambda: services.shifts_generate(**args))

    assert message in " ".join(errors[field])
    assert not Shift.objects.filter(task=task).exists()


def test_a_template_of_too_many_shifts_is_refused():
    task = TaskFactory()
    first = timezone.localdate() + datetime.timedelta(days=1)
    slots = [(datetime.time(h), datetime.time(h + 1)) for h in range(6, 20)]

    errors = refusal(
        lambda: services.shifts_generate(
            task=task,
            first_day=first,
            last_day=first + datetime.timedelta(days=60),
            weekdays=range(7),
            slots=slots,
            needed=1,
        )
    )

    assert "höchstens 300" in errors["last_day"][0]


def test_a_shift_must_end_after_it_starts():
    task = TaskFactory()

    errors = refusal(
        lambda: services.shift_create(task=task, starts_at=at(2, 12), ends_at=at(2, 8), needed=2)
    )

    assert errors == {"ends_at": ["Eine Schicht muss nach ihrem Beginn enden."]}


def test_an_unverified_provider_prepares_drafts_only():
    provider = ProviderFactory(status=Provider.Status.PENDING)

    errors = refusal(
        lambda: services.action_create(
            provider=provider,
            title="Hochwasserhilfe",
            authority=provider.authority,
            status=Action.Status.PUBLISHED,
        )
    )
    draft = services.action_create(
        provider=provider, title="Hochwasserhilfe", authority=provider.authority
    )

    assert "noch nicht verifiziert" in errors["status"][0]
    assert draft.status == Action.Status.DRAFT


# --- sign-up --------------------------------------------------------------------------------


def test_the_public_sign_up_takes_the_place_only_when_confirmed(committed):
    shift = ShiftFactory(needed=1)

    signup = committed(
        lambda: services.signup_create(shift=shift, name="Jana Kowalski", email="Jana@Example.org")
    )

    assert signup.status == Status.PENDING
    assert signup.email == "jana@example.org"
    assert services.confirmed_count(shift) == 0
    token = confirm_link_token("jana@example.org")
    assert token == signup.token

    committed(lambda: services.signup_confirm(token=token))

    signup.refresh_from_db()
    assert signup.status == Status.CONFIRMED
    assert services.confirmed_count(shift) == 1
    assert mail.outbox[-1].subject.startswith("Ihre Schicht ist bestätigt")


def test_a_full_shift_refuses_the_next_confirmation_kindly():
    shift = ShiftFactory(needed=1)
    first = services.signup_create(shift=shift, name="A", email="a@example.org")
    second = services.signup_create(shift=shift, name="B", email="b@example.org")
    services.signup_confirm(token=first.token)

    messages = refusal(lambda: services.signup_confirm(token=second.token))

    assert "alle Helfenden, die sie braucht" in messages[0]
    second.refresh_from_db()
    assert second.status == Status.PENDING
    assert services.confirmed_count(shift) == 1


def test_an_account_is_placed_at_once():
    user = UserFactory(email="lea@example.org")
    shift = ShiftFactory()

    signup = services.signup_create(shift=shift, name="Lea", email=user.email, user=user)

    assert signup.status == Status.CONFIRMED


def test_one_person_is_never_in_two_overlapping_shifts():
    action = ActionFactory(title="Hochwasserhilfe Erftstadt")
    morning = ShiftFactory(task=TaskFactory(place__action=action, title="Sandsäcke füllen"))
    overlapping = ShiftFactory(starts_at=at(3, 10), ends_at=at(3, 14))
    afterwards = ShiftFactory(starts_at=at(3, 12), ends_at=at(3, 16))
    SignupFactory(shift=morning, email="ole@example.org")

    errors = refusal(
        lambda: services.signup_create(shift=overlapping, name="Ole", email="ole@example.org")
    )
    later = services.signup_create(shift=afterwards, name="Ole", email="ole@example.org")

    assert "»Sandsäcke füllen« (Hochwasserhilfe Erftstadt)" in errors["email"][0]
    assert "08:00–12:00" in errors["email"][0]
    assert later.status == Status.PENDING


def test_overlap_is_checked_again_at_confirmation():
    one, two = ShiftFactory(), ShiftFactory(starts_at=at(3, 9), ends_at=at(3, 11))
    first = services.signup_create(shift=one, name="Ole", email="ole@example.org")
    second = services.signup_create(shift=two, name="Ole", email="ole@example.org")
    services.signup_confirm(token=first.token)

    errors = refusal(lambda: services.signup_confirm(token=second.token))

    assert "zur selben Zeit" in errors["email"][0]


@pytest.mark.parametrize(
    ("action_status", "provider_status", "days"),
    [
        (Action.Status.DRAFT, Provider.Status.VERIFIED, 3),
        (Action.Status.PUBLISHED, Provider.Status.PENDING, 3),
        (Action.Status.PUBLISHED, Provider.Status.VERIFIED, -1),
    ],
)
def test_no_sign_up_for_drafts_unverified_or_past_shifts(action_status, provider_status, days):
    shift = ShiftFactory(
        task__place__action__status=action_status,
        task__place__action__provider__status=provider_status,
        starts_at=at(days, 8),
        ends_at=at(days, 12),
    )

    refusal(lambda: services.signup_create(shift=shift, name="X", email="x@example.org"))

    assert not ShiftSignup.objects.exists()


def test_cancel_frees_the_place_and_acts_only_on_its_own_sign_up():
    shift = ShiftFactory(needed=1)
    mine = SignupFactory(shift=shift)
    other = SignupFactory(shift=ShiftFactory())
    waiting = services.signup_create(shift=shift, name="Next", email="next@example.org")

    services.signup_cancel(signup=mine)

    mine.refresh_from_db()
    other.refresh_from_db()
    assert (mine.status, other.status) == (Status.CANCELLED, Status.CONFIRMED)
    assert services.signup_confirm(token=waiting.token).status == Status.CONFIRMED
    assert refusal(lambda: services.signup_cancel(signup=mine)) == [
        "Diese Anmeldung ist bereits storniert."
    ]


def test_the_reminder_goes_once_to_confirmed_helpers_of_tomorrow(committed):
    tomorrow = ShiftFactory(starts_at=timezone.now() + datetime.timedelta(hours=20))
    later = ShiftFactory(starts_at=timezone.now() + datetime.timedelta(days=3))
    helper = SignupFactory(shift=tomorrow, email="morgen@example.org")
    SignupFactory(shift=tomorrow, status=Status.PENDING, email="offen@example.org")
    SignupFactory(shift=later, email="spaeter@example.org")
    mail.outbox.clear()

    assert committed(services.reminders_send) == 1
    assert committed(services.reminders_send) == 0

    assert [m.to for m in mail.outbox] == [["morgen@example.org"]]
    assert mail.outbox[0].subject.startswith("Erinnerung")
    helper.refresh_from_db()
    assert helper.reminded_at is not None


# --- organiser: messages, hours -------------------------------------------------------------


def test_the_message_reaches_each_confirmed_helper_of_the_shift_once_through_the_outbox(
    committed,
):
    shift = ShiftFactory()
    SignupFactory(shift=shift, email="a@example.org")
    SignupFactory(shift=shift, email="b@example.org")
    SignupFactory(shift=shift, email="c@example.org", status=Status.CANCELLED)
    SignupFactory(shift=ShiftFactory(task=shift.task), email="other@example.org")
    mail.outbox.clear()
    organiser = UserFactory()

    count = committed(
        lambda: services.helpers_message(
            action=shift.task.place.action,
            shift=shift,
            subject="Treffpunkt geändert",
            text="Bitte am Hintereingang klingeln.",
            user=organiser,
        )
    )

    assert count == 2
    assert sorted(m.to[0].split("<")[-1].rstrip(">") for m in mail.outbox) == [
        "a@example.org",
        "b@example.org",
    ]
    assert all("Hintereingang" in m.body for m in mail.outbox)


def test_hours_default_to_the_shift_and_can_be_corrected():
    shift = ShiftFactory(starts_at=at(-1, 8), ends_at=at(-1, 12, 30))
    one, two = SignupFactory(shift=shift), SignupFactory(shift=shift)
    organiser = UserFactory()

    services.signup_hours_confirm(signup=one, attended=True, hours=None, user=organiser)
    services.signup_hours_confirm(signup=two, attended=True, hours=Decimal("3"), user=organiser)

    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.hours, two.hours) == (Decimal("4.50"), Decimal("3.00"))
    assert one.hours_confirmed_by == organiser


def test_hours_only_after_the_shift_began():
    signup = SignupFactory()

    messages = refusal(
        lambda: services.signup_hours_confirm(
            signup=signup, attended=True, hours=None, user=UserFactory()
        )
    )

    assert messages == ["Stunden können bestätigt werden, sobald die Schicht begonnen hat."]


# --- evidence -------------------------------------------------------------------------------


def test_the_evidence_pdf_shows_the_hours_and_code_that_the_card_lookup_returns():
    provider = ProviderFactory(organisation__name="Tafel Erftstadt e.V.")
    organiser = UserFactory(first_name="Tobias", last_name="Wellmann")
    action = ActionFactory(provider=provider, title="Hochwasserhilfe Erftstadt")
    days = [-9, -2]
    for day in days:
        shift = ShiftFactory(task__place__action=action, starts_at=at(day, 8), ends_at=at(day, 12))
        signup = SignupFactory(shift=shift, name="Łukasz Wąsik", email="lukasz@example.org")
        services.signup_hours_confirm(signup=signup, attended=True, hours=None, user=organiser)
    elsewhere = SignupFactory(
        shift=ShiftFactory(starts_at=at(-3, 8), ends_at=at(-3, 10)), email="lukasz@example.org"
    )
    services.signup_hours_confirm(signup=elsewhere, attended=True, hours=None, user=organiser)

    certificate = services.certificate_for(email="lukasz@example.org", provider=provider)
    signups = list(certificate.signups.select_related("shift__task__place__action"))
    text = "".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(evidence_pdf(certificate, signups))).pages
    )

    assert "Łukasz Wąsik" in text
    assert "Tafel Erftstadt e.V." in text
    assert "8,00 Stunden" in text
    assert certificate.code in text
    evidence = hours_evidence_for(certificate.code)
    assert evidence is not None
    assert (evidence.hours, evidence.organisation, evidence.holder_email) == (
        8.0,
        "Tafel Erftstadt e.V.",
        "lukasz@example.org",
    )
    assert evidence.first_day == at(-9, 8).date()
    assert "Tobias Wellmann" in evidence.confirmed_by
    assert services.certificate_for(email="lukasz@example.org", provider=provider) == certificate


def test_a_made_up_code_or_unconfirmed_hours_answer_nothing():
    provider = ProviderFactory()
    signup = SignupFactory(
        shift=ShiftFactory(
            task__place__action__provider=provider, starts_at=at(-1, 8), ends_at=at(-1, 10)
        )
    )

    assert hours_evidence_for("STD-AAAAA-BBBBB-CCCCC-DDDDD") is None
    assert hours_evidence_for("irgendwas") is None
    with pytest.raises(ValidationError):
        services.certificate_for(email=signup.email, provider=provider)

    services.signup_hours_confirm(signup=signup, attended=True, hours=None, user=UserFactory())
    certificate = services.certificate_for(email=signup.email, provider=provider)
    services.signup_hours_confirm(signup=signup, attended=False, hours=None, user=UserFactory())

    assert hours_evidence_for(certificate.code) is None


def test_codes_are_random_and_bound_to_person_and_organisation():
    provider = ProviderFactory()
    codes = set()
    for email in ("a@example.org", "b@example.org"):
        signup = SignupFactory(
            email=email,
            shift=ShiftFactory(
                task__place__action__provider=provider, starts_at=at(-1, 8), ends_at=at(-1, 10)
            ),
        )
        services.signup_hours_confirm(signup=signup, attended=True, hours=None, user=UserFactory())
        codes.add(services.certificate_for(email=email, provider=provider).code)

    assert len(codes) == 2
    assert all(len(code.replace("-", "")) == 23 for code in codes)
    assert {hours_evidence_for(code).holder_email for code in codes} == {
        "a@example.org",
        "b@example.org",
    }


def test_the_indicator_counts_confirmed_hours_per_municipality_and_year():
    signup = SignupFactory(shift=ShiftFactory(starts_at=at(-1, 8), ends_at=at(-1, 11)))
    SignupFactory(shift=ShiftFactory(starts_at=at(-1, 8), ends_at=at(-1, 11)))  # not confirmed
    services.signup_hours_confirm(signup=signup, attended=True, hours=None, user=UserFactory())

    values = services.confirmed_hours_by_authority(at(-1, 8).year)

    assert values == {signup.shift.task.place.action.authority_id: 3.0}


# --- concurrency ----------------------------------------------------------------------------


def confirm_at_once(count: int, places: int, round_: int = 0) -> int:
    shift = ShiftFactory(needed=places, task__title=f"Runde {round_}")
    pending = [
        services.signup_create(shift=shift, name=f"Person {n}", email=f"p{round_}-{n}@example.org")
        for n in range(count)
    ]
    outcomes = run_at_once(
        [lambda s=signup: services.signup_confirm(token=s.token) for signup in pending]
    )
    confirmed = [o for o in outcomes if isinstance(o, ShiftSignup)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(confirmed) + len(refused) == count, outcomes
    assert len(confirmed) == services.confirmed_count(shift)
    return services.confirmed_count(shift)


@pytest.mark.django_db(transaction=True)
def test_fifty_people_confirm_at_once_for_twenty_places_exactly_twenty_get_one(threads_database):
    assert confirm_at_once(50, 20) == 20


@pytest.mark.django_db(transaction=True)
def test_without_the_lock_confirmations_at_once_overbook_so_the_lock_test_can_fail(
    threads_database, monkeypatch
):
    """The control (as pretix's concurrency tests): the race is real, the lock stops it."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs writers one at a time from BEGIN IMMEDIATE, lock or not")
    monkeypatch.setattr(services, "lock_objects", lambda objects: None)

    taken = []
    for round_ in range(10):
        taken.append(confirm_at_once(10, 4, round_))
        if taken[-1] > 4:
            break

    assert max(taken) > 4, taken


class _Sink:
    """What a real SMTP server on 127.0.0.1 received (aiosmtpd)."""

    def __init__(self) -> None:
        self.envelopes: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.envelopes.append((list(envelope.rcpt_tos), envelope.original_content))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_sink(settings):
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sink = _Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield sink
    controller.stop()


def test_a_message_to_helpers_reaches_the_smtp_server_once_each_without_other_addresses(
    smtp_sink, committed
):
    shift = ShiftFactory()
    for address in ("a@example.org", "b@example.org", "c@example.org"):
        SignupFactory(shift=shift, email=address)

    committed(
        lambda: services.helpers_message(
            action=shift.task.place.action,
            subject="Bitte Handschuhe mitbringen",
            text="Morgen wird es kalt.",
            user=UserFactory(),
        )
    )

    assert sorted(rcpt for rcpts, _ in smtp_sink.envelopes for rcpt in rcpts) == [
        "a@example.org",
        "b@example.org",
        "c@example.org",
    ]
    for rcpts, content in smtp_sink.envelopes:
        others = {"a@example.org", "b@example.org", "c@example.org"} - set(rcpts)
        assert not any(address.encode() in content for address in others)
