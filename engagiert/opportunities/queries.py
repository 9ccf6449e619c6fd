"""Reads of opportunities: what is public, matching with reasons, the providers' and the
volunteer agency's lists, embedding feeds and digest news (for everyone, and for each person
the new matches of their kept searches).

Matching: a bounding box around the chosen Gemeinde's centre narrows the candidates in SQL
(plain comparisons on latitude and longitude, indexed, the same on SQLite and PostgreSQL);
the exact great-circle distance, the score and the reasons are computed in Python on the
candidates' few columns; only the page shown is then loaded as objects. A search therefore
takes the same number of queries whatever the number of opportunities.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from engagiert.core.extensions import NewsItem
from engagiert.registry.geo import bounding_box, distance_km
from engagiert.registry.models import Authority, Topic

from .models import Interest, Opportunity, Provider, SavedSearch


def public_opportunities() -> QuerySet[Opportunity]:
    """Open opportunities of verified providers whose end date has not passed."""
    today = timezone.localdate()
    return Opportunity.objects.filter(
        status=Opportunity.Status.OPEN,
        provider__status=Provider.Status.VERIFIED,
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))


def public_since(since: datetime.datetime, until: datetime.datetime) -> QuerySet[Opportunity]:
    """Public opportunities that became public in the window: posted then, or posted earlier
    by a provider that the municipality verified then."""
    became_public = Greatest("created_at", Coalesce("provider__verified_at", "created_at"))
    return (
        public_opportunities()
        .annotate(became_public=became_public)
        .filter(became_public__gt=since, became_public__lte=until)
    )


def in_area(queryset: QuerySet[Opportunity], area: Authority) -> QuerySet[Opportunity]:
    """Opportunities in a Gemeinde, or in every Gemeinde of a Kreis."""
    gemeinden_of_area = Authority.objects.filter(district_id=area.ags).values("pk")
    return queryset.filter(Q(authority_id=area.ags) | Q(authority_id__in=gemeinden_of_area))


def with_details(queryset: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    return queryset.select_related("provider__organisation", "authority", "topic")


def topics() -> QuerySet[Topic]:
    return Topic.objects.order_by("name")


# --- Matching -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Search:
    """What a volunteer looks for; every part optional."""

    place: Authority | None = None
    radius_km: int = 25
    topics: tuple[str, ...] = ()
    weekdays: bool = False
    weekends: bool = False
    evenings: bool = False
    one_off: bool = False
    skills: tuple[str, ...] = ()
    remote: bool = False

    @property
    def is_empty(self) -> bool:
        return self == Search(radius_km=self.radius_km)


@dataclass
class Match:
    """One opportunity found: its score, its distance, and (once loaded for the page shown)
    the reasons it fits and the opportunity itself."""

    pk: int
    score: float
    distance_km: float | None
    row: dict[str, Any] = field(repr=False)
    reasons: list[str] = field(default_factory=list)
    opportunity: Opportunity | None = None


_COLUMNS = (
    "pk",
    "latitude",
    "longitude",
    "topic__slug",
    "topic__name",
    "schedule",
    "on_weekdays",
    "on_weekends",
    "in_evenings",
    "skills",
    "remote_possible",
)


def _times(row: dict[str, Any], search: Search) -> list[bool]:
    return [
        search.weekdays and row["on_weekdays"],
        search.weekends and row["on_weekends"],
        search.evenings and row["in_evenings"],
        search.one_off and row["schedule"] == Opportunity.Schedule.ONE_OFF,
    ]


def _skills(row: dict[str, Any], wanted: set[str]) -> list[str]:
    offered = (s.strip() for s in row["skills"].split(",")) if wanted else ()
    return [skill for skill in offered if skill.casefold() in wanted]


def _score(row: dict[str, Any], search: Search, distance: float | None, wanted: set[str]) -> float:
    """Nearer, the chosen times, the volunteer's skills and remote work rank higher (plain
    arithmetic: this runs for every candidate; the reasons are worded for the page only)."""
    score = 0.0
    if distance is not None:
        score += 3 * (1 - min(distance / max(search.radius_km, 1), 1))
    score += 2 * sum(1 for matched in _times(row, search) if matched)
    score += 1.5 * len(_skills(row, wanted))
    if search.remote and row["remote_possible"]:
        score += 1
    return score


def _reasons(match: Match, search: Search) -> list[str]:
    row, reasons = match.row, []
    if match.distance_km is not None:
        if match.distance_km < 1:
            reasons.append(_("less than 1 km away"))
        else:
            reasons.append(_("%(km)s km away") % {"km": f"{match.distance_km:.0f}"})
    if search.topics and row["topic__slug"] in search.topics:
        reasons.append(_("topic %(topic)s") % {"topic": row["topic__name"]})
    labels = (_("on weekdays"), _("at weekends"), _("in the evenings"), _("one-off"))
    reasons += [
        label for matched, label in zip(_times(row, search), labels, strict=True) if matched
    ]
    for skill in _skills(row, {s.casefold() for s in search.skills}):
        reasons.append(_("your skill: %(skill)s") % {"skill": skill})
    if search.remote and row["remote_possible"]:
        reasons.append(_("possible from home"))
    return reasons


class Newest:
    """Matches without a place or anything to rank by: the newest first, paged in SQL (a
    count and one slice), so that the landing page does not read every opportunity."""

    def __init__(self, queryset: QuerySet[Opportunity], search: Search) -> None:
        self.queryset = queryset.order_by("-created_at", "-pk").values(*_COLUMNS)
        self.search = search

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[Match]:
        return [Match(row["pk"], 0.0, None, row) for row in self.queryset[index]]


def matches(search: Search, *, base: QuerySet[Opportunity] | None = None) -> "list[Match] | Newest":
    """Public opportunities that fit, best first (one query; see `load` for the reasons).

    With a place, the candidates are those in the bounding box of the radius (plus remote
    ones if asked); without one, a search for times, skills or remote work ranks every
    opportunity of the chosen topics, and a search for nothing but topics lists the newest.
    """
    queryset = public_opportunities() if base is None else base
    if search.topics:
        queryset = queryset.filter(topic__slug__in=search.topics)
    ranks = search.weekdays or search.weekends or search.evenings or search.one_off
    if search.place is None and not (ranks or search.skills or search.remote):
        return Newest(queryset, search)
    origin = None
    if search.place is not None:
        origin = (float(search.place.latitude), float(search.place.longitude))
        near = bounding_box(*origin, search.radius_km)
        queryset = queryset.filter(near | Q(remote_possible=True) if search.remote else near)
    elif search.remote:
        queryset = queryset.filter(remote_possible=True)
    wanted = {s.casefold() for s in search.skills}
    found = []
    for row in queryset.order_by("-created_at").values(*_COLUMNS):
        distance = None
        if origin is not None:
            distance = distance_km(*origin, row["latitude"], row["longitude"])
            if distance > search.radius_km and not (search.remote and row["remote_possible"]):
                continue
        found.append(Match(row["pk"], _score(row, search, distance, wanted), distance, row))
    # Stable sort: equal scores keep the nearer, then the newer first.
    found.sort(key=lambda m: (-m.score, m.distance_km if m.distance_km is not None else 0))
    return found


def load(page_matches: list[Match], search: Search) -> list[Match]:
    """Word the reasons of one page of matches and attach their opportunities (one query)."""
    objects = with_details(Opportunity.objects.filter(pk__in=[m.pk for m in page_matches]))
    by_pk = {o.pk: o for o in objects}
    for match in page_matches:
        match.opportunity = by_pk.get(match.pk)
        match.reasons = _reasons(match, search)
    return [m for m in page_matches if m.opportunity is not None]


# --- Providers, applicants, the volunteer agency --------------------------------------------


def opportunities_of(provider: Provider) -> QuerySet[Opportunity]:
    visible = Q(interests__status__in=Interest.VISIBLE)
    return (
        provider.opportunities.select_related("topic", "authority")
        .annotate(interest_count=Count("interests", filter=visible))
        .order_by("-created_at")
    )


def applicants(opportunity: Opportunity) -> QuerySet[Interest]:
    """The interests the provider sees: confirmed ones only."""
    return opportunity.interests.filter(status__in=Interest.VISIBLE).order_by("-created_at")


def interests_of(user: Any) -> QuerySet[Interest]:
    return (
        Interest.objects.filter(user=user)
        .select_related("opportunity__provider__organisation")
        .order_by("-created_at")
    )


def providers_to_verify(*, authorities: list[str] | None) -> QuerySet[Provider]:
    """Pending providers first; `authorities` None means every municipality (the office)."""
    queryset = Provider.objects.select_related("organisation", "authority").order_by(
        "status", "-created_at"
    )
    if authorities is not None:
        queryset = queryset.filter(authority_id__in=authorities)
    return queryset


def unanswered_opportunities(authority: Authority) -> QuerySet[Opportunity]:
    """Open opportunities in the municipality that nobody has shown interest in."""
    confirmed = Interest.objects.filter(opportunity=OuterRef("pk"), status__in=Interest.CURRENT)
    return with_details(
        public_opportunities().filter(authority=authority).filter(~Exists(confirmed))
    ).order_by("created_at")


def volunteers_without_match(authority: Authority) -> list[dict[str, Any]]:
    """People interested in opportunities in the municipality with no accepted interest yet,
    by address: name, e-mail, how many interests, the first of them (for the agency to call)."""
    accepted = Interest.objects.filter(
        email=OuterRef("email"),
        status=Interest.Status.ACCEPTED,
        opportunity__authority=authority,
    )
    rows = (
        Interest.objects.filter(opportunity__authority=authority, status__in=Interest.CURRENT)
        .filter(~Exists(accepted))
        .values("email")
        .annotate(count=Count("pk"))
        .order_by("email")
    )
    names = dict(
        Interest.objects.filter(opportunity__authority=authority)
        .order_by("created_at")
        .values_list("email", "name")
    )
    return [{**row, "name": names.get(row["email"], "")} for row in rows]


# --- Feeds and news -------------------------------------------------------------------------


def feed(area: Authority, *, limit: int = 100) -> list[Opportunity]:
    return list(with_details(in_area(public_opportunities(), area)).order_by("-created_at")[:limit])


def opportunities_news(since: datetime.datetime, until: datetime.datetime) -> list[NewsItem]:
    """Digest news: opportunities that became public in the window and still are."""
    new = with_details(public_since(since, until)).order_by("created_at")
    return [
        NewsItem(o.title, f"{o.provider} · {o.authority}", settings.SITE_URL + o.get_absolute_url())
        for o in new
    ]


SAVED_SEARCH_NEWS_LIMIT = 20


def saved_search_news(
    search: SavedSearch, criteria: Search, since: datetime.datetime, until: datetime.datetime
) -> list[NewsItem]:
    """News for one person: the best of the opportunities that became public in the window and
    match their kept search (`criteria`, read from its query); each item names the search."""
    fresh = public_since(since, until)
    found = load(list(matches(criteria, base=fresh)[:SAVED_SEARCH_NEWS_LIMIT]), criteria)
    named = _("your search »%(name)s«") % {"name": search.name}
    return [
        NewsItem(
            o.title,
            f"{named} · {o.provider} · {o.authority}",
            settings.SITE_URL + o.get_absolute_url(),
        )
        for o in (match.opportunity for match in found)
        if o is not None
    ]


def open_count() -> int:
    return public_opportunities().count()


def placements_per_authority(year: int) -> dict[str, float]:
    """Accepted interests per Gemeinde of the opportunity, by the year of the acceptance."""
    rows = (
        Interest.objects.filter(status=Interest.Status.ACCEPTED, answered_at__year=year)
        .values("opportunity__authority_id")
        .annotate(count=Count("pk"))
    )
    return {row["opportunity__authority_id"]: float(row["count"]) for row in rows}
