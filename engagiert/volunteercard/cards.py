"""The card itself: issuing, signing, checking, revoking, replacing, reminding of the expiry.

Rules:
- A card is valid on a day from `valid_from` through `valid_until` (a jubilee card has no end)
  unless it is revoked. A revocation is final; the public check names only its category.
- A replaced card (lost, damaged) is revoked as »replaced« and points to its successor: a new
  number, the same holder, kind and end of validity.
- Card numbers are random (`models.new_card_number`); the holder's page is reached by a signed
  link (or from the holder's account), never by the number alone.
- The holder is reminded once, 90 days before the end of validity, with a link to renew.
"""

import dataclasses
import datetime
import re
from typing import Any

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from engagiert.core.links import link_token, link_value
from engagiert.core.locking import lock_objects
from engagiert.core.mail import mail_send
from engagiert.core.services import model_create, model_update

from . import signing
from .models import Application, Card

#: How long before the end of validity the holder is reminded to renew.
EXPIRY_REMINDER_DAYS = 90
CARD_LINK_SALT = "volunteercard.card-link"
RENEWAL_SALT = "volunteercard.renewal"
#: The application form (a renewal is prefilled from the card named by `?erneuerung=`).
RENEWAL_FORM_PATH = "/ehrenamtskarte/antrag/"


def _years_later(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def card_payload(card: Card) -> signing.CardPayload:
    """What the QR code carries: no address, no birth date."""
    return signing.CardPayload(
        number=card.number,
        holder=card.holder_name,
        valid_from=card.valid_from,
        valid_until=card.valid_until,
        issuer_ags=card.issuer.authority_id,
        issuer_name=card.issuer.authority.name,
    )


def card_code(card: Card) -> str:
    """The signed QR text of a card (Ed25519 is deterministic: the same key gives the same
    text; after a key rotation the page shows a code of the new key, the printed card keeps
    verifying with the retired one)."""
    return signing.sign(card_payload(card))[0]


def card_token(card: Card) -> str:
    return link_token(card.number, salt=CARD_LINK_SALT)


def card_number_from_token(token: str) -> str | None:
    return link_value(token, salt=CARD_LINK_SALT)


def card_path(card: Card) -> str:
    """The holder's own page of the card (a signed link, for mails and the account)."""
    return reverse("volunteercard:card_detail", args=[card_token(card)])


def renewal_token(card: Card) -> str:
    """For the application form's `?erneuerung=` parameter: which card is renewed."""
    return link_token(card.number, salt=RENEWAL_SALT)


def card_number_from_renewal_token(token: str) -> str | None:
    return link_value(token, salt=RENEWAL_SALT)


def renewal_path(card: Card) -> str:
    return f"{RENEWAL_FORM_PATH}?erneuerung={renewal_token(card)}"


def normalise_number(text: str) -> str:
    """A number as typed: spaces, dashes and lower case are allowed."""
    return re.sub(r"[\s-]", "", text).upper()


def _signed_key_id() -> str:
    try:
        return signing.keys().signing_id
    except ImproperlyConfigured:
        return ""


def _mail_card(card: Card, template: str) -> None:
    if card.email:
        mail_send(
            to=[card.email],
            template=template,
            context={"card": card, "card_path": card_path(card)},
        )


@transaction.atomic
def card_issue(*, application: Application, by: Any) -> Card:
    """Issue the card of an approved application: valid from today for the issuer's validity,
    for life when it is a jubilee card. The holder gets the link to the digital card."""
    key_id = _signed_key_id()
    if not key_id:
        raise ValidationError(_("No signing key is configured; no card can be issued."))
    today = timezone.localdate()
    jubilee = application.kind == Application.Kind.JUBILEE
    first = application.engagements.order_by("since").first()
    card = Card(
        kind=Card.Kind.JUBILEE if jubilee else Card.Kind.STANDARD,
        issuer=application.issuer,
        application=application,
        user=application.user,
        first_name=application.first_name,
        last_name=application.last_name,
        email=application.email,
        birth_year=application.birth_date.year,
        field=first.field if first else "",
        valid_from=today,
        valid_until=None if jubilee else _years_later(today, application.issuer.validity_years),
        issued_at=timezone.now(),
        issued_by=by,
        key_id=key_id,
    )
    model_create(instance=card, data={})
    _mail_card(card, "volunteercard/email/card_issued.txt")
    return card


@transaction.atomic
def card_revoke(*, card: Card, by: Any, category: str, reason: str) -> Card:
    """Revoke a card for good; the category is what the public check tells."""
    lock_objects([card])
    card.refresh_from_db()
    if card.revoked_at:
        raise ValidationError(_("This card is already revoked."))
    if category not in Card.RevocationCategory.values:
        raise ValidationError({"category": _("Choose the kind of revocation.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the revocation.")})
    card, _changed = model_update(
        instance=card,
        fields=["revoked_at", "revoked_by", "revocation_category", "revocation_reason"],
        data={
            "revoked_at": timezone.now(),
            "revoked_by": by,
            "revocation_category": category,
            "revocation_reason": reason.strip(),
        },
    )
    _mail_card(card, "volunteercard/email/card_revoked.txt")
    return card


@transaction.atomic
def card_replace(*, card: Card, by: Any) -> Card:
    """Replace a lost or damaged card: a new number with the same validity; the old one is
    revoked as »replaced« and points to the new one."""
    lock_objects([card])
    card.refresh_from_db()
    if card.revoked_at:
        raise ValidationError(_("A revoked card cannot be replaced."))
    today = timezone.localdate()
    if card.valid_until and card.valid_until < today:
        raise ValidationError(_("An expired card is renewed by a new application."))
    key_id = _signed_key_id()
    if not key_id:
        raise ValidationError(_("No signing key is configured; no card can be issued."))
    fields = ["kind", "issuer", "user", "first_name", "last_name", "email", "birth_year"]
    new = Card(
        **{name: getattr(card, name) for name in [*fields, "field", "valid_until"]},
        valid_from=today,
        issued_at=timezone.now(),
        issued_by=by,
        key_id=key_id,
    )
    model_create(instance=new, data={})
    model_update(
        instance=card,
        fields=[
            "revoked_at",
            "revoked_by",
            "revocation_category",
            "revocation_reason",
            "replaced_by",
        ],
        data={
            "revoked_at": timezone.now(),
            "revoked_by": by,
            "revocation_category": Card.RevocationCategory.REPLACED,
            "revocation_reason": _("replaced"),
            "replaced_by": new,
        },
    )
    _mail_card(new, "volunteercard/email/card_replaced.txt")
    return new


def cards_due_for_reminder(today: datetime.date) -> Any:
    """Valid cards ending within the reminder period whose holder was not reminded yet."""
    return Card.objects.filter(
        revoked_at__isnull=True,
        expiry_reminded_at__isnull=True,
        personal_data_erased_at__isnull=True,
        valid_until__gte=today,
        valid_until__lte=today + datetime.timedelta(days=EXPIRY_REMINDER_DAYS),
    ).exclude(email="")


def card_expiry_remind(*, today: datetime.date | None = None) -> int:
    """Remind each holder once, 90 days before the card ends (safe to run twice at once:
    a card is claimed by a conditional update before its mail is queued)."""
    today = today or timezone.localdate()
    sent = 0
    for card in cards_due_for_reminder(today).select_related("issuer__authority"):
        with transaction.atomic():
            claimed = Card.objects.filter(pk=card.pk, expiry_reminded_at__isnull=True).update(
                expiry_reminded_at=timezone.now()
            )
            if claimed:
                mail_send(
                    to=[card.email],
                    template="volunteercard/email/card_expiry.txt",
                    context={
                        "card": card,
                        "card_path": card_path(card),
                        "renewal_path": renewal_path(card),
                    },
                )
                sent += 1
    return sent


def _with_card(verification: signing.Verification, card: Card | None) -> signing.Verification:
    """Add what only the database knows: is the card known, is it revoked."""
    if card is None:
        return signing.Verification(signing.Reason.UNKNOWN_CARD)
    if card.revoked_at:
        return signing.Verification(
            signing.Reason.REVOKED, revocation=card.get_revocation_category_display()
        )
    return verification


def card_check(code: str, *, today: datetime.date | None = None) -> signing.Verification:
    """The server's check of a scanned code: the browser's rules, then revocation."""
    verification = signing.verify_code(code, today=today or timezone.localdate())
    if verification.payload is None:
        return verification
    card = Card.objects.filter(number=verification.payload.number).first()
    return _with_card(verification, card)


def card_check_number(number: str, *, today: datetime.date | None = None) -> signing.Verification:
    """The check of a number typed by hand: the same answers as a scanned code."""
    today = today or timezone.localdate()
    card = (
        Card.objects.select_related("issuer__authority")
        .filter(number=normalise_number(number))
        .first()
    )
    if card is None or card.revoked_at:
        return _with_card(signing.Verification(signing.Reason.UNKNOWN_CARD), card)
    payload = dataclasses.replace(card_payload(card), key_id=card.key_id)
    if card.valid_from > today:
        return signing.Verification(signing.Reason.NOT_YET_VALID, payload)
    if card.valid_until and card.valid_until < today:
        return signing.Verification(signing.Reason.EXPIRED, payload)
    return signing.Verification(signing.Reason.VALID, payload)
