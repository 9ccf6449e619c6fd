"""Reads of corporate volunteering and the cooperation registry, and the matching of offers
and needs with its reasons.

Matching: a need fits an offer when its Gemeinde lies within the offer's radius, its dates
overlap the offer's time frame, and it shares the kind, a topic or a skill. Each shared
property scores and is named as a reason (»Art passt: Social Day«, »12 km entfernt«, »Thema
Unternehmensengagement«, »im Zeitraum«, »Kenntnisse: Buchhaltung«, »Teamgröße reicht«).
Candidates come in one query (a bounding box around the place) plus one for their topics."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from engagiert.registry.geo import bounding_box, distance_km
from engagiert.registry.models import Authority, Topic
from engagiert.registry.queries import KIND_GROUPS

from .models import (
    Cooperation,
    CorporateKind,
    CorporateMatch,
    CorporateNeed,
    CorporateOffer,
    Provider,
)
from .models.cooperation import MAX_RADIUS_KM

MATCH_LIMIT = 10


def _km(a: Authority, b: Authority) -> float:
    """Great-circle distance between the centres of two authorities."""
    return distance_km(float(a.latitude), float(a.longitude), float(b.latitude), float(b.longitude))


def _near(prefix: str, centre: Authority, radius_km: float) -> Q:
    """A bounding box around `centre` (a cheap SQL pre-filter before the exact distance)."""
    return bounding_box(float(centre.latitude), float(centre.longitude), radius_km, prefix)


def skill_words(value: str) -> dict[str, str]:
    """The skills of a comma-separated list, keyed by their case-folded spelling."""
    return {part.strip().casefold(): part.strip() for part in value.split(",") if part.strip()}


@dataclass
class Fit:
    """A need for an offer or an offer for a need, with why it fits."""

    item: Any
    score: int
    distance: float
    reasons: list[str] = field(default_factory=list)
    #: The match already proposed for this pair, if any.
    match: CorporateMatch | None = None


def _reasons(
    offer: CorporateOffer, need: CorporateNeed, offer_topics: Iterable[Topic], km: float
) -> tuple[int, list[str]]:
    score, reasons = 0, []
    if offer.kind == need.kind:
        score += 3
        reasons.append(_("kind fits: %(kind)s") % {"kind": offer.get_kind_display()})
    need_topics = {t.pk for t in need.topics.all()}
    for topic in offer_topics:
        if topic.pk in need_topics:
            score += 2
            reasons.append(_("topic %(topic)s") % {"topic": topic.name})
    offered = skill_words(offer.skills)
    shared = [offered[key] for key in sorted(offered.keys() & skill_words(need.skills).keys())]
    if shared:
        score += 2 * len(shared)
        reasons.append(_("skills: %(skills)s") % {"skills": ", ".join(shared)})
    if score == 0:
        return 0, []
    reasons.append(
        _("in the same Gemeinde")
        if offer.authority_id == need.authority_id
        else _("%(km)d km away") % {"km": round(km)}
    )
    reasons.append(
        _("in the time frame (%(start)s–%(end)s)")
        % {
            "start": date_format(max(offer.available_from, need.date_from), "SHORT_DATE_FORMAT"),
            "end": date_format(min(offer.available_until, need.date_until), "SHORT_DATE_FORMAT"),
        }
    )
    if offer.team_size >= need.people:
        score += 1
        reasons.append(_("team large enough (%(people)d needed)") % {"people": need.people})
    if km <= offer.radius_km / 2:
        score += 1
    return score, reasons


def _verified() -> Q:
    return Q(provider__status=Provider.Status.VERIFIED)


def open_offers() -> QuerySet[CorporateOffer]:
    today = timezone.localdate()
    return (
        CorporateOffer.objects.filter(_verified(), is_open=True, available_until__gte=today)
        .select_related("provider__organisation", "authority")
        .prefetch_related("topics")
    )


def open_needs() -> QuerySet[CorporateNeed]:
    today = timezone.localdate()
    return (
        CorporateNeed.objects.filter(_verified(), is_open=True, date_until__gte=today)
        .select_related("provider__organisation", "authority")
        .prefetch_related("topics")
    )


def _existing(pairs: QuerySet[CorporateMatch]) -> dict[tuple[int, int], CorporateMatch]:
    return {(m.offer_id, m.need_id): m for m in pairs}


def needs_for_offer(offer: CorporateOffer, limit: int = MATCH_LIMIT) -> list[Fit]:
    """Open needs within the offer's radius and time frame, best first, with reasons."""
    candidates = open_needs().filter(
        _near("authority__", offer.authority, offer.radius_km),
        date_until__gte=offer.available_from,
        date_from__lte=offer.available_until,
    )
    offer_topics = list(offer.topics.all())
    existing = _existing(CorporateMatch.objects.filter(offer=offer))
    fits = []
    for need in candidates:
        km = _km(offer.authority, need.authority)
        if km > offer.radius_km:
            continue
        score, reasons = _reasons(offer, need, offer_topics, km)
        if score:
            fits.append(Fit(need, score, km, reasons, existing.get((offer.pk, need.pk))))
    return sorted(fits, key=lambda f: (-f.score, f.distance))[:limit]


def offers_for_need(need: CorporateNeed, limit: int = MATCH_LIMIT) -> list[Fit]:
    """Open offers whose radius reaches the need and whose time frame overlaps it."""
    candidates = open_offers().filter(
        _near("authority__", need.authority, MAX_RADIUS_KM),
        available_until__gte=need.date_from,
        available_from__lte=need.date_until,
    )
    existing = _existing(CorporateMatch.objects.filter(need=need))
    fits = []
    for offer in candidates:
        km = _km(offer.authority, need.authority)
        if km > offer.radius_km:
            continue
        score, reasons = _reasons(offer, need, offer.topics.all(), km)
        if score:
            fits.append(Fit(offer, score, km, reasons, existing.get((offer.pk, need.pk))))
    return sorted(fits, key=lambda f: (-f.score, f.distance))[:limit]


def _with_kind_and_topic(queryset: QuerySet[Any], kind: str, topic: str) -> QuerySet[Any]:
    if kind in CorporateKind.values:
        queryset = queryset.filter(kind=kind)
    if topic:
        queryset = queryset.filter(topics__slug=topic)
    return queryset


def offer_list(*, kind: str = "", topic: str = "") -> QuerySet[CorporateOffer]:
    return _with_kind_and_topic(open_offers(), kind, topic).order_by("-created_at").distinct()


def need_list(*, kind: str = "", topic: str = "") -> QuerySet[CorporateNeed]:
    return _with_kind_and_topic(open_needs(), kind, topic).order_by("date_from").distinct()


def matches_of(providers: list[Provider]) -> QuerySet[CorporateMatch]:
    """The matches a person's organisations take part in, newest first."""
    ids = [p.pk for p in providers]
    return (
        CorporateMatch.objects.filter(Q(offer__provider_id__in=ids) | Q(need__provider_id__in=ids))
        .select_related(
            "offer__provider__organisation", "need__provider__organisation", "need__authority"
        )
        .order_by("-created_at")
    )


def match_with_parties(pk: int) -> CorporateMatch | None:
    return (
        CorporateMatch.objects.select_related(
            "offer__provider__organisation",
            "offer__authority",
            "need__provider__organisation",
            "need__authority",
        )
        .filter(pk=pk)
        .first()
    )


@dataclass
class Overview:
    """Corporate engagement in some municipalities (or the whole network) for the officer."""

    offers: int
    needs: int
    by_status: dict[str, int]
    engagements: list[CorporateMatch]
    people: int
    hours: Decimal


def overview(authority_ids: list[str] | None, year: int) -> Overview:
    """Offers and needs placed there, matches that touch it, engagements recorded in `year`."""
    offers = CorporateOffer.objects.all()
    needs = CorporateNeed.objects.all()
    matches = CorporateMatch.objects.all()
    if authority_ids is not None:
        offers = offers.filter(authority_id__in=authority_ids)
        needs = needs.filter(authority_id__in=authority_ids)
        matches = matches.filter(
            Q(offer__authority_id__in=authority_ids) | Q(need__authority_id__in=authority_ids)
        )
    by_status = dict(
        matches.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    done = matches.filter(engagement_date__year=year)
    totals = done.aggregate(people=Sum("engagement_people"), hours=Sum("engagement_hours"))
    return Overview(
        offers=offers.count(),
        needs=needs.count(),
        by_status={
            str(label): by_status.get(value, 0) for value, label in CorporateMatch.Status.choices
        },
        engagements=list(
            done.select_related(
                "offer__provider__organisation", "need__provider__organisation", "need__authority"
            ).order_by("-engagement_date")
        ),
        people=totals["people"] or 0,
        hours=totals["hours"] or Decimal(0),
    )


def engagement_values(year: int, *, hours: bool) -> dict[str, float]:
    """Per AGS of the need's Gemeinde: recorded engagements (or their hours) in `year`."""
    rows = (
        CorporateMatch.objects.filter(engagement_date__year=year)
        .order_by()
        .values("need__authority_id")
        .annotate(n=Count("pk"), h=Sum("engagement_hours"))
    )
    return {row["need__authority_id"]: float(row["h"] if hours else row["n"]) for row in rows}


# --- Cooperation registry ---------------------------------------------------------------------


@dataclass(frozen=True)
class CooperationFilter:
    q: str = ""
    kind: str = ""
    region: str = ""
    art: str = ""
    sector: str = ""
    factor: str = ""
    topic: str = ""


def cooperations(
    filters: CooperationFilter, *, members: bool, own: Iterable[str] = ()
) -> QuerySet[Cooperation]:
    """Cooperations matching the filters; members-only ones for members and their own town."""
    queryset = Cooperation.objects.select_related("authority__region").prefetch_related("topics")
    if not members:
        queryset = queryset.filter(Q(members_only=False) | Q(authority_id__in=list(own)))
    for word in filters.q.split():
        queryset = queryset.filter(
            Q(name__icontains=word)
            | Q(purpose__icontains=word)
            | Q(partners__icontains=word)
            | Q(success_notes__icontains=word)
            | Q(authority__name__icontains=word)
        )
    if filters.kind in KIND_GROUPS:
        queryset = queryset.filter(authority__kind__in=KIND_GROUPS[filters.kind])
    elif filters.kind:
        queryset = queryset.filter(authority__kind=filters.kind)
    if filters.region:
        queryset = queryset.filter(
            Q(authority__region_id=filters.region) | Q(authority_id=filters.region)
        )
    if filters.art:
        queryset = queryset.filter(kind=filters.art)
    if filters.sector:
        queryset = queryset.filter(sectors__contains=filters.sector)
    if filters.factor:
        queryset = queryset.filter(success_factors__contains=filters.factor)
    if filters.topic:
        queryset = queryset.filter(topics__slug=filters.topic)
    return queryset.order_by("name").distinct()


def cooperation_with_partners(pk: int) -> Cooperation | None:
    return (
        Cooperation.objects.select_related("authority__region")
        .prefetch_related("topics", "partner_organisations")
        .filter(pk=pk)
        .first()
    )


def authority_cooperations(authority: Authority, *, members: bool) -> list[Cooperation]:
    queryset = authority.cooperations.prefetch_related("topics")
    if not members:
        queryset = queryset.filter(members_only=False)
    return list(queryset.order_by("name"))


def topics() -> QuerySet[Topic]:
    return Topic.objects.order_by("name")


def this_year() -> int:
    return timezone.localdate().year
