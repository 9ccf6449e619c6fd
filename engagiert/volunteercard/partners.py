"""Writes about benefit partners (Akzeptanzstellen), their locations and their benefits.

Rules:
- A partner registers itself through a public form: its organisation is the registry's (found
  by name, or created), an account is prepared for the contact e-mail (no password yet), and
  the partner waits for approval.
- Who approves: the card staff of the issuer whose area covers the first location's Gemeinde;
  the office when no issuer covers it (and the office always). The decision is mailed to the
  partner; with an approval the account gets the benefit-partner role for the organisation
  and, if it has no password yet, a link to set one.
- A partner edits only its own entries (checked by the views through `partners_of`), and only
  its own locations can be attached to its benefits.
- A location without coordinates lies at its Gemeinde's centre from the registry (no
  geocoding service is asked).
- Benefits: percent 1–100, amount above 0 €, the validity in order, at least one location.
"""

from decimal import Decimal
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.core.locking import lock_objects
from engagiert.core.mail import mail_send
from engagiert.core.services import model_create, model_delete, model_update
from engagiert.registry.models import Authority, Organisation

from .models import Benefit, BenefitPartner, CoveredArea, Issuer, PartnerLocation

PARTNER_FIELDS = ["contact_name", "contact_email", "phone", "description"]
LOCATION_FIELDS = ["name", "street", "postcode", "authority", "latitude", "longitude"]
BENEFIT_FIELDS = [
    "title",
    "category",
    "kind",
    "percent",
    "amount_eur",
    "conditions",
    "valid_from",
    "valid_until",
    "statewide",
    "locations",
]


def issuer_covering(authority: Authority) -> Issuer | None:
    """The issuer whose area holds this Gemeinde, or that is this authority itself."""
    area = CoveredArea.objects.select_related("issuer").filter(authority=authority).first()
    if area is not None:
        return area.issuer
    return Issuer.objects.filter(authority=authority).first()


def coordinates_problem(data: dict[str, Any]) -> str:
    """Why the entered coordinates cannot place a location (one without the other), or ""."""
    if (data.get("latitude") is None) != (data.get("longitude") is None):
        return _("Give both latitude and longitude, or neither of them.")
    return ""


def _placed(data: dict[str, Any]) -> dict[str, Any]:
    """The location's coordinates: as entered, else its Gemeinde's centre."""
    authority: Authority = data["authority"]
    given = data.get("latitude") is not None and data.get("longitude") is not None
    if problem := coordinates_problem(data):
        raise ValidationError({"longitude": problem})
    if not authority.is_municipal:
        raise ValidationError({"authority": _("Choose a town or municipality, not a Kreis.")})
    return data | {
        "latitude": data["latitude"] if given else authority.latitude,
        "longitude": data["longitude"] if given else authority.longitude,
        "at_municipality_centre": not given,
    }


def _organisation_for(name: str, town: str, authority: Authority, website: str) -> Organisation:
    organisation = Organisation.objects.filter(name__iexact=name).first()
    if organisation is None:
        return model_create(
            instance=Organisation(
                name=name,
                kind=Organisation.Kind.BUSINESS,
                town=town,
                authority=authority,
                website=website,
            ),
            data={},
        )
    if BenefitPartner.objects.filter(organisation=organisation).exists():
        raise ValidationError(
            {
                "organisation_name": _(
                    "This organisation is registered as a benefit partner already. "
                    "Please log in, or ask the card office."
                )
            }
        )
    return organisation


@transaction.atomic
def partner_register(
    *,
    organisation_name: str,
    website: str,
    contact_name: str,
    contact_email: str,
    phone: str,
    description: str,
    location: dict[str, Any],
) -> BenefitPartner:
    """A partner signs up with its first location; it waits for the approval."""
    location = _placed(location)
    authority: Authority = location["authority"]
    organisation = _organisation_for(organisation_name, authority.name, authority, website)
    email = contact_email.strip().lower()
    account = User.objects.filter(email__iexact=email).first()
    if account is None:
        first, _space, last = contact_name.strip().rpartition(" ")
        account = User.objects.create_user(email, None, first_name=first, last_name=last)
    partner = model_create(
        instance=BenefitPartner(
            organisation=organisation,
            issuer=issuer_covering(authority),
            account=account,
            contact_name=contact_name,
            contact_email=email,
            phone=phone,
            description=description,
        ),
        data={},
    )
    model_create(instance=PartnerLocation(partner=partner, **location), data={})
    mail_send(
        to=[email],
        template="volunteercard/email/partner_registered.txt",
        context={"partner": partner},
    )
    mail_send(
        to=_deciders(partner),
        template="volunteercard/email/partner_to_review.txt",
        context={
            "partner": partner,
            "url": reverse("volunteercard:partner_review", args=[partner.pk]),
        },
    )
    return partner


def _deciders(partner: BenefitPartner) -> list[str]:
    """Who is told of a new partner: the issuer's contact address and its card staff."""
    if partner.issuer is None:
        return list(
            User.objects.filter(role_assignments__role=Role.OFFICE, is_active=True).values_list(
                "email", flat=True
            )
        )
    staff = User.objects.filter(
        role_assignments__role=Role.CARD_STAFF,
        role_assignments__authority_id=partner.issuer.authority_id,
        is_active=True,
    ).values_list("email", flat=True)
    return [partner.issuer.contact_email, *staff]


def _password_link(account: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(account.pk))
    token = default_token_generator.make_token(account)
    return reverse("accounts:password_reset_confirm", args=[uid, token])


@transaction.atomic
def partner_decide(
    *, partner: BenefitPartner, by: Any, approve: bool, reason: str = ""
) -> BenefitPartner:
    """Approve or reject a partner (a rejection needs its reason); the partner is told."""
    lock_objects([partner])
    partner.refresh_from_db()
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Please give the reason for the rejection.")})
    status = BenefitPartner.Status.APPROVED if approve else BenefitPartner.Status.REJECTED
    model_update(
        instance=partner,
        fields=["status", "decided_at", "decided_by", "decision_reason"],
        data={
            "status": status,
            "decided_at": timezone.now(),
            "decided_by": by,
            "decision_reason": reason.strip(),
        },
    )
    account = partner.account
    password_link = ""
    if approve and account is not None:
        role_grant(user=account, role=Role.BENEFIT_PARTNER, organisation=partner.organisation)
        if not account.has_usable_password():
            password_link = _password_link(account)
    mail_send(
        to=[partner.contact_email],
        template="volunteercard/email/partner_decided.txt",
        context={"partner": partner, "password_link": password_link},
    )
    return partner


def partner_update(*, partner: BenefitPartner, data: dict[str, Any]) -> BenefitPartner:
    """The partner's own description and contact."""
    return model_update(instance=partner, fields=PARTNER_FIELDS, data=data)[0]


def location_save(
    *, partner: BenefitPartner, instance: PartnerLocation | None, data: dict[str, Any]
) -> PartnerLocation:
    """Add or change one of the partner's locations."""
    data = _placed(data)
    if instance is None:
        return model_create(instance=PartnerLocation(partner=partner, **data), data={})
    fields = [*LOCATION_FIELDS, "at_municipality_centre"]
    return model_update(instance=instance, fields=fields, data=data)[0]


def _benefit_problems(partner: BenefitPartner, data: dict[str, Any]) -> dict[str, str]:
    """Each bad field with its German reason."""
    problems: dict[str, str] = {}
    kind, percent, amount = data.get("kind"), data.get("percent"), data.get("amount_eur")
    if kind == Benefit.Kind.PERCENT and not (percent is not None and 1 <= percent <= 100):
        problems["percent"] = _("Give a percentage between 1 and 100.")
    if kind == Benefit.Kind.AMOUNT and not (amount is not None and amount > Decimal(0)):
        problems["amount_eur"] = _("Give an amount greater than 0 €.")
    start, end = data.get("valid_from"), data.get("valid_until")
    if start and end and end < start:
        problems["valid_until"] = _("The end of the validity lies before its start.")
    locations = list(data.get("locations") or [])
    if not locations:
        problems["locations"] = _("Choose at least one location.")
    elif any(location.partner_id != partner.pk for location in locations):
        problems["locations"] = _("Choose only your own locations.")
    return problems


@transaction.atomic
def benefit_save(
    *, partner: BenefitPartner, instance: Benefit | None, data: dict[str, Any]
) -> Benefit:
    """Add or change a benefit; a value that does not belong to its kind is dropped."""
    problems = _benefit_problems(partner, data)
    if problems:
        raise ValidationError(problems)
    data = data | {
        "percent": data.get("percent") if data["kind"] == Benefit.Kind.PERCENT else None,
        "amount_eur": data.get("amount_eur") if data["kind"] == Benefit.Kind.AMOUNT else None,
    }
    if instance is None:
        plain = {key: value for key, value in data.items() if key != "locations"}
        return model_create(instance=Benefit(partner=partner, **plain), data=data)
    return model_update(instance=instance, fields=BENEFIT_FIELDS, data=data)[0]


def benefit_delete(*, benefit: Benefit) -> None:
    """The partner ends a benefit (the audit log keeps the record)."""
    model_delete(instance=benefit)
