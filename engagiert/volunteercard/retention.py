"""Deleting personal data that is no longer needed (data minimisation).

Rules:
- A rejected or withdrawn application loses its personal data VOLUNTEERCARD_KEEP_REJECTED_DAYS
  after its decision (for a withdrawal without a decision: after its last change).
- A card that expired or was revoked loses its holder's personal data
  VOLUNTEERCARD_KEEP_EXPIRED_DAYS after it ended, and so does the application it came from.
- Erased means: names replaced by a marker, e-mail addresses, postal address, JuLeiCa data,
  the link to the account, the organisations' contact people and free texts emptied;
  `personal_data_erased_at` records when. Kept for the statistics: the issuer, status, dates,
  kind, the field of engagement and the year of birth. The year alone, without name, address
  or number of an account, identifies no one; the statistics need it for the age bands of
  cards valid on past days (a card valid in 2023 still counts for 31.12.2023). An
  application's date of birth is cut down to 1 January of its year for the same reason.
- Each run writes one summary entry to the audit log; a second run finds nothing more to do.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import DateField, F, Q, QuerySet
from django.db.models.functions import Coalesce, Trunc
from django.utils import timezone

from engagiert.core.audit import audit_record
from engagiert.core.models import AuditEntry

from .models import Application, Card, Engagement

ERASED = "[gelöscht]"
ERASED_EMAIL = "geloescht@example.invalid"


@dataclass(frozen=True)
class RetentionResult:
    applications: int
    cards: int


def applications_erase(applications: QuerySet[Application], now: datetime.datetime) -> int:
    ids = list(applications.values_list("pk", flat=True))
    Engagement.objects.filter(application_id__in=ids).update(
        contact_name=ERASED,
        contact_email=ERASED_EMAIL,
        activity="",
        confirmation_note="",
        evidence_code="",
    )
    return Application.objects.filter(pk__in=ids).update(
        first_name=ERASED,
        last_name=ERASED,
        email=ERASED_EMAIL,
        birth_date=Trunc("birth_date", "year", output_field=DateField()),
        street="",
        postcode="",
        juleica_number="",
        juleica_valid_until=None,
        user=None,
        decision_reason="",
        check_result=[],
        personal_data_erased_at=now,
    )


def expired_cards(today: datetime.date) -> QuerySet[Card]:
    """Cards ended longer ago than the keeping period, not yet erased."""
    keep = datetime.timedelta(days=settings.VOLUNTEERCARD_KEEP_EXPIRED_DAYS)
    cutoff = today - keep
    revoked_before = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    return Card.objects.filter(
        Q(valid_until__lt=cutoff) | Q(revoked_at__lt=revoked_before),
        personal_data_erased_at__isnull=True,
    )


def rejected_applications(now: datetime.datetime) -> QuerySet[Application]:
    """Rejected or withdrawn applications decided longer ago than the keeping period."""
    cutoff = now - datetime.timedelta(days=settings.VOLUNTEERCARD_KEEP_REJECTED_DAYS)
    return Application.objects.annotate(ended=Coalesce(F("decided_at"), F("updated_at"))).filter(
        status__in=[Application.Status.REJECTED, Application.Status.WITHDRAWN],
        ended__lt=cutoff,
        personal_data_erased_at__isnull=True,
    )


@transaction.atomic
def personal_data_erase(*, now: datetime.datetime | None = None) -> RetentionResult:
    """Erase what the keeping periods no longer cover (the daily job)."""
    now = now or timezone.now()
    cards = expired_cards(timezone.localdate(now))
    card_ids = list(cards.values_list("pk", flat=True))
    from_cards = Application.objects.filter(card__in=card_ids, personal_data_erased_at__isnull=True)
    erased_cards = Card.objects.filter(pk__in=card_ids).update(
        first_name=ERASED, last_name=ERASED, email="", user=None, personal_data_erased_at=now
    )
    applications = applications_erase(rejected_applications(now), now)
    applications += applications_erase(from_cards, now)
    result = RetentionResult(applications=applications, cards=erased_cards)
    if applications or erased_cards:
        audit_record(
            action=AuditEntry.Action.UPDATE,
            model=Card,
            object_repr="Löschfristen Ehrenamtskarte",
            changes={"applications_erased": applications, "cards_erased": erased_cards},
        )
    return result
