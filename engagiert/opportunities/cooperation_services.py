"""Writes of corporate volunteering and the cooperation registry.

Every write checks the rules that hold whoever calls it (a view, the admin, the demo): only a
verified business publishes offers, only a verified organisation posts needs, a pair is
proposed once, only a proposal is answered, only an accepted match records what happened."""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engagiert.core.locking import lock_objects
from engagiert.core.mail import mail_send
from engagiert.core.services import model_create, model_update
from engagiert.registry.models import Authority

from .cooperation_permissions import is_business
from .models import Cooperation, CorporateMatch, CorporateNeed, CorporateOffer, Provider

OFFER_FIELDS = (
    "kind",
    "title",
    "description",
    "team_size",
    "available_from",
    "available_until",
    "authority",
    "radius_km",
    "skills",
    "is_open",
    "topics",
)
NEED_FIELDS = (
    "kind",
    "title",
    "description",
    "date_from",
    "date_until",
    "people",
    "skills",
    "authority",
    "address",
    "is_open",
    "topics",
)
COOPERATION_FIELDS = (
    "name",
    "kind",
    "sectors",
    "purpose",
    "partners",
    "partner_organisations",
    "topics",
    "since",
    "success_factors",
    "success_notes",
    "contact_name",
    "contact_email",
    "contact_phone",
    "members_only",
)


def _codes(values: Iterable[str]) -> str:
    return " ".join(sorted(set(values)))


@transaction.atomic
def offer_create(*, provider: Provider, data: Mapping[str, Any]) -> CorporateOffer:
    if not (provider.is_verified and is_business(provider)):
        raise ValidationError(_("Only a verified business publishes offers."))
    fields = {k: v for k, v in data.items() if k in OFFER_FIELDS and k != "topics"}
    return model_create(instance=CorporateOffer(provider=provider, **fields), data=data)


def offer_update(*, offer: CorporateOffer, data: Mapping[str, Any]) -> CorporateOffer:
    """Change an offer."""
    return model_update(instance=offer, fields=OFFER_FIELDS, data=data)[0]


@transaction.atomic
def need_create(*, provider: Provider, data: Mapping[str, Any]) -> CorporateNeed:
    if not provider.is_verified or is_business(provider):
        raise ValidationError(_("Only a verified organisation posts needs."))
    fields = {k: v for k, v in data.items() if k in NEED_FIELDS and k != "topics"}
    return model_create(instance=CorporateNeed(provider=provider, **fields), data=data)


def need_update(*, need: CorporateNeed, data: Mapping[str, Any]) -> CorporateNeed:
    """Change a need."""
    return model_update(instance=need, fields=NEED_FIELDS, data=data)[0]


def _other_side(match: CorporateMatch, side: str) -> Provider:
    return match.need.provider if side == CorporateMatch.Side.BUSINESS else match.offer.provider


@transaction.atomic
def match_propose(
    *, offer: CorporateOffer, need: CorporateNeed, side: str, user: Any, message: str
) -> CorporateMatch:
    """One side asks the other to work together; the other side is told by e-mail."""
    if not (offer.is_open and offer.provider.is_verified):
        raise ValidationError(_("This offer is not open for requests."))
    if not (need.is_open and need.provider.is_verified):
        raise ValidationError(_("This need is not open for requests."))
    if not message.strip():
        raise ValidationError({"message": _("Write a few words to the other side.")})
    lock_objects([offer])
    if CorporateMatch.objects.filter(offer=offer, need=need).exists():
        raise ValidationError(_("This offer and this need are already in contact."))
    match = model_create(
        instance=CorporateMatch(
            offer=offer, need=need, proposed_by=side, proposer=user, message=message.strip()
        ),
        data={},
    )
    other = _other_side(match, side)
    mail_send(
        to=[other.contact_email],
        template="opportunities/email/corporate_match_proposed.txt",
        context={"match": match, "recipient": other, "proposer": _other_side(match, _flip(side))},
    )
    return match


def _flip(side: str) -> str:
    if side == CorporateMatch.Side.BUSINESS:
        return CorporateMatch.Side.ORGANISATION
    return CorporateMatch.Side.BUSINESS


@transaction.atomic
def match_answer(*, match: CorporateMatch, accept: bool, answer: str = "") -> CorporateMatch:
    """The other side accepts or declines; the proposer is told by e-mail."""
    lock_objects([CorporateMatch.objects.filter(pk=match.pk)])
    match.refresh_from_db(fields=["status"])
    if match.status != CorporateMatch.Status.PROPOSED:
        raise ValidationError(_("This request has been answered already."))
    status = CorporateMatch.Status.ACCEPTED if accept else CorporateMatch.Status.DECLINED
    model_update(
        instance=match,
        fields=("status", "answered_at", "answer"),
        data={"status": status, "answered_at": timezone.now(), "answer": answer.strip()},
    )
    proposer = _other_side(match, _flip(match.proposed_by))
    mail_send(
        to=[proposer.contact_email],
        template="opportunities/email/corporate_match_answered.txt",
        context={"match": match, "recipient": proposer},
    )
    return match


def match_record(
    *,
    match: CorporateMatch,
    engagement_date: datetime.date,
    engagement_people: int,
    engagement_hours: Decimal,
    engagement_report: str = "",
) -> CorporateMatch:
    """What happened in an accepted match: the date, how many took part, hours altogether."""
    match = CorporateMatch.objects.get(pk=match.pk)  # the stored row, not a form's instance
    if match.status != CorporateMatch.Status.ACCEPTED:
        raise ValidationError(_("Only an accepted match records an engagement."))
    if engagement_date > timezone.localdate():
        raise ValidationError(
            {"engagement_date": _("Record an engagement once it has taken place.")}
        )
    if engagement_people and engagement_hours and engagement_hours < engagement_people / 2:
        raise ValidationError({"engagement_hours": _("Give the hours of all people added up.")})
    return model_update(
        instance=match,
        fields=("engagement_date", "engagement_people", "engagement_hours", "engagement_report"),
        data={
            "engagement_date": engagement_date,
            "engagement_people": engagement_people,
            "engagement_hours": engagement_hours,
            "engagement_report": engagement_report.strip(),
        },
    )[0]


def _cooperation_data(data: Mapping[str, Any]) -> dict[str, Any]:
    values = dict(data)
    values["sectors"] = _codes(values.get("sectors", ()))
    values["success_factors"] = _codes(values.get("success_factors", ()))
    return values


@transaction.atomic
def cooperation_create(*, authority: Authority, data: Mapping[str, Any]) -> Cooperation:
    values = _cooperation_data(data)
    plain = {
        k: v
        for k, v in values.items()
        if k in COOPERATION_FIELDS and k not in ("topics", "partner_organisations")
    }
    return model_create(instance=Cooperation(authority=authority, **plain), data=values)


def cooperation_update(*, cooperation: Cooperation, data: Mapping[str, Any]) -> Cooperation:
    """Change a cooperation."""
    return model_update(
        instance=cooperation, fields=COOPERATION_FIELDS, data=_cooperation_data(data)
    )[0]
