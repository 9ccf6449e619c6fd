"""The application as people use it: apply without an account, confirm the address, each
organisation answers through its own link, the staff decide; mail at every step."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.extensions import HoursEvidence, hours_evidence
from engagiert.registry.models import Authority
from engagiert.registry.tests.factories import AuthorityFactory
from engagiert.volunteercard import tokens
from engagiert.volunteercard.cards import card_path
from engagiert.volunteercard.models import Application, Card, Engagement
from engagiert.volunteercard.services import applications as services

from .factories import ApplicationFactory, EngagementFactory, IssuerFactory, covering


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Mail leaves the outbox at once, into Django's test mailbox."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def arnsberg(db):
    return AuthorityFactory(name="Arnsberg", ags="05958004", kind=Authority.Kind.TOWN)


@pytest.fixture
def issuer(arnsberg):
    return covering(IssuerFactory(authority=arnsberg, contact_email="karte@arnsberg.example"))


@pytest.fixture
def staff(issuer):
    user = UserFactory(email="karte-arnsberg@example.org")
    role_grant(user=user, role=Role.CARD_STAFF, authority=issuer.authority)
    return user


def _form(residence, **changes):
    data = {
        "kind": "new",
        "first_name": "Jana",
        "last_name": "Schmitz",
        "birth_date": "1990-03-14",
        "email": "jana@example.org",
        "postcode": "59821",
        "residence": residence.pk,
        "privacy": "on",
        "engagement-TOTAL_FORMS": "5",
        "engagement-INITIAL_FORMS": "0",
        "engagement-MIN_NUM_FORMS": "1",
        "engagement-MAX_NUM_FORMS": "5",
        "engagement-0-organisation": "TuS Arnsberg 1890 e.V.",
        "engagement-0-field": "sport",
        "engagement-0-place": residence.pk,
        "engagement-0-contact_name": "Uwe Trainer",
        "engagement-0-contact_email": "vorstand@tus.example",
        "engagement-0-hours_per_week": "3",
        "engagement-0-since": "2018-04-01",
        "engagement-0-allowance_eur_per_year": "0",
        "engagement-1-organisation": "Tafel Arnsberg",
        "engagement-1-field": "social",
        "engagement-1-place": residence.pk,
        "engagement-1-contact_name": "Petra Tafel",
        "engagement-1-contact_email": "petra@tafel.example",
        "engagement-1-hours_per_year": "60",
        "engagement-1-since": "2020-01-01",
        "engagement-1-allowance_eur_per_year": "0",
    }
    for index in range(2, 5):
        data[f"engagement-{index}-allowance_eur_per_year"] = "0"
    data.update(changes)
    return data


def _link(message, prefix):
    return re.search(rf"https?://[^/\s]+({prefix}\S+)", message.body).group(1)


def _mails_to(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_the_whole_way_from_application_to_card(
    client, issuer, staff, arnsberg, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ehrenamtskarte/antrag/", _form(arnsberg))
    application = Application.objects.get()
    assert response.status_code == 302
    assert application.status == Application.Status.EMAIL_PENDING
    assert application.engagements.count() == 2
    confirm = _link(_mails_to("jana@example.org")[0], "/ehrenamtskarte/antrag/adresse/")
    assert _mails_to("vorstand@tus.example") == []  # nobody asked before the address is confirmed

    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm)
    application.refresh_from_db()
    assert application.status == Application.Status.CONFIRMATIONS_OPEN
    assert application.submitted_on == timezone.localdate()
    assert application.rule_set.hours_per_year == 200  # the rules of the submission day
    assert application.user.email == "jana@example.org"
    assert application.user.role_assignments.filter(role=Role.VOLUNTEER).exists()
    assert not application.user.has_usable_password()
    received = _mails_to("jana@example.org")[-1]
    assert "/konto/passwort-neu/" in received.body
    status_page = client.get(_link(received, "/ehrenamtskarte/antrag/"))
    assert "Noch nicht bestätigt" in status_page.content.decode()

    tus = _link(_mails_to("vorstand@tus.example")[0], "/ehrenamtskarte/bestaetigung/")
    tafel = _link(_mails_to("petra@tafel.example")[0], "/ehrenamtskarte/bestaetigung/")
    anonymous = Client()
    assert "TuS Arnsberg" in anonymous.get(tus).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        anonymous.post(tus, {"answer": "correct", "hours_per_week": "3.5"})
    application.refresh_from_db()
    assert application.status == Application.Status.CONFIRMATIONS_OPEN  # the Tafel is open
    with django_capture_on_commit_callbacks(execute=True):
        anonymous.post(tafel, {"answer": "confirm"})
    application.refresh_from_db()
    assert application.status == Application.Status.IN_REVIEW
    hours = application.check_result[0]
    assert hours["met"] is True  # 3.5 h/week = 175 h/year, + 60 h/year
    assert "3,5 h/Woche bestätigt durch TuS Arnsberg 1890 e.V." in hours["reason"]
    assert "60 h/Jahr bestätigt durch Tafel Arnsberg" in hours["reason"]
    assert _mails_to("karte@arnsberg.example")  # the issuer is told it can decide

    client.force_login(staff)
    page = client.get(f"/ehrenamtskarte/bearbeitung/{application.pk}/").content.decode()
    assert "Regel ab 26.01.2026" in page
    before = len(_mails_to("jana@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/ehrenamtskarte/bearbeitung/{application.pk}/", {"action": "approve"})
    application.refresh_from_db()
    card = Card.objects.get()
    assert application.status == Application.Status.APPROVED
    assert (card.application, card.issued_by, card.user) == (application, staff, application.user)
    [approved] = _mails_to("jana@example.org")[before:]  # one mail: the card's link
    assert card_path(card) in approved.body
    assert client.get(card_path(card)).status_code == 200  # the mail's link opens the card
    page = client.get(f"/ehrenamtskarte/bearbeitung/{application.pk}/").content.decode()
    assert f'href="/ehrenamtskarte/verwaltung/karten/{card.number}/"' in page  # staff's page


def test_a_municipality_without_issuer_is_told_at_the_field(client, db):
    elsewhere = AuthorityFactory(name="Nirgendwo", kind=Authority.Kind.MUNICIPALITY)

    response = client.post("/ehrenamtskarte/antrag/", _form(elsewhere))

    assert response.status_code == 200
    assert "Ihre Kommune gibt die Ehrenamtskarte noch nicht aus" in response.content.decode()
    assert not Application.objects.exists()


def test_the_form_names_a_missing_hours_figure_and_keeps_the_input(client, arnsberg, issuer):
    response = client.post(
        "/ehrenamtskarte/antrag/", _form(arnsberg, **{"engagement-0-hours_per_week": ""})
    )

    page = response.content.decode()
    assert "Bitte geben Sie die Stunden pro Woche oder pro Jahr an." in page
    assert 'value="TuS Arnsberg 1890 e.V."' in page
    assert not Application.objects.exists()


def test_applications_from_one_address_are_limited(client, arnsberg, issuer, settings):
    settings.PUBLIC_FORM_LIMIT = 1
    client.post("/ehrenamtskarte/antrag/", _form(arnsberg))

    response = client.post("/ehrenamtskarte/antrag/", _form(arnsberg, email="zwei@example.org"))

    assert "Zu viele Anträge" in response.content.decode()
    assert Application.objects.count() == 1


def _evidence(code):
    if code != "NACHWEIS-42":
        return None
    return HoursEvidence(
        code=code,
        organisation="Freiwilligenagentur Arnsberg",
        holder_name="Jana Schmitz",
        holder_email="Jana@example.org",
        hours=210.0,
        first_day=datetime.date(2025, 3, 1),
        last_day=datetime.date(2026, 1, 31),
        confirmed_by="Maria Koordinatorin",
    )


@pytest.fixture
def evidence():
    hours_evidence.register("tests.evidence", _evidence)
    yield
    hours_evidence._entries.pop("tests.evidence")


def test_an_evidence_code_counts_as_confirmed_hours(client, arnsberg, issuer, evidence):
    data = _form(
        arnsberg,
        **{"engagement-0-hours_per_week": "", "engagement-0-evidence_code": "NACHWEIS-42"},
    )
    for key in [k for k in data if k.startswith("engagement-1-")]:
        data[key] = "0" if key.endswith("allowance_eur_per_year") else ""

    client.post("/ehrenamtskarte/antrag/", data)
    application = Application.objects.get()
    services.application_email_confirm(token=tokens.email_token(application))

    application.refresh_from_db()
    engagement = application.engagements.get()
    assert engagement.confirmation == Engagement.Confirmation.CONFIRMED
    assert engagement.confirmed_hours_per_year == 210
    assert application.status == Application.Status.IN_REVIEW  # nobody else to ask


def test_an_evidence_code_of_another_person_is_refused_at_the_field(
    client, arnsberg, issuer, evidence
):
    data = _form(
        arnsberg,
        email="someone@example.org",
        **{"engagement-0-hours_per_week": "", "engagement-0-evidence_code": "NACHWEIS-42"},
    )

    response = client.post("/ehrenamtskarte/antrag/", data)

    assert "für eine andere Person ausgestellt" in response.content.decode()
    assert not Application.objects.exists()


# --- The confirmation links ----------------------------------------------------------------


@pytest.fixture
def open_application(issuer):
    application = ApplicationFactory(
        issuer=issuer,
        status=Application.Status.CONFIRMATIONS_OPEN,
        email_confirmed_at=timezone.now(),
    )
    for name in ("Chor", "Tafel"):
        EngagementFactory(
            application=application, organisation=name, confirmation=Engagement.Confirmation.OPEN
        )
    return application


def test_a_link_acts_only_on_its_own_engagement(open_application, issuer):
    first, second = open_application.engagements.all()
    other = EngagementFactory(
        application=ApplicationFactory(issuer=issuer, status="confirmations_open"),
        confirmation="open",
    )
    token = tokens.confirmation_token(first)

    services.engagement_answer(token=token, answer="decline", note="Nicht bei uns aktiv.")

    second.refresh_from_db()
    other.refresh_from_db()
    assert second.confirmation == other.confirmation == "open"
    # a link re-signed for another id, or altered, is refused
    forged = token.replace(token.split(":")[0], tokens.confirmation_token(second).split(":")[0])
    assert Client().get(f"/ehrenamtskarte/bestaetigung/{forged}/").status_code == 404
    assert Client().get(f"/ehrenamtskarte/bestaetigung/{token}x/").status_code == 404


def test_a_link_for_another_application_is_refused(open_application, issuer):
    """The link carries the application's public id too: a row moved elsewhere stays shut."""
    first = open_application.engagements.first()
    token = tokens.confirmation_token(first)
    Engagement.objects.filter(pk=first.pk).update(
        application=ApplicationFactory(issuer=issuer, status="confirmations_open")
    )

    assert Client().get(f"/ehrenamtskarte/bestaetigung/{token}/").status_code == 404


def test_a_link_expires_after_60_days(open_application, monkeypatch):
    engagement = open_application.engagements.first()
    token = tokens.confirmation_token(engagement)
    later = datetime.datetime.now().timestamp() + 61 * 86400
    monkeypatch.setattr("time.time", lambda: later)

    response = Client().get(f"/ehrenamtskarte/bestaetigung/{token}/")

    assert response.status_code == 404
    assert "ungültig oder abgelaufen" in response.content.decode()


def test_a_second_answer_is_refused(open_application):
    token = tokens.confirmation_token(open_application.engagements.first())
    services.engagement_answer(token=token, answer="confirm")

    response = Client().post(f"/ehrenamtskarte/bestaetigung/{token}/", {"answer": "decline"})

    assert "schon eine Antwort" in response.content.decode()


def test_declining_needs_a_note_and_correcting_needs_hours(open_application):
    token = tokens.confirmation_token(open_application.engagements.first())

    declined = Client().post(f"/ehrenamtskarte/bestaetigung/{token}/", {"answer": "decline"})
    corrected = Client().post(f"/ehrenamtskarte/bestaetigung/{token}/", {"answer": "correct"})

    assert "warum Sie nicht bestätigen" in declined.content.decode()
    assert "entweder pro Woche oder pro Jahr" in corrected.content.decode()
    assert open_application.engagements.first().confirmation == "open"


def test_reminders_after_a_week_at_most_twice(open_application, django_capture_on_commit_callbacks):
    Application.objects.filter(pk=open_application.pk).update(
        email_confirmed_at=timezone.now() - datetime.timedelta(days=8)
    )
    answered = open_application.engagements.last()
    services.engagement_answer(token=tokens.confirmation_token(answered), answer="confirm")

    with django_capture_on_commit_callbacks(execute=True):
        assert services.confirmation_reminders_send() == 1
        assert services.confirmation_reminders_send() == 0  # again only after a week
        for _ in range(3):
            Engagement.objects.update(reminded_at=timezone.now() - datetime.timedelta(days=8))
            services.confirmation_reminders_send()

    reminded = open_application.engagements.first()
    reminded.refresh_from_db()
    assert reminded.reminders_sent == 2
    assert len(_mails_to(reminded.contact_email)) == 2
    assert _mails_to(answered.contact_email) == []


def test_reject_needs_a_reason_and_tells_the_applicant(
    client, staff, issuer, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(issuer=issuer)
    client.force_login(staff)
    url = f"/ehrenamtskarte/bearbeitung/{application.pk}/"

    empty = client.post(url, {"action": "reject", "reason": ""})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "reject", "reason": "Die Stunden reichen nicht aus."})

    assert empty.status_code == 200
    application.refresh_from_db()
    assert application.status == Application.Status.REJECTED
    assert application.decided_by == staff
    assert "Die Stunden reichen nicht aus." in _mails_to(application.email)[0].body


def test_approval_waits_for_every_organisation(staff, open_application):
    with pytest.raises(Exception, match="in Prüfung"):
        services.application_approve(application=open_application, by=staff)
    assert not Card.objects.exists()


def test_a_logged_in_holder_renews_with_the_last_card_prefilled(client, issuer, arnsberg):
    holder = UserFactory(email="holder@example.org")
    previous = Card.objects.create(
        issuer=issuer,
        user=holder,
        first_name="Jürgen",
        last_name="Groß",
        email="holder@example.org",
        valid_from=datetime.date(2024, 3, 1),
        valid_until=datetime.date(2026, 3, 1),
        issued_at=timezone.now(),
    )
    client.force_login(holder)

    page = client.get("/ehrenamtskarte/antrag/").content.decode()
    client.post(
        "/ehrenamtskarte/antrag/",
        _form(arnsberg, kind="renewal", first_name="Jürgen", last_name="Groß", email=holder.email),
    )

    assert 'value="Groß"' in page
    assert "Verlängerung" in page
    application = Application.objects.get()
    assert (application.kind, application.previous_card) == ("renewal", previous)
    assert application.status == Application.Status.CONFIRMATIONS_OPEN  # own address: no link
    assert User.objects.filter(email__iexact="holder@example.org").count() == 1


def test_at_most_five_organisations(client, arnsberg, issuer):
    six = {"engagement-TOTAL_FORMS": "6", "engagement-5-organisation": "Verein 6"}
    for key, value in _form(arnsberg).items():
        if key.startswith("engagement-0-") and key != "engagement-0-organisation":
            six[key.replace("-0-", "-5-")] = value

    response = client.post("/ehrenamtskarte/antrag/", _form(arnsberg, **six))

    assert "Bitte nennen Sie höchstens 5 Engagements." in response.content.decode()
    assert not Application.objects.exists()
    with pytest.raises(ValidationError, match="at most 5|höchstens 5"):
        services.application_submit(
            residence=arnsberg,
            data={"first_name": "Jana", "last_name": "S", "birth_date": "1990-01-01"},
            engagements=[{}] * 6,
        )


@pytest.mark.parametrize(
    ("day", "met", "rule"),
    [
        (datetime.date(2026, 1, 25), False, "Regel ab 01.01.2008"),
        (datetime.date(2026, 1, 26), True, "Regel ab 26.01.2026"),
    ],
)
def test_the_rules_of_the_submission_day_judge_the_application_later(
    issuer, monkeypatch, day, met, rule
):
    """4 h/week, the address confirmed on the day; the organisation answers weeks later."""
    application = ApplicationFactory(
        issuer=issuer, status=Application.Status.EMAIL_PENDING, submitted_on=None
    )
    EngagementFactory(
        application=application, hours_per_week="4.0", confirmation=Engagement.Confirmation.OPEN
    )
    real = timezone.localdate
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: real(*a, **k) if a else day)
    services.application_email_confirm(token=tokens.email_token(application))
    monkeypatch.setattr(timezone, "localdate", real)

    engagement = application.engagements.get()
    services.engagement_answer(token=tokens.confirmation_token(engagement), answer="confirm")

    application.refresh_from_db()
    assert application.submitted_on == day
    [hours] = [row for row in application.check_result if "h/Woche" in row["reason"]]
    assert hours["met"] is met
    assert rule in hours["reason"]
