"""Reads about benefit partners and benefits.

What is public: the benefits of approved partners that have not ended (no end date, or an end
today or later), at the partner's locations. The list joins the partner and its organisation
and prefetches the locations with their Gemeinde, and the map counts benefits per Gemeinde in
one grouped query, so a page costs the same number of queries for 10 benefits or 50,000.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from engagiert.accounts.models import Role
from engagiert.accounts.permissions import is_office, organisations_for_role
from engagiert.registry.models import Authority

from .models import Benefit, BenefitPartner, PartnerLocation
from .permissions import staff_issuers


@dataclass(frozen=True)
class BenefitFilter:
    q: str = ""
    category: str = ""
    kind: str = ""
    kreis: str = ""
    gemeinde: str = ""
    statewide: bool = False


@dataclass(frozen=True)
class PartnerFilter:
    status: str = ""


def _current(today: datetime.date) -> Q:
    return Q(valid_until__isnull=True) | Q(valid_until__gte=today)


def public_benefits(
    filters: BenefitFilter, today: datetime.date | None = None
) -> QuerySet[Benefit]:
    """The benefits card holders can use now, matching the filters, in title order."""
    today = today or timezone.localdate()
    queryset = Benefit.objects.filter(
        _current(today), partner__status=BenefitPartner.Status.APPROVED
    )
    if filters.category:
        queryset = queryset.filter(category=filters.category)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.statewide:
        queryset = queryset.filter(statewide=True)
    place = Q()
    if filters.gemeinde:
        place &= Q(partnerlocation__authority_id=filters.gemeinde)
    if filters.kreis:
        place &= Q(partnerlocation__authority__district_id=filters.kreis) | Q(
            partnerlocation__authority_id=filters.kreis
        )
    if place:
        # »pk in (the benefits at these places)«: the database can start from the few
        # locations of a place instead of testing every benefit.
        at_place = Benefit.locations.through.objects.filter(place).values("benefit_id")
        queryset = queryset.filter(pk__in=at_place)
    for word in filters.q.split():
        queryset = queryset.filter(
            Q(title__icontains=word)
            | Q(conditions__icontains=word)
            | Q(partner__organisation__name__icontains=word)
        )
    return queryset.order_by("title", "pk")


def with_partner_and_places(queryset: QuerySet[Benefit]) -> QuerySet[Benefit]:
    """What a list row shows: the partner's name and the towns of the locations."""
    locations = PartnerLocation.objects.select_related("authority").order_by("name", "pk")
    return queryset.select_related("partner__organisation").prefetch_related(
        Prefetch("locations", queryset=locations)
    )


def benefits_per_gemeinde(queryset: QuerySet[Benefit]) -> dict[str, int]:
    """How many of these benefits each Gemeinde has (one grouped query, for the map)."""
    rows = (
        Benefit.locations.through.objects.filter(benefit__in=queryset.values("pk"))
        .values_list("partnerlocation__authority_id")
        .annotate(n=Count("benefit_id", distinct=True))
        .order_by()
    )
    return dict(rows)


def gemeinden_with_partners() -> QuerySet[Authority]:
    """The Gemeinden where approved partners have a location (the filter's choices)."""
    places = PartnerLocation.objects.filter(
        authority_id=OuterRef("pk"), partner__status=BenefitPartner.Status.APPROVED
    )
    return Authority.objects.filter(Exists(places)).order_by("name")


def kreise() -> QuerySet[Authority]:
    """Kreise and kreisfreie Städte: the places a Gemeinde belongs to."""
    kinds = [*Authority.DISTRICT_KINDS, Authority.Kind.INDEPENDENT_CITY]
    return Authority.objects.filter(kind__in=kinds).order_by("name")


def public_partners(today: datetime.date | None = None) -> QuerySet[BenefitPartner]:
    """Approved partners with their locations and their current benefits, by name."""
    today = today or timezone.localdate()
    benefits = Benefit.objects.filter(_current(today)).prefetch_related("locations")
    return (
        BenefitPartner.objects.filter(status=BenefitPartner.Status.APPROVED)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("locations", queryset=PartnerLocation.objects.select_related("authority")),
            Prefetch("benefits", queryset=benefits.order_by("title", "pk")),
        )
        .order_by("organisation__name", "pk")
    )


def public_partner(pk: int, today: datetime.date | None = None) -> BenefitPartner | None:
    """An approved partner with its locations and its current benefits."""
    return public_partners(today).filter(pk=pk).first()


def partners_of(user: Any) -> QuerySet[BenefitPartner]:
    """The partners this account acts for (through the benefit-partner role)."""
    organisations = organisations_for_role(user, Role.BENEFIT_PARTNER)
    return BenefitPartner.objects.filter(organisation__in=organisations).select_related(
        "organisation"
    )


def staff_partners(user: Any) -> QuerySet[BenefitPartner]:
    """The partners this user decides on: those of their issuers; the office sees all."""
    queryset = BenefitPartner.objects.select_related("organisation", "issuer__authority")
    if is_office(user):
        return queryset
    return queryset.filter(issuer__in=staff_issuers(user))


def partner_list(
    queryset: QuerySet[BenefitPartner], filters: PartnerFilter
) -> QuerySet[BenefitPartner]:
    """A staff list: newest first, with the count of locations and benefits."""
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    return queryset.annotate(
        location_count=Count("locations", distinct=True),
        benefit_count=Count("benefits", distinct=True),
    ).order_by("-created_at", "-pk")


def partner_with_entries(queryset: QuerySet[BenefitPartner], pk: int) -> BenefitPartner | None:
    """One partner of `queryset` with its locations and all its benefits (also ended ones)."""
    return (
        queryset.filter(pk=pk)
        .prefetch_related(
            Prefetch("locations", queryset=PartnerLocation.objects.select_related("authority")),
            Prefetch("benefits", queryset=Benefit.objects.prefetch_related("locations")),
        )
        .first()
    )
