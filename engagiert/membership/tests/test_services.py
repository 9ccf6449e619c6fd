"""The membership workflow as the network office and the applying municipality notice it."""

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from pypdf import PdfReader, PdfWriter

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.audit import audit_actor
from engagiert.core.models import AuditEntry
from engagiert.core.testing import run_at_once
from engagiert.membership import queries, services
from engagiert.membership.models import (
    Application,
    ApplicationEvent,
    Membership,
    Profile,
    Signature,
    StrategyDocument,
    VolunteerCardStatus,
)
from engagiert.registry.services import registry_import
from engagiert.registry.tests.factories import AuthorityFactory, TopicFactory

from .factories import (
    ApplicationFactory,
    ContactPersonFactory,
    MembershipFactory,
    SigningWaveFactory,
)

Status = Application.Status
CROSS_CUTTING = (
    "Die Engagementförderung ist als Querschnittsaufgabe in allen Fachbereichen verankert; "
    "eine Stabsstelle im Büro des Bürgermeisters koordiniert sie."
)
STATUS_LABELS = {
    Status.SUBMITTED: "eingereicht, in Prüfung",
    Status.INFO_REQUESTED: "Rückfrage gestellt",
    Status.ADMITTED: "aufgenommen",
    Status.DECLINED: "abgelehnt",
    Status.WITHDRAWN: "zurückgezogen",
}
OPEN_ALREADY = (
    "Für %s liegt bereits ein offener Antrag vor; bitte warten Sie die Prüfung ab oder "
    "beantworten Sie die Rückfrage des Netzwerkbüros."
)
DECIDED_ALREADY = "Über diesen Antrag ist bereits entschieden (%s)."
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL"
)


@pytest.fixture
def contact(authority):
    return ContactPersonFactory(authority=authority, name="Petra Schulte")


@pytest.fixture
def second_officer(authority):
    user = UserFactory(email="ehrenamt@kommune.example")
    role_grant(user=user, role=Role.OFFICER, authority=authority)
    return user


@pytest.fixture
def second_office_user(db):
    user = UserFactory(email="netzwerk@example.org")
    role_grant(user=user, role=Role.OFFICE)
    return user


def submit(authority, user, contact_person, **changes):
    fields = {
        "contact_person": contact_person,
        "cross_cutting": CROSS_CUTTING,
        "volunteer_card": VolunteerCardStatus.PARTICIPATING,
        "accepts_declaration": True,
        "motivation": "Wir möchten von anderen Kommunen lernen.",
    }
    return services.application_submit(authority=authority, user=user, **{**fields, **changes})


def mails_to(address: str) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if message.to == [address]]


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


# --- application_submit ---------------------------------------------------------------------


def test_application_submit_refuses_unmet_criteria_and_saves_nothing(
    authority, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as raised:
        submit(
            authority,
            officer,
            None,
            cross_cutting="Machen wir.",
            volunteer_card=VolunteerCardStatus.NO,
            accepts_declaration=False,
        )

    assert raised.value.message_dict == {
        "contact_person": ["Bitte benennen Sie eine Ansprechperson Ihrer Kommune."],
        "cross_cutting": [
            "Bitte beschreiben Sie in einigen Sätzen, wie die Engagementförderung in Ihrer "
            "Verwaltung verankert ist."
        ],
        "volunteer_card": [
            "Mitglieder nehmen an der Ehrenamtskarte NRW teil oder planen die Einführung."
        ],
        "accepts_declaration": ["Mitglieder unterzeichnen die Gemeinsame Erklärung."],
    }
    assert not Application.objects.exists()
    assert not ApplicationEvent.objects.exists()
    assert mail.outbox == []


def test_application_submit_refuses_a_contact_person_of_another_municipality(authority, officer):
    stranger = ContactPersonFactory(authority=AuthorityFactory(name="Nachbarstadt"))

    with pytest.raises(ValidationError) as raised:
        submit(authority, officer, stranger)

    assert raised.value.message_dict == {
        "contact_person": ["Bitte benennen Sie eine Ansprechperson Ihrer Kommune."]
    }
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("text", "accepted"),
    [("   Es gibt eine Stelle   ", False), ("Es gibt eine Stelle.", True)],
)
def test_application_submit_wants_twenty_characters_on_the_cross_cutting_task(
    authority, officer, contact, text, accepted
):
    """19 characters (without the surrounding blanks) are too few, 20 are enough."""
    if accepted:
        assert submit(authority, officer, contact, cross_cutting=text).status == Status.SUBMITTED
    else:
        with pytest.raises(ValidationError) as raised:
            submit(authority, officer, contact, cross_cutting=text)
        assert list(raised.value.message_dict) == ["cross_cutting"]
        assert not Application.objects.exists()


def test_application_submit_accepts_a_planned_volunteer_card(authority, officer, contact):
    application = submit(authority, officer, contact, volunteer_card=VolunteerCardStatus.PLANNED)

    assert application.get_volunteer_card_display() == "geplant"


def test_application_submit_records_the_application_and_tells_applicant_and_office(
    authority,
    officer,
    second_officer,
    contact,
    office_user,
    second_office_user,
    django_capture_on_commit_callbacks,
):
    outsider = UserFactory(email="andere@kommune.example")
    role_grant(user=outsider, role=Role.OFFICER, authority=AuthorityFactory())

    with django_capture_on_commit_callbacks(execute=True):
        application = submit(authority, officer, contact)

    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.get_status_display() == "eingereicht, in Prüfung"
    assert (application.authority, application.submitted_by, application.contact_person) == (
        authority,
        officer,
        contact,
    )
    assert application.decided_at is None
    assert list(application.events.values_list("action", "actor")) == [("submitted", officer.pk)]
    assert recipients() == sorted(
        [officer.email, second_officer.email, office_user.email, second_office_user.email]
    )
    confirmation = mails_to(officer.email)[0]
    assert confirmation.subject == mails_to(second_officer.email)[0].subject
    assert confirmation.subject == f"Ihr Mitgliedsantrag für {authority.name} ist eingegangen"
    notice = mails_to(office_user.email)[0]
    assert notice.subject == f"Neuer Mitgliedsantrag: {authority.name}"
    assert application.get_absolute_url() in notice.body


def test_application_submit_refuses_a_second_open_application(authority, officer, contact):
    first = submit(authority, officer, contact)
    services.application_request_info(application=first, actor=officer, message="Seit wann?")

    with pytest.raises(ValidationError) as raised:
        submit(authority, officer, contact)

    assert raised.value.messages == [OPEN_ALREADY % authority.name]
    assert list(Application.objects.values_list("status", flat=True)) == [Status.INFO_REQUESTED]


def test_application_submit_after_a_declined_application_is_possible(
    authority, officer, contact, office_user
):
    first = submit(authority, officer, contact)
    services.application_decline(application=first, actor=office_user, reason="Noch zu früh.")

    second = submit(authority, officer, contact)

    assert second.status == Status.SUBMITTED
    assert Application.objects.count() == 2


def test_application_submit_refuses_a_current_member(authority, officer, contact):
    MembershipFactory(authority=authority, since=datetime.date(2012, 5, 1))

    with pytest.raises(ValidationError) as raised:
        submit(authority, officer, contact)

    assert raised.value.messages == [f"{authority.name} ist bereits Mitglied des Netzwerks."]
    assert not Application.objects.exists()


# --- application_request_info and application_answer ---------------------------------------


def test_application_request_info_wants_a_message(authority, office_user):
    application = ApplicationFactory(authority=authority)

    with pytest.raises(ValidationError) as raised:
        services.application_request_info(
            application=application, actor=office_user, message="  \n "
        )

    assert raised.value.message_dict == {
        "message": ["Bitte schreiben Sie, was Sie wissen möchten."]
    }
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert not application.events.exists()


def test_application_request_info_asks_the_applicant(
    authority, officer, second_officer, office_user, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(authority=authority, submitted_by=officer)
    question = "Seit wann gibt es die Stabsstelle, und wie viele Stellen hat sie?"

    with django_capture_on_commit_callbacks(execute=True):
        services.application_request_info(
            application=application, actor=office_user, message=question
        )

    application.refresh_from_db()
    assert application.get_status_display() == "Rückfrage gestellt"
    assert application.is_open
    assert list(application.events.values_list("action", "actor", "message")) == [
        ("info_requested", office_user.pk, question)
    ]
    assert recipients() == sorted([officer.email, second_officer.email])
    question_mail = mails_to(officer.email)[0]
    assert question_mail.subject == f"Rückfrage zum Mitgliedsantrag von {authority.name}"
    assert question in question_mail.body


@pytest.mark.parametrize("status", [Status.INFO_REQUESTED, Status.DECLINED, Status.WITHDRAWN])
def test_application_request_info_only_while_submitted(authority, office_user, status):
    application = ApplicationFactory(authority=authority, status=status)

    with pytest.raises(ValidationError) as raised:
        services.application_request_info(
            application=application, actor=office_user, message="Noch eine Frage?"
        )

    assert raised.value.messages == [
        "Nur zu einem eingereichten Antrag kann eine Rückfrage gestellt werden "
        f"(Stand: {STATUS_LABELS[status]})."
    ]
    application.refresh_from_db()
    assert application.status == status


def test_application_answer_goes_back_to_review_and_tells_the_office(
    authority, officer, office_user, second_office_user, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(
        authority=authority, submitted_by=officer, status=Status.INFO_REQUESTED
    )
    answer = "Die Stabsstelle gibt es seit 2014 mit zwei Vollzeitstellen."
    clearer = "Die Stabsstelle Bürgerengagement koordiniert alle Fachbereiche seit 2014."

    with django_capture_on_commit_callbacks(execute=True):
        services.application_answer(
            application=application, actor=officer, message=answer, cross_cutting=clearer
        )

    application.refresh_from_db()
    assert application.get_status_display() == "eingereicht, in Prüfung"
    assert application.cross_cutting == clearer
    assert list(application.events.values_list("action", "message")) == [("answered", answer)]
    assert recipients() == sorted([office_user.email, second_office_user.email])
    answer_mail = mails_to(office_user.email)[0]
    assert answer_mail.subject == f"Antwort auf Ihre Rückfrage: {authority.name}"
    assert answer in answer_mail.body


def test_application_answer_refuses_a_too_short_cross_cutting_text(authority, officer):
    application = ApplicationFactory(authority=authority, status=Status.INFO_REQUESTED)

    with pytest.raises(ValidationError) as raised:
        services.application_answer(
            application=application,
            actor=officer,
            message="Siehe oben.",
            cross_cutting="Siehe oben.",
        )

    assert list(raised.value.message_dict) == ["cross_cutting"]
    application.refresh_from_db()
    assert application.status == Status.INFO_REQUESTED
    assert application.cross_cutting != "Siehe oben."


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.ADMITTED, Status.DECLINED])
def test_application_answer_only_to_an_open_question(authority, officer, status):
    application = ApplicationFactory(authority=authority, status=status)

    with pytest.raises(ValidationError) as raised:
        services.application_answer(
            application=application, actor=officer, message="Hier unsere Antwort."
        )

    assert raised.value.messages == [
        "Es gibt keine offene Rückfrage zu beantworten "
        f"(Stand des Antrags: {STATUS_LABELS[status]})."
    ]
    application.refresh_from_db()
    assert application.status == status
    assert not application.events.exists()


def test_application_answer_wants_a_message(authority, officer):
    application = ApplicationFactory(authority=authority, status=Status.INFO_REQUESTED)

    with pytest.raises(ValidationError) as raised:
        services.application_answer(application=application, actor=officer, message=" ")

    assert raised.value.message_dict == {
        "message": ["Bitte beantworten Sie die Rückfrage des Netzwerkbüros."]
    }


# --- application_admit ----------------------------------------------------------------------


def test_application_admit_makes_a_member_since_today_and_welcomes_it(
    authority, officer, second_officer, office_user, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(authority=authority, submitted_by=officer)

    with django_capture_on_commit_callbacks(execute=True):
        membership = services.application_admit(
            application=application, actor=office_user, message="Herzlich willkommen!"
        )

    application.refresh_from_db()
    assert application.get_status_display() == "aufgenommen"
    assert application.decided_at is not None
    assert (membership.authority, membership.since, membership.until) == (
        authority,
        timezone.localdate(),
        None,
    )
    assert membership.application == application
    assert queries.is_member(authority)
    assert not Signature.objects.exists()
    assert list(application.events.values_list("action", "actor", "message")) == [
        ("admitted", office_user.pk, "Herzlich willkommen!")
    ]
    assert recipients() == sorted([officer.email, second_officer.email])
    welcome = mails_to(officer.email)[0]
    assert "Willkommen im Netzwerk" in welcome.subject
    assert authority.name in welcome.subject
    assert "Herzlich willkommen!" in welcome.body
    assert authority.get_absolute_url() in welcome.body


def test_application_admit_with_a_wave_records_the_signature(authority, officer, office_user):
    application = ApplicationFactory(authority=authority, submitted_by=officer)
    wave = SigningWaveFactory(date=datetime.date(2016, 9, 15), occasion="Netzwerktreffen Köln")

    membership = services.application_admit(
        application=application,
        actor=office_user,
        since=datetime.date(2016, 9, 15),
        wave=wave,
        signed_by="Dr. Maria Becker",
        signer_role="Bürgermeisterin",
    )

    assert membership.since == datetime.date(2016, 9, 15)
    signature = Signature.objects.get()
    assert (signature.wave, signature.authority, signature.organisation) == (wave, authority, None)
    assert (signature.signed_by, signature.signer_role) == ("Dr. Maria Becker", "Bürgermeisterin")


@pytest.mark.parametrize(
    "status", [Status.DECLINED, Status.WITHDRAWN, Status.ADMITTED, Status.INFO_REQUESTED]
)
def test_application_admit_refuses_an_application_that_is_not_submitted(
    authority, office_user, status, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(authority=authority, status=status)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as raised:
        services.application_admit(application=application, actor=office_user)

    assert raised.value.messages == [
        f"Nur ein eingereichter Antrag kann angenommen werden (Stand: {STATUS_LABELS[status]})."
    ]
    application.refresh_from_db()
    assert application.status == status
    assert not Membership.objects.exists()
    assert mail.outbox == []


def test_application_admit_twice_is_refused_and_keeps_one_membership(
    authority, office_user, second_office_user
):
    application = ApplicationFactory(authority=authority)
    services.application_admit(application=application, actor=office_user)

    with pytest.raises(ValidationError) as raised:
        services.application_admit(application=application, actor=second_office_user)

    assert raised.value.messages == [
        "Nur ein eingereichter Antrag kann angenommen werden (Stand: aufgenommen)."
    ]
    assert Membership.objects.count() == 1
    assert application.events.count() == 1


# --- application_decline and application_withdraw ------------------------------------------


def test_application_decline_wants_a_reason(authority, office_user):
    application = ApplicationFactory(authority=authority)

    with pytest.raises(ValidationError) as raised:
        services.application_decline(application=application, actor=office_user, reason="")

    assert raised.value.message_dict == {
        "message": ["Bitte nennen Sie der antragstellenden Kommune eine Begründung."]
    }
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


@pytest.mark.parametrize("status", Application.OPEN)
def test_application_decline_an_open_application_tells_the_applicant_why(
    authority, officer, office_user, status, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(authority=authority, submitted_by=officer, status=status)
    reason = "Die Ehrenamtskarte ist noch nicht beschlossen; bitte bewerben Sie sich danach."

    with django_capture_on_commit_callbacks(execute=True):
        services.application_decline(application=application, actor=office_user, reason=reason)

    application.refresh_from_db()
    assert application.get_status_display() == "abgelehnt"
    assert application.decided_at is not None
    assert not application.is_open
    assert list(application.events.values_list("action", "message")) == [("declined", reason)]
    assert not Membership.objects.exists()
    assert recipients() == [officer.email]
    refusal = mails_to(officer.email)[0]
    assert refusal.subject == f"Ihr Mitgliedsantrag für {authority.name}"
    assert reason in refusal.body


@pytest.mark.parametrize("status", [Status.ADMITTED, Status.DECLINED, Status.WITHDRAWN])
def test_application_decline_refuses_a_decided_application(authority, office_user, status):
    application = ApplicationFactory(authority=authority, status=status)

    with pytest.raises(ValidationError) as raised:
        services.application_decline(
            application=application, actor=office_user, reason="Passt nicht."
        )

    assert raised.value.messages == [DECIDED_ALREADY % STATUS_LABELS[status]]
    application.refresh_from_db()
    assert application.status == status


@pytest.mark.parametrize("status", Application.OPEN)
def test_application_withdraw_an_open_application_tells_the_office(
    authority, officer, office_user, status, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(authority=authority, submitted_by=officer, status=status)

    with django_capture_on_commit_callbacks(execute=True):
        services.application_withdraw(application=application, actor=officer)

    application.refresh_from_db()
    assert application.get_status_display() == "zurückgezogen"
    assert application.decided_at is not None
    assert list(application.events.values_list("action", "actor")) == [("withdrawn", officer.pk)]
    assert recipients() == [office_user.email]
    assert mails_to(office_user.email)[0].subject == f"Antrag zurückgezogen: {authority.name}"


@pytest.mark.parametrize("status", [Status.ADMITTED, Status.DECLINED, Status.WITHDRAWN])
def test_application_withdraw_refuses_a_decided_application(authority, officer, status):
    application = ApplicationFactory(authority=authority, status=status)

    with pytest.raises(ValidationError) as raised:
        services.application_withdraw(application=application, actor=officer)

    assert raised.value.messages == [DECIDED_ALREADY % STATUS_LABELS[status]]
    application.refresh_from_db()
    assert application.status == status


# --- membership_end -------------------------------------------------------------------------


def test_membership_end_keeps_the_membership_on_record(
    authority, officer, office_user, django_capture_on_commit_callbacks
):
    membership = MembershipFactory(authority=authority, since=datetime.date(2012, 5, 1))

    with django_capture_on_commit_callbacks(execute=True):
        services.membership_end(
            authority=authority,
            actor=officer,
            reason="Ratsbeschluss zur Haushaltskonsolidierung",
            until=datetime.date(2020, 12, 31),
        )

    membership.refresh_from_db()
    assert (membership.since, membership.until) == (
        datetime.date(2012, 5, 1),
        datetime.date(2020, 12, 31),
    )
    assert membership.end_reason == "Ratsbeschluss zur Haushaltskonsolidierung"
    assert not queries.is_member(authority)
    assert authority.ags not in queries.current_member_keys()
    assert recipients() == sorted([officer.email, office_user.email])
    farewell = mails_to(office_user.email)[0]
    assert farewell.subject == f"{authority.name} hat das Netzwerk verlassen"
    assert "31.12.2020" in farewell.body
    assert "Ratsbeschluss zur Haushaltskonsolidierung" in farewell.body


def test_membership_end_without_a_date_ends_today(authority, officer):
    MembershipFactory(authority=authority, since=datetime.date(2012, 5, 1))

    membership = services.membership_end(authority=authority, actor=officer, reason="Austritt")

    assert membership.until == timezone.localdate()


def test_membership_end_wants_a_reason(authority, officer):
    MembershipFactory(authority=authority)

    with pytest.raises(ValidationError) as raised:
        services.membership_end(authority=authority, actor=officer, reason="  ")

    assert raised.value.message_dict == {
        "reason": ["Bitte nennen Sie einen Grund für den Austritt."]
    }
    assert queries.is_member(authority)


def test_membership_end_cannot_lie_before_the_start(authority, officer):
    MembershipFactory(authority=authority, since=datetime.date(2015, 6, 1))

    with pytest.raises(ValidationError) as raised:
        services.membership_end(
            authority=authority, actor=officer, reason="Austritt", until=datetime.date(2015, 5, 31)
        )

    assert raised.value.message_dict == {
        "until": ["Das Ende kann nicht vor dem Beginn der Mitgliedschaft liegen."]
    }
    assert queries.is_member(authority)


def test_membership_end_refuses_a_non_member(authority, officer):
    MembershipFactory(
        authority=authority,
        since=datetime.date(2012, 5, 1),
        until=datetime.date(2018, 12, 31),
        end_reason="Austritt",
    )

    with pytest.raises(ValidationError) as raised:
        services.membership_end(authority=authority, actor=officer, reason="Austritt")

    assert raised.value.messages == [f"{authority.name} ist kein Mitglied."]
    assert Membership.objects.get().until == datetime.date(2018, 12, 31)


def test_a_former_member_can_apply_and_be_admitted_again(authority, officer, contact, office_user):
    first = submit(authority, officer, contact)
    services.application_admit(
        application=first, actor=office_user, since=datetime.date(2013, 3, 1)
    )
    services.membership_end(
        authority=authority,
        actor=officer,
        reason="Austritt 2019",
        until=datetime.date(2019, 12, 31),
    )

    second = submit(authority, officer, contact)
    services.application_admit(application=second, actor=office_user)

    spans = list(
        Membership.objects.filter(authority=authority)
        .order_by("since")
        .values_list("since", "until", "application")
    )
    assert spans == [
        (datetime.date(2013, 3, 1), datetime.date(2019, 12, 31), first.pk),
        (timezone.localdate(), None, second.pk),
    ]
    assert queries.current_member_keys() == {authority.ags}


# --- database constraints -------------------------------------------------------------------


def test_the_database_allows_one_open_application_per_authority(authority):
    ApplicationFactory(authority=authority, status=Status.DECLINED)
    ApplicationFactory(authority=authority, status=Status.SUBMITTED)

    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(authority=authority, status=Status.INFO_REQUESTED)

    assert Application.objects.filter(authority=authority).count() == 2


def test_the_database_allows_one_current_membership_per_authority(authority):
    MembershipFactory(
        authority=authority, since=datetime.date(2012, 1, 1), until=datetime.date(2014, 12, 31)
    )
    MembershipFactory(authority=authority, since=datetime.date(2016, 1, 1))

    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(authority=authority, since=datetime.date(2017, 1, 1))

    assert Membership.objects.filter(authority=authority).count() == 2


# --- concurrency (PostgreSQL) ---------------------------------------------------------------


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_application_submit_twice_at_once_creates_one_application(
    authority, officer, second_officer, contact, office_user
):
    outcomes = run_at_once(
        [
            lambda: submit(authority, officer, contact),
            lambda: submit(authority, second_officer, contact),
        ]
    )

    applications = [o for o in outcomes if isinstance(o, Application)]
    refusals = [o for o in outcomes if isinstance(o, ValidationError)]
    assert (len(applications), len(refusals)) == (1, 1), outcomes
    assert refusals[0].messages == [OPEN_ALREADY % authority.name]
    assert list(Application.objects.values_list("pk", flat=True)) == [applications[0].pk]
    assert len(mails_to(office_user.email)) == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_application_admit_by_two_office_users_at_once_creates_one_membership(
    authority, officer, office_user, second_office_user
):
    application = ApplicationFactory(authority=authority, submitted_by=officer)

    outcomes = run_at_once(
        [
            lambda: services.application_admit(application=application, actor=office_user),
            lambda: services.application_admit(application=application, actor=second_office_user),
        ]
    )

    memberships = [o for o in outcomes if isinstance(o, Membership)]
    refusals = [o for o in outcomes if isinstance(o, ValidationError)]
    assert (len(memberships), len(refusals)) == (1, 1), outcomes
    assert refusals[0].messages == [
        "Nur ein eingereichter Antrag kann angenommen werden (Stand: aufgenommen)."
    ]
    assert list(Membership.objects.values_list("pk", flat=True)) == [memberships[0].pk]
    assert ApplicationEvent.objects.filter(action="admitted").count() == 1
    assert len(mails_to(officer.email)) == 1


# --- profile_update -------------------------------------------------------------------------


def test_profile_update_saves_structures_and_topics_and_logs_the_change(authority, officer):
    demography = TopicFactory(name="Demografischer Wandel", slug="demografie")
    youth = TopicFactory(name="Junge Menschen", slug="jugend")

    with audit_actor(officer):
        services.profile_update(
            authority=authority,
            topics=[demography, youth],
            has_round_table=True,
            volunteer_card=VolunteerCardStatus.PLANNED,
            volunteer_card_since=2018,
            strategy="Leitbild Bürgerengagement 2030",
        )

    profile = Profile.objects.get(authority=authority)
    assert profile.has_round_table
    assert profile.get_volunteer_card_display() == "geplant"
    assert profile.volunteer_card_since is None
    assert set(profile.topics.values_list("slug", flat=True)) == {"demografie", "jugend"}
    entries = list(AuditEntry.objects.filter(scope=f"authority:{authority.ags}", action="update"))
    assert {entry.actor for entry in entries} == {officer}
    changes = {name: change for entry in entries for name, change in entry.changes.items()}
    assert changes["has_round_table"] == ["False", "True"]
    assert changes["volunteer_card"] == ["no", "planned"]
    assert changes["topics"] == ["", "Demografischer Wandel, Junge Menschen"]
    assert set(entries) <= set(queries.profile_history(authority))


def test_profile_update_keeps_the_year_while_taking_part(authority, officer):
    demography = TopicFactory(name="Demografischer Wandel", slug="demografie")
    services.profile_update(
        authority=authority,
        topics=[demography],
        volunteer_card=VolunteerCardStatus.PARTICIPATING,
        volunteer_card_since=2016,
    )

    profile = services.profile_update(
        authority=authority,
        topics=[],
        volunteer_card=VolunteerCardStatus.PARTICIPATING,
        volunteer_card_since=2016,
        has_staff_unit=True,
    )

    profile.refresh_from_db()
    assert profile.volunteer_card_since == 2016
    assert profile.has_staff_unit
    assert not profile.topics.exists()


def test_profile_update_saves_the_officers_website_and_text_and_logs_them(authority, officer):
    with audit_actor(officer):
        services.profile_update(
            authority=authority,
            topics=[],
            website="https://www.moenchengladbach.de/ehrenamt",
            description="Freiwilligenzentrum in Rheydt.",
        )

    profile = Profile.objects.get(authority=authority)
    assert profile.website == "https://www.moenchengladbach.de/ehrenamt"
    assert profile.description == "Freiwilligenzentrum in Rheydt."
    entry = AuditEntry.objects.get(scope=f"authority:{authority.ags}", action="update")
    assert entry.changes["website"] == ["", "https://www.moenchengladbach.de/ehrenamt"]
    assert entry.changes["description"] == ["", "Freiwilligenzentrum in Rheydt."]


def test_profile_update_rejects_a_bad_website_in_german_and_saves_nothing(authority):
    services.profile_update(authority=authority, topics=[], website="https://alt.example.org")

    with pytest.raises(ValidationError) as raised:
        services.profile_update(
            authority=authority, topics=[], website="kein Link", description="Neu."
        )

    assert raised.value.message_dict == {"website": ["Bitte eine gültige Adresse eingeben."]}
    profile = Profile.objects.get(authority=authority)
    assert (profile.website, profile.description) == ("https://alt.example.org", "")


def test_registry_import_keeps_what_the_officer_wrote(db):
    header = "ags,name,kind,parent_ags,population,area_km2,lat,lon\n"
    city = "05116000,Mönchengladbach,kreisfreie_stadt,051,{},170.47,51.194473,6.43161\n"
    region = "051,Regierungsbezirk Düsseldorf,regierungsbezirk,,5244379,5292.33,51.22,6.78\n"
    registry_import(data=(header + region + city.format(267213)).encode(), source="alt.csv")
    authority = AuthorityFactory(ags="05116000")
    services.profile_update(
        authority=authority, topics=[], website="https://www.moenchengladbach.de", description="Da."
    )

    result = registry_import(data=(header + region + city.format(268000)).encode(), source="n.csv")

    assert result.updated == 1
    authority.refresh_from_db()
    assert authority.population == 268000
    profile = Profile.objects.get(authority=authority)
    assert (profile.website, profile.description) == ("https://www.moenchengladbach.de", "Da.")


# --- document_upload ------------------------------------------------------------------------


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def stored_files(root) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def test_document_upload_stores_a_real_pdf(authority, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = pdf_bytes()
    upload = SimpleUploadedFile(
        "Engagementstrategie 2030.pdf", data, content_type="application/pdf"
    )

    document = services.document_upload(
        authority=authority,
        title="Engagementstrategie 2030",
        file=upload,
        is_public=False,
        user=officer,
    )

    document.refresh_from_db()
    assert (document.title, document.size, document.is_public, document.uploaded_by) == (
        "Engagementstrategie 2030",
        len(data),
        False,
        officer,
    )
    assert stored_files(tmp_path) == [f"strategien/{authority.ags}/strategie.pdf"]
    with document.file.open("rb") as stored:
        assert len(PdfReader(stored).pages) == 1
    assert queries.profile_panel(authority)["documents"] == [document]
    assert AuditEntry.objects.filter(
        scope=f"authority:{authority.ags}", object_repr="Engagementstrategie 2030"
    ).exists()


def test_document_upload_refuses_a_text_file_named_pdf(authority, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile(
        "strategie.pdf",
        "Unsere Strategie für das Ehrenamt".encode(),
        content_type="application/pdf",
    )

    with pytest.raises(ValidationError) as raised:
        services.document_upload(
            authority=authority, title="Strategie", file=upload, is_public=True, user=officer
        )

    assert raised.value.message_dict == {
        "file": ["Diese Datei ist kein PDF. Bitte laden Sie eine PDF-Datei hoch."]
    }
    assert not StrategyDocument.objects.exists()
    assert stored_files(tmp_path) == []


def test_document_upload_refuses_a_file_over_the_limit(
    authority, officer, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(services, "MAX_DOCUMENT_BYTES", 2**20)
    data = pdf_bytes() + b"%" + b"0" * 2**20
    upload = SimpleUploadedFile("strategie.pdf", data, content_type="application/pdf")

    with pytest.raises(ValidationError) as raised:
        services.document_upload(
            authority=authority, title="Strategie", file=upload, is_public=True, user=officer
        )

    assert raised.value.message_dict == {"file": ["Die Datei ist größer als 1 MB."]}
    assert not StrategyDocument.objects.exists()
    assert stored_files(tmp_path) == []
