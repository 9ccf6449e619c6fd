"""Issuing, revoking, replacing and reminding: what holders and staff notice."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from engagiert.core.models import AuditEntry, OutboundMail
from engagiert.volunteercard import signing
from engagiert.volunteercard.cards import (
    card_check,
    card_check_number,
    card_code,
    card_expiry_remind,
    card_issue,
    card_number_from_renewal_token,
    card_replace,
    card_revoke,
)
from engagiert.volunteercard.models import CARD_NUMBER_ALPHABET, Card

from .card_factories import ApprovedApplicationFactory, CardFactory

pytestmark = pytest.mark.django_db

Reason = signing.Reason


def test_card_issue_signs_a_card_for_two_years_and_mails_the_link(office_user):
    application = ApprovedApplicationFactory()
    card = card_issue(application=application, by=office_user)
    today = timezone.localdate()
    assert card.valid_from == today
    assert card.valid_until == today.replace(year=today.year + 2)
    assert card.key_id == signing.keys().signing_id
    assert len(card.number) == 16
    assert set(card.number) <= set(CARD_NUMBER_ALPHABET)
    mail = OutboundMail.objects.get(to_email=application.email)
    assert "/ehrenamtskarte/karte/" in mail.text
    assert card.number not in mail.text.split("/ehrenamtskarte/karte/")[1].split("/")[0]
    assert card_check(card_code(card)).reason == Reason.VALID


def test_card_issue_follows_the_validity_the_issuer_chose(office_user):
    application = ApprovedApplicationFactory(issuer__validity_years=3)
    card = card_issue(application=application, by=office_user)
    today = timezone.localdate()
    assert card.valid_until == today.replace(year=today.year + 3)
    assert card_check(card_code(card), today=card.valid_until).reason == Reason.VALID
    after = card.valid_until + datetime.timedelta(days=1)
    assert card_check(card_code(card), today=after).reason == Reason.EXPIRED


def test_card_issue_gives_a_jubilee_card_no_end(office_user):
    application = ApprovedApplicationFactory(kind="jubilee")
    card = card_issue(application=application, by=office_user)
    assert card.kind == Card.Kind.JUBILEE
    assert card.valid_until is None
    verification = card_check(card_code(card), today=datetime.date(2090, 1, 1))
    assert verification.reason == Reason.VALID
    assert verification.payload
    assert verification.payload.valid_until is None


def test_card_issue_refuses_without_a_signing_key(settings, office_user):
    settings.VOLUNTEERCARD_SIGNING_KEY = ""
    with pytest.raises(ValidationError):
        card_issue(application=ApprovedApplicationFactory(), by=office_user)
    assert not Card.objects.exists()


def test_card_numbers_are_random_and_unrelated():
    numbers = {CardFactory().number for _ in range(30)}
    assert len(numbers) == 30
    # No common prefix as a sequence would have.
    assert len({number[:3] for number in numbers}) > 20


def test_card_revoke_is_audited_mailed_and_seen_by_the_check(office_user):
    card = CardFactory()
    code = card_code(card)
    card_revoke(card=card, by=office_user, category="misuse", reason="Karte weitergegeben")
    verification = card_check(code)
    assert verification.reason == Reason.REVOKED
    assert verification.revocation == "Missbrauch"
    assert "weitergegeben" not in verification.text + verification.revocation
    entry = AuditEntry.objects.filter(object_id=str(card.pk)).latest("pk")
    assert "revocation_reason" in entry.changes
    assert OutboundMail.objects.filter(to_email=card.email, subject__contains="gesperrt").exists()
    with pytest.raises(ValidationError):
        card_revoke(card=card, by=office_user, category="other", reason="noch einmal")


def test_card_revoke_needs_a_reason(office_user):
    card = CardFactory()
    with pytest.raises(ValidationError) as error:
        card_revoke(card=card, by=office_user, category="other", reason="  ")
    assert "reason" in error.value.message_dict
    card.refresh_from_db()
    assert card.revoked_at is None


def test_card_replace_revokes_the_old_number_and_keeps_the_validity(office_user):
    old = CardFactory(valid_until=timezone.localdate() + datetime.timedelta(days=400))
    old_code = card_code(old)
    new = card_replace(card=old, by=office_user)
    old.refresh_from_db()
    assert new.number != old.number
    assert old.replaced_by == new
    assert old.revocation_category == "replaced"
    assert new.valid_until == old.valid_until
    assert new.holder_name == old.holder_name
    assert card_check(old_code).reason == Reason.REVOKED
    assert card_check(card_code(new)).reason == Reason.VALID
    assert OutboundMail.objects.filter(to_email=new.email, subject__contains="neue").exists()
    with pytest.raises(ValidationError):
        card_replace(card=old, by=office_user)


def test_card_check_number_answers_like_the_code():
    today = timezone.localdate()
    card = CardFactory()
    assert card_check_number(card.display_number.lower()).reason == Reason.VALID
    assert card_check_number("2345 6789 ABCD EFGH").reason == Reason.UNKNOWN_CARD
    expired = CardFactory(valid_from=today - datetime.timedelta(days=800))
    expired.valid_until = today - datetime.timedelta(days=1)
    expired.save()
    assert card_check_number(expired.number).reason == Reason.EXPIRED
    future = CardFactory(valid_from=today + datetime.timedelta(days=3))
    assert card_check_number(future.number).reason == Reason.NOT_YET_VALID


def test_card_check_of_a_signed_code_whose_card_is_unknown():
    card = CardFactory.build(issuer=CardFactory().issuer)
    assert card_check(card_code(card)).reason == Reason.UNKNOWN_CARD


def test_card_expiry_remind_once_90_days_ahead():
    today = timezone.localdate()
    due = CardFactory(valid_until=today + datetime.timedelta(days=90))
    CardFactory(valid_until=today + datetime.timedelta(days=91))
    revoked = CardFactory(valid_until=today + datetime.timedelta(days=10))
    Card.objects.filter(pk=revoked.pk).update(revoked_at=timezone.now())
    CardFactory(kind="jubilee", valid_until=None)
    assert card_expiry_remind(today=today) == 1
    assert card_expiry_remind(today=today) == 0
    mail = OutboundMail.objects.get(to_email=due.email)
    token = mail.text.split("/ehrenamtskarte/antrag/?erneuerung=")[1].split()[0]
    assert card_number_from_renewal_token(token) == due.number
    due.refresh_from_db()
    assert due.expiry_reminded_at is not None


def test_demo_card_is_issued_once_for_the_demo_volunteer_when_an_issuer_exists():
    from engagiert.accounts.tests.factories import UserFactory
    from engagiert.demo.volunteercard_cards import VOLUNTEER, volunteercard_cards_load

    from .card_factories import CardIssuerFactory

    UserFactory(email=VOLUNTEER, first_name="Lea", last_name="Brinkmann")
    assert volunteercard_cards_load() is None
    CardIssuerFactory()
    card = volunteercard_cards_load()
    assert card is not None
    assert card.holder_name == "Lea Brinkmann"
    assert volunteercard_cards_load() == card
    assert Card.objects.count() == 1
