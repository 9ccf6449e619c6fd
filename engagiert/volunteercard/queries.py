"""Reads of issuers, rules and applications, shared by the pages of the card app."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery

from engagiert.registry.models import Authority

from .models import Application, Card, CoveredArea, Engagement, Issuer, LocalRule, RuleSet
from .permissions import staff_issuers


def rule_set_on(day: datetime.date) -> RuleSet | None:
    """The statewide rule set in force on `day`."""
    return RuleSet.objects.filter(valid_from__lte=day).order_by("-valid_from").first()


def local_rule_on(issuer: Issuer, day: datetime.date) -> LocalRule | None:
    """The issuer's local rule in force on `day`, if it has one."""
    return issuer.rules.filter(valid_from__lte=day).order_by("-valid_from").first()


def issuer_for(authority: Authority) -> Issuer | None:
    """Who issues cards to residents of this Gemeinde (None: nobody yet)."""
    area = (
        CoveredArea.objects.select_related("issuer__authority")
        .filter(authority=authority, issuer__is_active=True)
        .first()
    )
    return area.issuer if area else None


def covered_ags(issuer: Issuer) -> set[str]:
    return set(issuer.area.values_list("authority_id", flat=True))


def district_without_issuer(district: Authority, issuer: Issuer | None = None) -> list[Authority]:
    """The Gemeinden of a Kreis that no other issuer covers (»ohne eigene Ausgabe«)."""
    taken = CoveredArea.objects.exclude(issuer=issuer) if issuer else CoveredArea.objects.all()
    return list(
        Authority.objects.filter(district=district, kind__in=Authority.MUNICIPAL_KINDS)
        .exclude(ags__in=taken.values("authority_id"))
        .order_by("name")
    )


def issuers_with_area() -> QuerySet[Issuer]:
    return Issuer.objects.select_related("authority").annotate(covered=Count("area", distinct=True))


def application_detail() -> QuerySet[Application]:
    """Applications with what their pages show joined (engagements prefetched)."""
    return Application.objects.select_related(
        "issuer__authority", "residence", "rule_set", "local_rule", "previous_card", "card"
    ).prefetch_related(Prefetch("engagements", queryset=Engagement.objects.select_related("place")))


@dataclass(frozen=True)
class ReviewFilter:
    status: str = ""
    kind: str = ""
    issuer: int | None = None
    name: str = ""


def _count(rows: QuerySet[Engagement]) -> Subquery:
    return Subquery(
        rows.values("application").annotate(n=Count("pk")).values("n")[:1],
        output_field=IntegerField(),
    )


def review_queue(user: Any, filters: ReviewFilter) -> QuerySet[Application]:
    """The applications this user reviews (own issuers; the office all), filtered, oldest open
    first. Counts of engagements come with each row, so the page costs the same for any size."""
    engagements = Engagement.objects.filter(application=OuterRef("pk")).order_by()
    queryset = (
        Application.objects.filter(issuer__in=staff_issuers(user))
        .exclude(status=Application.Status.EMAIL_PENDING)
        .select_related("issuer__authority")
        .annotate(
            # Subqueries, not a join with GROUP BY: they run for the rows of one page only.
            engagement_count=_count(engagements),
            open_count=_count(engagements.filter(confirmation=Engagement.Confirmation.OPEN)),
        )
    )
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.issuer:
        queryset = queryset.filter(issuer_id=filters.issuer)
    if filters.name:
        queryset = queryset.filter(
            Q(last_name__icontains=filters.name) | Q(first_name__icontains=filters.name)
        )
    return queryset.order_by("submitted_on", "pk")


def applications_of(user: Any) -> QuerySet[Application]:
    """A person's own applications (for their account pages)."""
    if not getattr(user, "is_authenticated", False):
        return Application.objects.none()
    return (
        Application.objects.filter(user=user)
        .select_related("issuer__authority")
        .order_by("-created_at")
    )


def last_card_of(user: Any) -> Card | None:
    """A person's most recent card, to prefill a renewal."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Card.objects.filter(user=user, revoked_at__isnull=True)
        .select_related("issuer")
        .order_by("-issued_at")
        .first()
    )


def application_counts(
    issuers: QuerySet[Issuer], since: datetime.date, until: datetime.date
) -> dict[str, int]:
    """Applications submitted in [since, until] by status, for the statistics."""
    rows = (
        Application.objects.filter(issuer__in=issuers, submitted_on__range=(since, until))
        .values("status")
        .annotate(n=Count("pk"))
    )
    return {row["status"]: row["n"] for row in rows}
