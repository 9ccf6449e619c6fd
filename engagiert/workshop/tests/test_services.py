"""The development workshop from the call to the alumni invitation: apply until the deadline
(Europe/Berlin), select up to the maximum of sites, vote for topics, book consultations (also
two at the same moment), reminders, the evaluation and the invitation to the network."""

import datetime
import re
import zoneinfo
from collections.abc import Callable
from io import StringIO
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.hashers import check_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django.utils.html import escape

from engagiert.accounts.models import Role, RoleAssignment, User
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import PASSWORD, UserFactory
from engagiert.core.testing import run_at_once
from engagiert.membership.tests.factories import MembershipFactory
from engagiert.registry.models import Authority
from engagiert.registry.tests.factories import AuthorityFactory
from engagiert.workshop import permissions, queries, services
from engagiert.workshop.models import (
    Cohort,
    CohortApplication,
    ConsultationSlot,
    EvaluationResponse,
    TeamMember,
    TopicProposal,
    TopicVote,
)
from engagiert.workshop.tests.factories import (
    CohortApplicationFactory,
    CohortFactory,
    ConsultationSlotFactory,
    SessionFactory,
    TopicProposalFactory,
    TopicVoteFactory,
    selected_team,
    team_user,
)

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
Status = CohortApplication.Status
TEAM = [
    {
        "name": "Hannah Westhues",
        "function": "Koordination Ehrenamt",
        "email": "hannah.westhues@ahausen.example",
    },
    {"name": "Jan Bröker", "function": "Sozialplanung", "email": "jan.broeker@ahausen.example"},
]
TEAM_INCOMPLETE = (
    "Ein Entwicklungsteam hat genau zwei Mitglieder, jeweils mit Name, Funktion und E-Mail-Adresse."
)
VOTES_USED_UP = (
    "Ihr Team hat alle 3 Stimmen vergeben. Ziehen Sie eine Stimme zurück, um sie einem anderen "
    "Thema zu geben."
)
SLOT_TAKEN = (
    "Dieser Termin wurde gerade von einem anderen Team gebucht; bitte wählen Sie einen anderen."
)


def apply(
    cohort: Cohort, authority: Authority, user: User, team: Any = None, **changes: str
) -> CohortApplication:
    texts = {
        "motivation": "Wir wollen Engagement strategisch fördern.",
        "goals": "Eine Engagementstrategie bis Ende nächsten Jahres.",
        "existing": "Koordination Ehrenamt, Runder Tisch.",
    }
    return services.cohort_apply(
        cohort=cohort,
        authority=authority,
        user=user,
        team=TEAM if team is None else team,
        **{**texts, **changes},
    )


def refusal(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(error.value.messages)


def mails_to(address: str) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if message.to == [address]]


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def berlin(moment: datetime.datetime) -> str:
    """How the deadline reads in the German message: Berlin's wall clock."""
    return moment.astimezone(BERLIN).strftime("%d.%m.%Y, %H:%M")


def closed_message(deadline: datetime.datetime) -> str:
    return f"Die Bewerbungsfrist endete am {berlin(deadline)}; Bewerbungen sind nicht mehr möglich."


# --- Applying until the deadline ------------------------------------------------------------


@pytest.fixture
def cohort(db):
    return CohortFactory(number=21)


def test_apply_before_the_deadline_saves_the_application_with_its_two_members(
    cohort, authority, officer
):
    application = apply(cohort, authority, officer)

    assert application.status == Status.SUBMITTED
    assert application.submitted_by == officer
    assert application.motivation == "Wir wollen Engagement strategisch fördern."
    assert [(m.position, m.name, m.function, m.email) for m in application.team.all()] == [
        (1, "Hannah Westhues", "Koordination Ehrenamt", "hannah.westhues@ahausen.example"),
        (2, "Jan Bröker", "Sozialplanung", "jan.broeker@ahausen.example"),
    ]
    assert queries.application_of(cohort, authority) == application


def test_a_deadline_of_today_2359_berlin_still_accepts_at_2330(cohort, authority, officer):
    # It is 23:30 in Berlin and the call closes at 23:59: 29 minutes to go.
    cohort.application_deadline = timezone.now() + datetime.timedelta(minutes=29)
    cohort.save()

    application = apply(cohort, authority, officer)

    assert CohortApplication.objects.get(cohort=cohort, authority=authority) == application


def test_a_deadline_of_2359_berlin_refuses_at_0001_the_next_day(cohort, authority, officer):
    # It is 00:01 in Berlin; the call closed at 23:59 the evening before: two minutes ago.
    deadline = timezone.now() - datetime.timedelta(minutes=2)
    cohort.application_deadline = deadline
    cohort.save()

    with pytest.raises(ValidationError) as refused:
        apply(cohort, authority, officer)

    assert refusal(refused) == closed_message(deadline)
    assert not CohortApplication.objects.exists()


@pytest.mark.parametrize(
    ("deadline", "german"),
    [
        # Winter: Berlin is UTC+1; summer: UTC+2. The message shows Berlin's wall clock.
        (datetime.datetime(2025, 1, 31, 22, 59, tzinfo=datetime.UTC), "31.01.2025, 23:59"),
        (datetime.datetime(2025, 6, 30, 21, 59, tzinfo=datetime.UTC), "30.06.2025, 23:59"),
    ],
)
def test_late_application_is_refused_with_the_berlin_deadline_in_german(
    cohort, authority, officer, deadline, german
):
    cohort.application_deadline = deadline
    cohort.save()

    with pytest.raises(ValidationError) as refused:
        apply(cohort, authority, officer)

    assert refusal(refused) == (
        f"Die Bewerbungsfrist endete am {german}; Bewerbungen sind nicht mehr möglich."
    )
    assert not CohortApplication.objects.exists()
    assert not TeamMember.objects.exists()


def test_a_cohort_without_a_call_takes_no_application(authority, officer):
    cohort = CohortFactory(application_deadline=None)

    with pytest.raises(ValidationError) as refused:
        apply(cohort, authority, officer)

    assert refusal(refused) == "Für diesen Durchgang gibt es keine offene Ausschreibung."


def test_the_application_can_be_changed_until_the_deadline_and_not_after(
    cohort, authority, officer
):
    first = apply(cohort, authority, officer)
    new_member = {"name": "Lea Schulte", "function": "Kämmerei", "email": "Lea.Schulte@A.example"}

    changed = apply(
        cohort, authority, officer, team=[TEAM[0], new_member], goals="Ein Leitbild für 2030."
    )

    assert changed.pk == first.pk
    assert CohortApplication.objects.count() == 1
    assert changed.goals == "Ein Leitbild für 2030."
    assert [(m.name, m.email) for m in changed.team.all()] == [
        ("Hannah Westhues", "hannah.westhues@ahausen.example"),
        ("Lea Schulte", "lea.schulte@a.example"),
    ]

    deadline = timezone.now() - datetime.timedelta(minutes=1)
    Cohort.objects.filter(pk=cohort.pk).update(application_deadline=deadline)
    with pytest.raises(ValidationError) as refused:
        apply(cohort, authority, officer, goals="Nachträglich geändert.")

    assert refusal(refused) == closed_message(deadline)
    changed.refresh_from_db()
    assert changed.goals == "Ein Leitbild für 2030."


@pytest.mark.parametrize(
    "team",
    [
        pytest.param([TEAM[0]], id="one member"),
        pytest.param([TEAM[0], {**TEAM[1], "email": ""}], id="member without e-mail"),
        pytest.param(
            [TEAM[0], {"name": "Jan Bröker", "email": TEAM[1]["email"]}], id="no function"
        ),
        pytest.param(
            [*TEAM, {"name": "Dritte Person", "function": "Kultur", "email": "d@a.example"}],
            id="a third member",
        ),
        pytest.param([], id="nobody"),
    ],
)
def test_the_team_has_exactly_two_complete_members(cohort, authority, officer, team):
    with pytest.raises(ValidationError) as refused:
        apply(cohort, authority, officer, team=team)

    assert refusal(refused) == TEAM_INCOMPLETE
    assert not CohortApplication.objects.exists()
    assert not TeamMember.objects.exists()


def test_a_member_whose_name_is_only_blanks_is_missing(cohort, authority, officer):
    with pytest.raises(ValidationError):
        apply(cohort, authority, officer, team=[TEAM[0], {**TEAM[1], "name": "   "}])


def test_the_same_e_mail_twice_is_refused(cohort, authority, officer):
    twice = [TEAM[0], {**TEAM[1], "email": "Hannah.Westhues@AHAUSEN.example"}]

    with pytest.raises(ValidationError) as refused:
        apply(cohort, authority, officer, team=twice)

    assert refusal(refused) == (
        "Die beiden Teammitglieder benötigen unterschiedliche E-Mail-Adressen."
    )
    assert not CohortApplication.objects.exists()


def test_the_same_e_mail_twice_with_a_blank_around_it_is_refused(cohort, authority, officer):
    twice = [TEAM[0], {**TEAM[1], "email": " hannah.westhues@ahausen.example "}]

    with pytest.raises(ValidationError):
        apply(cohort, authority, officer, team=twice)


# --- Selecting the sites --------------------------------------------------------------------


@pytest.fixture
def applicants(cohort):
    """Three municipalities applied for two places; in Ahausen, Hannah has an account already."""
    cohort.max_sites = 2
    cohort.save()
    ahausen = CohortApplicationFactory(
        cohort=cohort, authority=AuthorityFactory(name="Ahausen"), team=TEAM
    )
    bedorf = CohortApplicationFactory(cohort=cohort, authority=AuthorityFactory(name="Bedorf"))
    cedorf = CohortApplicationFactory(
        cohort=cohort,
        authority=AuthorityFactory(name="Cedorf"),
        submitted_by=UserFactory(email="beauftragte@cedorf.example"),
    )
    return ahausen, bedorf, cedorf


def test_selecting_one_site_more_than_the_maximum_is_refused(
    cohort, applicants, office_user, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError) as refused,
    ):
        services.cohort_select(cohort=cohort, selected=list(applicants), user=office_user)

    assert refusal(refused) == "An diesem Durchgang können höchstens 2 Standorte teilnehmen."
    assert set(CohortApplication.objects.values_list("status", flat=True)) == {Status.SUBMITTED}
    assert not TeamMember.objects.filter(user__isnull=False).exists()
    assert mail.outbox == []


def test_selected_teams_get_accounts_the_role_and_the_space_declined_ones_are_told(
    client, cohort, applicants, office_user, django_capture_on_commit_callbacks
):
    ahausen, bedorf, cedorf = applicants
    hannah = UserFactory(email="Hannah.Westhues@ahausen.example", first_name="Hannah")

    with django_capture_on_commit_callbacks(execute=True):
        services.cohort_select(cohort=cohort, selected=[ahausen, bedorf], user=office_user)

    statuses = dict(CohortApplication.objects.values_list("authority__name", "status"))
    assert statuses == {"Ahausen": Status.SELECTED, "Bedorf": Status.SELECTED, "Cedorf": "declined"}
    # Hannah keeps her account and password; Jan gets a new account without a password.
    members = {m.name: m for m in TeamMember.objects.select_related("user")}
    assert members["Hannah Westhues"].user == hannah
    assert check_password(PASSWORD, User.objects.get(pk=hannah.pk).password)
    jan = members["Jan Bröker"].user
    assert jan is not None
    assert (jan.email, jan.first_name, jan.last_name) == (
        "jan.broeker@ahausen.example",
        "Jan",
        "Bröker",
    )
    assert not jan.has_usable_password()
    assert set(
        RoleAssignment.objects.filter(role=Role.DEVELOPMENT_TEAM).values_list(
            "user__email", "authority__name", "function"
        )
    ) == {
        (hannah.email, "Ahausen", "Koordination Ehrenamt"),
        ("jan.broeker@ahausen.example", "Ahausen", "Sozialplanung"),
        *((m.email, "Bedorf", m.function) for m in bedorf.team.all()),
    }

    welcome = "Sie nehmen an der Entwicklungswerkstatt teil (Durchgang 21)"
    [to_hannah] = mails_to("hannah.westhues@ahausen.example")
    [to_jan] = mails_to("jan.broeker@ahausen.example")
    assert to_hannah.subject == to_jan.subject == welcome
    assert "Guten Tag Jan Bröker," in to_jan.body
    assert "Ahausen wurde für die Entwicklungswerkstatt (Durchgang 21) ausgewählt." in to_jan.body
    assert "/werkstatt/21/raum/" in to_jan.body
    assert "Für Sie wurde ein Konto angelegt." in to_jan.body
    assert "Für Sie wurde ein Konto angelegt." not in to_hannah.body
    assert "/konto/passwort-neu/" not in to_hannah.body
    declined = mails_to("beauftragte@cedorf.example")
    assert [m.subject for m in declined] == [
        "Ihre Bewerbung für die Entwicklungswerkstatt (Durchgang 21)"
    ]
    assert "Cedorf für Durchgang 21 nicht ausgewählt werden konnte" in declined[0].body
    assert recipients() == sorted(
        [
            "beauftragte@cedorf.example",
            "hannah.westhues@ahausen.example",
            "jan.broeker@ahausen.example",
            *(m.email for m in bedorf.team.all()),
        ]
    )
    assert not User.objects.filter(email__in=[m.email for m in cedorf.team.all()]).exists()

    # Jan sets his password through the link and enters the closed space.
    link = re.search(r"/konto/passwort-neu/[^/\s]+/[^/\s]+/", to_jan.body)
    assert link is not None
    set_password = client.get(link.group(0))
    assert set_password.status_code == 302
    assert "Neues Passwort festlegen" in client.get(set_password["Location"]).content.decode()
    client.force_login(jan)
    space = client.get("/werkstatt/21/raum/")
    assert space.status_code == 200
    assert "Team Ahausen" in space.content.decode()
    assert permissions.team_authority(hannah, cohort) == ahausen.authority
    assert permissions.can_enter_space(hannah, cohort)


def test_welcome_link_is_valid_as_long_as_the_mail_says_then_forgot_password_helps(
    client, cohort, applicants, office_user, django_capture_on_commit_callbacks, monkeypatch
):
    with django_capture_on_commit_callbacks(execute=True):
        services.cohort_select(cohort=cohort, selected=[applicants[0]], user=office_user)
    [to_jan] = mails_to("jan.broeker@ahausen.example")
    assert "(der Link gilt 24 Stunden und funktioniert einmal)" in to_jan.body
    assert "http://127.0.0.1:8000/konto/passwort-vergessen/" in to_jan.body
    link = re.search(r"/konto/passwort-neu/[^/\s]+/[^/\s]+/", to_jan.body)
    assert link is not None
    sent = datetime.datetime.now()

    def hours_later(hours: int) -> None:
        later = sent + datetime.timedelta(hours=hours)
        monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)

    hours_later(23)
    assert client.get(link.group(0)).status_code == 302
    hours_later(25)
    expired = client.get(link.group(0), follow=True)
    assert "Dieser Link ist nicht mehr gültig" in expired.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/konto/passwort-vergessen/", {"email": "jan.broeker@ahausen.example"})
    reset = mails_to("jan.broeker@ahausen.example")[-1]
    assert reset.subject == "Ihr neues Passwort für engagiert in NRW"
    assert "/konto/passwort-neu/" in reset.body


def test_declined_teams_do_not_enter_the_space(
    client, cohort, applicants, office_user, django_capture_on_commit_callbacks
):
    ahausen, _bedorf, cedorf = applicants
    cedorf_member = UserFactory(email=cedorf.team.get(position=1).email)
    TeamMember.objects.filter(application=cedorf, position=1).update(user=cedorf_member)

    with django_capture_on_commit_callbacks(execute=True):
        services.cohort_select(cohort=cohort, selected=[ahausen], user=office_user)

    assert not permissions.can_enter_space(cedorf_member, cohort)
    client.force_login(cedorf_member)
    assert client.get("/werkstatt/21/raum/").status_code == 404
    assert mails_to(cedorf_member.email) == []


# --- Topic votes ----------------------------------------------------------------------------


@pytest.fixture
def teams(cohort):
    return selected_team(cohort, AuthorityFactory(name="Ahausen")), selected_team(
        cohort, AuthorityFactory(name="Bedorf")
    )


def vote(proposal: TopicProposal, application: CohortApplication) -> TopicVote:
    return services.vote_cast(
        proposal=proposal, authority=application.authority, user=team_user(application)
    )


def test_each_team_has_its_votes_one_per_topic_and_withdrawing_frees_one(cohort, teams):
    ahausen, bedorf = teams
    topics = [TopicProposalFactory(cohort=cohort, title=f"Thema {n}") for n in range(1, 5)]
    # Ahausen's votes in another cohort do not count here.
    TopicVoteFactory(proposal=TopicProposalFactory(), authority=ahausen.authority)

    for topic in topics[:3]:
        vote(topic, ahausen)
    with pytest.raises(ValidationError) as used_up:
        vote(topics[3], ahausen)
    with pytest.raises(ValidationError) as twice:
        vote(topics[0], ahausen)

    assert refusal(used_up) == VOTES_USED_UP
    assert refusal(twice) == "Ihr Team hat für dieses Thema bereits gestimmt."
    assert queries.votes_used(cohort, ahausen.authority) == 3
    vote(topics[3], bedorf)  # the other team has votes of its own

    services.vote_withdraw(proposal=topics[1], authority=ahausen.authority)
    vote(topics[3], ahausen)

    assert queries.votes_used(cohort, ahausen.authority) == 3
    board = [
        (p.title, p.vote_count, p.my_vote) for p in queries.proposals(cohort, ahausen.authority)
    ]
    assert board == [
        ("Thema 4", 2, True),
        ("Thema 1", 1, True),
        ("Thema 3", 1, True),
        ("Thema 2", 0, False),
    ]


def test_the_operator_puts_topics_on_a_workshops_agenda(cohort, teams):
    ahausen, _bedorf = teams
    session = SessionFactory(cohort=cohort, number=2, title="Beteiligung gestalten")
    chosen = TopicProposalFactory(cohort=cohort, title="Freiwilligenagentur aufbauen")
    also = TopicProposalFactory(cohort=cohort, title="Engagement junger Menschen")
    still_open = TopicProposalFactory(cohort=cohort, title="Ehrenamtskarte")
    foreign = TopicProposalFactory(title="Thema eines anderen Durchgangs")

    with pytest.raises(ValidationError) as refused:
        services.session_adopt_topics(session=session, proposals=[chosen, foreign])

    assert refusal(refused) == "Bitte wählen Sie Themen dieses Durchgangs."
    assert not TopicProposal.objects.filter(adopted_for__isnull=False).exists()

    services.session_adopt_topics(session=session, proposals=[chosen, also])

    assert sorted(session.topics.values_list("title", flat=True)) == [
        "Engagement junger Menschen",
        "Freiwilligenagentur aufbauen",
    ]
    assert [p.title for p in queries.proposals(cohort, ahausen.authority)] == [still_open.title]
    with pytest.raises(ValidationError) as on_agenda:
        vote(TopicProposal.objects.get(pk=chosen.pk), ahausen)
    assert refusal(on_agenda) == "Dieses Thema steht bereits auf der Tagesordnung einer Werkstatt."


# --- Consultation appointments --------------------------------------------------------------


def book(slot: ConsultationSlot, application: CohortApplication) -> ConsultationSlot:
    return services.slot_book(
        slot=slot, authority=application.authority, user=team_user(application)
    )


def test_a_slot_is_booked_by_one_team_only_and_cancelling_frees_it(cohort, teams):
    ahausen, bedorf = teams
    slot = ConsultationSlotFactory(cohort=cohort)

    book(slot, ahausen)
    with pytest.raises(ValidationError) as refused:
        book(slot, bedorf)

    assert refusal(refused) == SLOT_TAKEN
    slot.refresh_from_db()
    assert (slot.booked_by, slot.booked_by_user) == (ahausen.authority, team_user(ahausen))

    services.slot_cancel(slot=slot)
    slot.refresh_from_db()
    assert (slot.booked_by, slot.booked_by_user, slot.reminded_at) == (None, None, None)

    book(slot, bedorf)
    slot.refresh_from_db()
    assert slot.booked_by == bedorf.authority


def test_a_slot_in_the_past_is_refused(cohort, teams):
    ahausen, _bedorf = teams
    slot = ConsultationSlotFactory(
        cohort=cohort, starts_at=timezone.now() - datetime.timedelta(minutes=5)
    )

    with pytest.raises(ValidationError) as refused:
        book(slot, ahausen)

    assert refusal(refused) == "Dieser Termin liegt in der Vergangenheit."
    slot.refresh_from_db()
    assert slot.booked_by is None


# --- At the same moment (PostgreSQL) --------------------------------------------------------


def later(function: Callable[..., object], *args: Any, **kwargs: Any) -> Callable[[], object]:
    """The call, to be made in a thread."""
    return lambda: function(*args, **kwargs)


def needs_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL's row locks")


@pytest.mark.django_db(transaction=True)
def test_two_teams_booking_the_same_slot_at_the_same_moment_get_one_booking():
    needs_postgresql()
    cohort = CohortFactory(number=31)
    ahausen = selected_team(cohort, AuthorityFactory(name="Ahausen"))
    bedorf = selected_team(cohort, AuthorityFactory(name="Bedorf"))

    for _round in range(5):
        slot = ConsultationSlotFactory(cohort=cohort)
        outcomes = run_at_once([later(book, slot, ahausen), later(book, slot, bedorf)])

        booked = [o for o in outcomes if isinstance(o, ConsultationSlot)]
        refused = [o for o in outcomes if isinstance(o, ValidationError)]
        assert (len(booked), len(refused)) == (1, 1), outcomes
        assert refused[0].messages == [SLOT_TAKEN]
        slot.refresh_from_db()
        assert slot.booked_by == booked[0].booked_by
        assert slot.booked_by_user == booked[0].booked_by_user


@pytest.mark.django_db(transaction=True)
def test_one_team_casting_its_last_vote_twice_at_the_same_moment_keeps_its_allowance():
    needs_postgresql()
    cohort = CohortFactory(number=32, votes_per_team=3)
    ahausen = selected_team(cohort, AuthorityFactory(name="Ahausen"))
    hannah, jan = team_user(ahausen, 1), team_user(ahausen, 2)
    for topic in TopicProposalFactory.create_batch(2, cohort=cohort):
        vote(topic, ahausen)

    for _round in range(5):
        first, second = TopicProposalFactory.create_batch(2, cohort=cohort)
        outcomes = run_at_once(
            [
                later(services.vote_cast, proposal=first, authority=ahausen.authority, user=hannah),
                later(services.vote_cast, proposal=second, authority=ahausen.authority, user=jan),
            ]
        )

        cast = [o for o in outcomes if isinstance(o, TopicVote)]
        refused = [o for o in outcomes if isinstance(o, ValidationError)]
        assert (len(cast), len(refused)) == (1, 1), outcomes
        assert refused[0].messages == [VOTES_USED_UP]
        assert queries.votes_used(cohort, ahausen.authority) == 3
        services.vote_withdraw(proposal=cast[0].proposal, authority=ahausen.authority)


# --- Reminders ------------------------------------------------------------------------------


def in_hours(hours: float) -> datetime.datetime:
    return (timezone.now() + datetime.timedelta(hours=hours)).replace(microsecond=0)


def test_booking_teams_are_reminded_once_of_slots_in_the_next_24_hours(
    cohort, teams, django_capture_on_commit_callbacks
):
    ahausen, bedorf = teams
    soon = ConsultationSlotFactory(
        cohort=cohort, starts_at=in_hours(3), booked_by=ahausen.authority, advisor="Dr. Petra Weber"
    )
    tomorrow = ConsultationSlotFactory(
        cohort=cohort, starts_at=in_hours(23), booked_by=bedorf.authority
    )
    ConsultationSlotFactory(cohort=cohort, starts_at=in_hours(30), booked_by=ahausen.authority)
    ConsultationSlotFactory(cohort=cohort, starts_at=in_hours(2))  # free
    ConsultationSlotFactory(cohort=cohort, starts_at=in_hours(-1), booked_by=bedorf.authority)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.slot_reminders_send() == 2

    expected = sorted(m.email for team in teams for m in team.team.all())
    assert recipients() == expected
    when = timezone.localtime(soon.starts_at, BERLIN).strftime("%d.%m.%Y %H:%M")
    [to_ahausen, *_rest] = mails_to(ahausen.team.get(position=1).email)
    assert to_ahausen.subject == f"Erinnerung: Beratungstermin am {when} Uhr"
    assert "Ihr Team hat einen Beratungstermin mit Dr. Petra Weber am" in to_ahausen.body
    assert "Wo: Videokonferenz" in to_ahausen.body
    assert "/werkstatt/21/raum/termine/" in to_ahausen.body
    assert set(
        ConsultationSlot.objects.filter(reminded_at__isnull=False).values_list("pk", flat=True)
    ) == {soon.pk, tomorrow.pk}

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.slot_reminders_send() == 0
    assert mail.outbox == []


def test_the_schedule_reminds_teams_of_appointments(
    cohort, teams, django_capture_on_commit_callbacks
):
    ahausen, _bedorf = teams
    ConsultationSlotFactory(cohort=cohort, starts_at=in_hours(5), booked_by=ahausen.authority)
    out = StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_schedule", "--once", stdout=out)

    assert "Erledigt: Teams an Beratungstermine erinnern" in out.getvalue()
    assert recipients() == sorted(m.email for m in ahausen.team.all())


# --- Evaluation -----------------------------------------------------------------------------


def answer(cohort: Cohort, application: CohortApplication, phase: str) -> EvaluationResponse:
    return services.evaluation_submit(
        cohort=cohort,
        authority=application.authority,
        phase=phase,
        strategy=2,
        cooperation=4,
        competence=3,
        comment="Der Austausch hilft uns sehr.",
    )


def test_each_team_answers_each_questionnaire_once(cohort, teams):
    ahausen, bedorf = teams

    answer(cohort, ahausen, "start")
    with pytest.raises(ValidationError) as again:
        answer(cohort, ahausen, "start")
    answer(cohort, ahausen, "end")
    answer(cohort, bedorf, "start")

    assert refusal(again) == "Ihr Team hat diesen Fragebogen bereits beantwortet. Vielen Dank!"
    assert sorted(EvaluationResponse.objects.values_list("authority__name", "phase")) == [
        ("Ahausen", "end"),
        ("Ahausen", "start"),
        ("Bedorf", "start"),
    ]
    assert queries.evaluation_summary(cohort) == [
        {"phase": "start", "teams": 2, "strategy": 2.0, "cooperation": 4.0, "competence": 3.0},
        {"phase": "end", "teams": 1, "strategy": 2.0, "cooperation": 4.0, "competence": 3.0},
    ]


# --- Finishing: the alumni are invited to the network ---------------------------------------

EXISTING = "Koordinierungsstelle Ehrenamt & Runder Tisch; Ehrenamtskarte seit 2016 (»Lotsen«)."
GOALS = "Eine Engagementstrategie bis 2027 – mit Bürgerbeteiligung."


def _officer(authority: Authority, email: str) -> User:
    user = UserFactory(email=email)
    role_grant(user=user, role=Role.OFFICER, authority=authority)
    return user


@pytest.fixture
def finished_cohort(cohort):
    """Ahausen took part and is no member; Bedorf took part and is one; Dedorf was once a
    member; Cedorf was not selected."""
    ahausen = selected_team(
        cohort, AuthorityFactory(name="Ahausen"), existing=EXISTING, goals=GOALS
    )
    bedorf = selected_team(cohort, AuthorityFactory(name="Bedorf"))
    MembershipFactory(authority=bedorf.authority)
    dedorf = selected_team(cohort, AuthorityFactory(name="Dedorf"))
    MembershipFactory(
        authority=dedorf.authority,
        since=datetime.date(2014, 1, 1),
        until=datetime.date(2020, 12, 31),
    )
    cedorf = CohortApplicationFactory(
        cohort=cohort, authority=AuthorityFactory(name="Cedorf"), status=Status.DECLINED
    )
    officers = {
        name: _officer(application.authority, f"engagement@{name.lower()}.example")
        for name, application in [
            ("Ahausen", ahausen),
            ("Bedorf", bedorf),
            ("Cedorf", cedorf),
            ("Dedorf", dedorf),
        ]
    }
    return {"ahausen": ahausen, "dedorf": dedorf, "officers": officers}


def test_finishing_invites_the_non_members_with_a_prefilled_membership_application(
    client, cohort, finished_cohort, django_capture_on_commit_callbacks
):
    ahausen, dedorf = finished_cohort["ahausen"], finished_cohort["dedorf"]

    with django_capture_on_commit_callbacks(execute=True):
        assert services.cohort_finish(cohort=cohort) == 2

    cohort.refresh_from_db()
    assert cohort.finished_at is not None
    assert recipients() == sorted(
        [
            "engagement@ahausen.example",
            "engagement@dedorf.example",
            *(m.email for m in ahausen.team.all()),
            *(m.email for m in dedorf.team.all()),
        ]
    )
    [invitation] = mails_to("engagement@ahausen.example")
    assert invitation.subject == "Einladung ins Kommunen-Netzwerk für Ahausen"
    assert "Durchgang 21 der Entwicklungswerkstatt ist abgeschlossen." in invitation.body
    found = re.search(r"https?://\S+", invitation.body)
    assert found is not None
    link = urlsplit(found.group(0))
    assert link.path == f"/netzwerk/{ahausen.authority.ags}/antrag/"
    assert parse_qs(link.query) == {"cross_cutting": [EXISTING], "motivation": [GOALS]}

    client.force_login(finished_cohort["officers"]["Ahausen"])
    response = client.get(f"{link.path}?{link.query}")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Mitgliedschaft beantragen" in page
    assert f'id="id_cross_cutting">\n{escape(EXISTING)}</textarea>' in page
    assert f'id="id_motivation">\n{escape(GOALS)}</textarea>' in page


def test_finishing_twice_is_refused(cohort, finished_cohort, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.cohort_finish(cohort=cohort)
    finished_at = Cohort.objects.get(pk=cohort.pk).finished_at
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as again:
        services.cohort_finish(cohort=cohort)

    assert refusal(again) == "Dieser Durchgang ist bereits abgeschlossen."
    assert Cohort.objects.get(pk=cohort.pk).finished_at == finished_at
    assert mail.outbox == []


def test_resource_publish_puts_a_members_only_item_into_the_knowledge_base(office_user):
    from engagiert.knowledge.models import KnowledgeItem
    from engagiert.search import engine as search
    from engagiert.workshop.tests.factories import CohortFactory, ResourceFactory

    resource = ResourceFactory(
        cohort=CohortFactory(),
        title="Leitfaden Anerkennungskultur",
        description="Wie Kommunen Engagierte würdigen.",
        url="https://example.org/leitfaden",
    )

    item = services.resource_publish(resource=resource, user=office_user)

    assert item.kind == KnowledgeItem.Kind.RESOURCE
    assert item.visibility == "members"
    assert item.summary == "Wie Kommunen Engagierte würdigen."
    resource.refresh_from_db()
    assert resource.shared_with_network
    assert [e.title for e in search.search("Anerkennungskultur", members=True).entries] == [
        "Leitfaden Anerkennungskultur"
    ]
    assert list(search.search("Anerkennungskultur", members=False).entries) == []
    with pytest.raises(ValidationError, match="bereits in der Wissensbasis"):
        services.resource_publish(resource=resource, user=office_user)
