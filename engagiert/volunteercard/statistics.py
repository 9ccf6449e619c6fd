"""Figures about the card: per issuer for its staff, statewide for the office, and the impact
indicators.

What counts:
- A card is valid on a day when it began on or before it, has not ended before it (a jubilee
  card never ends) and was not revoked on or before it.
- Age bands are computed from the year of birth on the chosen day (the birthday within the
  year is unknown, so »50« may be 49 or 50); cards without a year count as »unknown«.
- Benefits count when their partner is approved and they have not ended.
- The indicator »valid cards per 1,000 inhabitants« divides the cards of an issuer valid on 31
  December by the population of the Gemeinden it serves (its covered area; the issuing
  authority itself when no area is recorded).
Each table is one grouped query, so the page costs the same whatever the number of cards.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Application, Benefit, BenefitPartner, Card, CoveredArea, Engagement, Issuer

#: (label, lowest age, highest age) of the age bands.
AGE_BANDS = (
    ("unter 18", 0, 17),
    ("18–29", 18, 29),
    ("30–49", 30, 49),
    ("50–64", 50, 64),
    ("65 und älter", 65, 200),
)


@dataclass(frozen=True)
class Table:
    title: str
    rows: list[tuple[str, int]]

    @property
    def total(self) -> int:
        return sum(count for _label, count in self.rows)


def valid_on(day: datetime.date) -> Q:
    """Cards valid on `day` (started, not ended, not revoked)."""
    end_of_day = datetime.datetime.combine(
        day, datetime.time.max, tzinfo=timezone.get_current_timezone()
    )
    return (
        Q(valid_from__lte=day)
        & (Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        & (Q(revoked_at__isnull=True) | Q(revoked_at__gt=end_of_day))
    )


def current_benefits() -> QuerySet[Benefit]:
    today = timezone.localdate()
    return Benefit.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        partner__status=BenefitPartner.Status.APPROVED,
    )


def _labelled(counts: dict[Any, int], choices: Iterable[tuple[Any, Any]]) -> list[tuple[str, int]]:
    return [(str(label), counts.get(value, 0)) for value, label in choices]


def _grouped(queryset: QuerySet[Any], field: str) -> dict[Any, int]:
    return dict(queryset.values_list(field).annotate(n=Count("pk")).order_by())


def _age_rows(cards: QuerySet[Card], day: datetime.date) -> list[tuple[str, int]]:
    by_year = _grouped(cards, "birth_year")
    rows = []
    for label, lowest, highest in AGE_BANDS:
        count = sum(
            n for year, n in by_year.items() if year and lowest <= day.year - year <= highest
        )
        rows.append((label, count))
    rows.append((_("unknown"), by_year.get(None, 0)))
    return rows


def statistics_tables(issuers: QuerySet[Issuer] | None, day: datetime.date) -> list[Table]:
    """The tables of the statistics page, for these issuers (None: statewide)."""
    applications = Application.objects.all()
    cards = Card.objects.all()
    partners = BenefitPartner.objects.all()
    benefits = current_benefits()
    if issuers is not None:
        applications = applications.filter(issuer__in=issuers)
        cards = cards.filter(issuer__in=issuers)
        partners = partners.filter(issuer__in=issuers)
        benefits = benefits.filter(partner__issuer__in=issuers)
    valid = cards.filter(valid_on(day))
    approvals = _grouped(
        applications.filter(status=Application.Status.APPROVED).annotate(
            year=ExtractYear("decided_at")
        ),
        "year",
    )
    issued = _grouped(cards.annotate(year=ExtractYear("issued_at")), "year")
    return [
        Table(
            _("Applications by status"),
            _labelled(_grouped(applications, "status"), Application.Status.choices),
        ),
        Table(
            _("Approved applications by year"),
            [(str(year), n) for year, n in sorted(approvals.items()) if year],
        ),
        Table(
            _("Cards issued by year"),
            [(str(year), n) for year, n in sorted(issued.items()) if year],
        ),
        Table(_("Valid cards by kind"), _labelled(_grouped(valid, "kind"), Card.Kind.choices)),
        Table(_("Valid cards by age"), _age_rows(valid, day)),
        Table(
            _("Valid cards by field of engagement"),
            _labelled(_grouped(valid, "field"), [*Engagement.Field.choices, ("", _("not given"))]),
        ),
        Table(
            _("Benefit partners by status"),
            _labelled(_grouped(partners, "status"), BenefitPartner.Status.choices),
        ),
        Table(
            _("Current benefits by category"),
            _labelled(_grouped(benefits, "category"), Benefit.Category.choices),
        ),
    ]


def statistics_rows(tables: list[Table]) -> list[list[object]]:
    """The tables as one sheet: table, characteristic, count."""
    header: list[object] = [_("Table"), _("Characteristic"), _("Count")]
    return [header] + [
        [table.title, label, count] for table in tables for label, count in table.rows
    ]


# --- Indicators and figures -----------------------------------------------------------------


def _population_per_issuer() -> dict[str, int]:
    """The inhabitants each issuer serves, keyed by the issuing authority's AGS."""
    covered = dict(
        CoveredArea.objects.values_list("issuer__authority_id")
        .annotate(people=Sum("authority__population"))
        .order_by()
    )
    own = dict(Issuer.objects.values_list("authority_id", "authority__population"))
    return {ags: covered.get(ags) or population for ags, population in own.items()}


def cards_per_thousand(year: int) -> dict[str, float]:
    """Valid cards on 31 December of `year` per 1,000 inhabitants, per issuing authority."""
    day = datetime.date(year, 12, 31)
    valid = dict(
        Card.objects.filter(valid_on(day))
        .values_list("issuer__authority_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        ags: round(valid.get(ags, 0) / people * 1000, 2)
        for ags, people in _population_per_issuer().items()
        if people
    }


def cards_issued(year: int) -> dict[str, float]:
    """Cards issued in `year`, per issuing authority."""
    rows = (
        Card.objects.filter(issued_at__year=year)
        .values_list("issuer__authority_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {ags: float(n) for ags, n in rows}


def valid_card_count() -> int:
    return Card.objects.filter(valid_on(timezone.localdate())).count()
