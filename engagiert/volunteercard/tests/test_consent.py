"""The applicant's consent to the card data: recorded with the wording at the application,
withdrawn with one click at /einwilligungen/, and then it takes effect: an open application
ends and loses its personal data, an issued card is revoked and the card staff see why."""

import pytest
from django.core import mail
from django.utils import timezone

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.models import AuditEntry
from engagiert.legal.models import ConsentRecord
from engagiert.registry.models import Authority
from engagiert.registry.tests.factories import AuthorityFactory
from engagiert.volunteercard import cards
from engagiert.volunteercard.models import Application, Card, Engagement
from engagiert.volunteercard.retention import ERASED, ERASED_EMAIL
from engagiert.volunteercard.services import applications as services

from .factories import IssuerFactory, covering
from .test_apply import _form, _link, _mails_to

PURPOSE = "volunteercard.card_data"
WORDING = (
    "Ich habe den Datenschutzhinweis gelesen und bin einverstanden, dass meine Angaben für die "
    "Karte verwendet werden."
)


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def arnsberg(db):
    return AuthorityFactory(name="Arnsberg", ags="05958004", kind=Authority.Kind.TOWN)


@pytest.fixture
def issuer(arnsberg):
    return covering(IssuerFactory(authority=arnsberg))


@pytest.fixture
def applied(client, issuer, arnsberg, django_capture_on_commit_callbacks):
    """Jana applied without an account and confirmed her address (light account)."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/ehrenamtskarte/antrag/", _form(arnsberg))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_link(_mails_to("jana@example.org")[0], "/ehrenamtskarte/antrag/adresse/"))
    return Application.objects.get()


def _withdraw(client, application):
    client.force_login(application.user)
    record = ConsentRecord.objects.get(purpose=PURPOSE, reference=str(application.pk))
    page = client.get("/einwilligungen/").content.decode()
    assert "Daten meines Antrags auf die Ehrenamtskarte" in page
    assert f"Antrag vom {timezone.localdate(application.created_at):%d.%m.%Y} bei Arnsberg" in page
    response = client.post(f"/einwilligungen/{record.pk}/widerrufen/")
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.withdrawn_at is not None
    return record


def test_the_application_records_the_consent_with_its_wording(applied):
    record = ConsentRecord.objects.get(purpose=PURPOSE)

    assert (record.email, record.reference) == ("jana@example.org", str(applied.pk))
    assert (record.wording, record.version, record.withdrawn_at) == (WORDING, "1", None)
    assert record.source == "volunteercard.application"


def test_the_form_asks_for_the_consent_in_the_recorded_wording(client, issuer, arnsberg):
    page = client.get("/ehrenamtskarte/antrag/").content.decode()
    refused = client.post("/ehrenamtskarte/antrag/", _form(arnsberg, privacy=""))

    assert WORDING in page
    assert "Bitte stimmen Sie dem Datenschutzhinweis zu" in refused.content.decode()
    assert not Application.objects.exists()
    assert not ConsentRecord.objects.exists()


def test_withdrawing_ends_an_open_application_and_erases_its_personal_data(client, applied):
    _withdraw(client, applied)

    applied.refresh_from_db()
    assert applied.status == Application.Status.WITHDRAWN
    assert (applied.first_name, applied.last_name, applied.email) == (ERASED, ERASED, ERASED_EMAIL)
    assert applied.personal_data_erased_at is not None
    contacts = set(Engagement.objects.values_list("contact_email", flat=True))
    assert contacts == {ERASED_EMAIL}
    assert AuditEntry.objects.filter(
        object_id=str(applied.pk), changes__status=["confirmations_open", "withdrawn"]
    ).exists()


@pytest.fixture
def card_staff(issuer):
    user = UserFactory(email="karte-arnsberg@example.org")
    role_grant(user=user, role=Role.CARD_STAFF, authority=issuer.authority)
    return user


def _approved(applied, card_staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for address in ("vorstand@tus.example", "petra@tafel.example"):
            token = _link(_mails_to(address)[0], "/ehrenamtskarte/bestaetigung/").split("/")[-2]
            services.engagement_answer(token=token, answer="confirm")
        applied.refresh_from_db()
        return services.application_approve(application=applied, by=card_staff)


def test_withdrawing_revokes_the_issued_card_and_the_staff_see_why(
    client, applied, card_staff, django_capture_on_commit_callbacks
):
    card = _approved(applied, card_staff, django_capture_on_commit_callbacks)
    before = len(mail.outbox)

    with django_capture_on_commit_callbacks(execute=True):
        _withdraw(client, applied)

    card.refresh_from_db()
    assert card.revoked_at is not None
    assert (card.revocation_category, card.revocation_reason) == (
        Card.RevocationCategory.OTHER,
        "Einwilligung widerrufen",
    )
    assert cards.card_check(cards.card_code(card)).valid is False
    audit = AuditEntry.objects.filter(object_id=str(card.pk), changes__has_key="revoked_at")
    assert audit.exists()
    assert "jana@example.org" in [m.to[0] for m in mail.outbox[before:]]  # told of it
    client.force_login(card_staff)
    page = client.get(f"/ehrenamtskarte/verwaltung/karten/{card.number}/").content.decode()
    assert "Einwilligung widerrufen" in page


def test_withdrawing_revokes_the_replacement_of_a_lost_card(
    client, applied, card_staff, django_capture_on_commit_callbacks
):
    card = _approved(applied, card_staff, django_capture_on_commit_callbacks)
    new = cards.card_replace(card=card, by=card_staff)
    card.refresh_from_db()

    _withdraw(client, applied)

    new.refresh_from_db()
    assert new.revocation_reason == "Einwilligung widerrufen"
    assert new.revoked_at is not None
    assert card.replaced_by_id == new.pk
