"""Issuing, signing and revoking cards. (Skeleton: the card helper completes this module.)"""

import datetime
from typing import Any

from django.utils import timezone

from engagiert.core.services import model_create

from .models import Application, Card


def _years_later(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def card_issue(*, application: Application, by: Any) -> Card:
    """Issue the card of an approved application: valid from today for the issuer's validity,
    for life when it is a jubilee card."""
    today = timezone.localdate()
    jubilee = application.kind == Application.Kind.JUBILEE
    first = application.engagements.order_by("since").first()
    data = {
        "kind": Card.Kind.JUBILEE if jubilee else Card.Kind.STANDARD,
        "issuer": application.issuer,
        "application": application,
        "user": application.user,
        "first_name": application.first_name,
        "last_name": application.last_name,
        "email": application.email,
        "birth_year": application.birth_date.year,
        "field": first.field if first else "",
        "valid_from": today,
        "valid_until": None if jubilee else _years_later(today, application.issuer.validity_years),
        "issued_at": timezone.now(),
        "issued_by": by,
    }
    return model_create(instance=Card(**data), data=data)
