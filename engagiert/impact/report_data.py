"""The figures of the annual network report, read from the apps below (events, workshop,
knowledge, membership) and, for the apps beside impact (the Ehrenamtskarte, opportunities),
through their registered `indicator_providers`.

Rules:
- Members of a year are the authorities that were members at some time in it; new members are
  those admitted in that year.
- Events count when published and starting in the year; participations are confirmed
  registrations. A cohort of the development workshop counts in every year it runs.
- Peer figures are shown per peer group (kind and size band) only from `MIN_PEER_GROUP` values
  on, as on the peer comparison page; free texts of the self-assessment never appear.
- Practice examples: those the office has featured, then the latest published ones.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from engagiert.core.extensions import indicator_providers
from engagiert.events.models import Event, Registration
from engagiert.knowledge.models import KnowledgeItem
from engagiert.membership.models import Membership
from engagiert.registry.models import Authority
from engagiert.workshop.models import Cohort, CohortApplication, TeamMember

from . import assessment_queries, queries
from .models import IndicatorValue, Questionnaire

#: How many years the growth of the network looks back.
GROWTH_YEARS = 10
#: How many practice examples the report presents.
PRACTICE_EXAMPLES = 6


@dataclass
class Growth:
    #: (year, members, new members)
    years: list[tuple[int, int, int]]


def growth(year: int) -> Growth:
    memberships = list(Membership.objects.values_list("since", "until"))
    first = min((since.year for since, _u in memberships), default=year)
    rows = []
    for y in range(max(first, year - GROWTH_YEARS + 1), year + 1):
        members = sum(
            1
            for since, until in memberships
            if since.year <= y and (until is None or until.year >= y)
        )
        new = sum(1 for since, _u in memberships if since.year == y)
        rows.append((y, members, new))
    return Growth(rows)


@dataclass
class Events:
    count: int
    participations: int
    authorities: int
    #: (kind label, events, participations)
    by_kind: list[tuple[str, int, int]]


def events(year: int) -> Events:
    held = Event.objects.filter(status=Event.Status.PUBLISHED, starts_at__year=year)
    confirmed = Registration.objects.filter(event__in=held, status=Registration.Status.CONFIRMED)
    kinds = dict(Event.Kind.choices)
    by_kind = (
        held.values("kind")
        .annotate(
            n=Count("pk", distinct=True),
            p=Count("registrations", filter=Q(registrations__status="confirmed")),
        )
        .order_by("kind")
    )
    return Events(
        count=held.count(),
        participations=confirmed.count(),
        authorities=confirmed.exclude(authority=None).values("authority").distinct().count(),
        by_kind=[(str(kinds.get(r["kind"], r["kind"])), r["n"], r["p"]) for r in by_kind],
    )


@dataclass
class Workshop:
    #: (cohort title with number, period, teams, participants)
    cohorts: list[tuple[str, str, int, int]]


def workshop(year: int) -> Workshop:
    running = Cohort.objects.filter(starts_on__year__lte=year, ends_on__year__gte=year).annotate(
        teams=Count(
            "applications",
            filter=Q(applications__status=CohortApplication.Status.SELECTED),
            distinct=True,
        )
    )
    people = dict(
        TeamMember.objects.filter(
            application__status=CohortApplication.Status.SELECTED,
            application__cohort__in=running,
        )
        .values_list("application__cohort")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return Workshop(
        [
            (
                _("Cohort %(number)s") % {"number": c.number},
                f"{c.starts_on:%d.%m.%Y} – {c.ends_on:%d.%m.%Y}",
                c.teams,
                people.get(c.pk, 0),
            )
            for c in running.order_by("number")
        ]
    )


@dataclass
class ProvidedFigure:
    label: str
    value: str


def _provided(key: str, year: int) -> dict[str, float] | None:
    provider = indicator_providers.get(key)
    return None if provider is None else provider.values(year)


def cards_and_opportunities(year: int) -> list[ProvidedFigure]:
    """The figures of the apps beside impact, where they are installed."""
    found = []
    issued = _provided("volunteercard.cards_issued", year)
    per_thousand = _provided("volunteercard.cards_per_thousand", year)
    if issued is not None:
        found.append(ProvidedFigure(_("Ehrenamtskarten issued"), _int(sum(issued.values()))))
    if per_thousand is not None:
        valid = [v for v in per_thousand.values() if v > 0]
        found.append(
            ProvidedFigure(
                _("Issuing authorities with valid cards on 31 December"), str(len(valid))
            )
        )
        if valid:
            found.append(
                ProvidedFigure(
                    _("Valid cards per 1,000 inhabitants (median of the issuers)"),
                    _decimal(statistics.median(valid)),
                )
            )
    for key, label in (
        ("opportunities.placements", _("Volunteers placed in engagement opportunities")),
        ("opportunities.confirmed_hours", _("Confirmed hours of engagement")),
    ):
        figures = _provided(key, year)
        if figures is not None:
            found.append(ProvidedFigure(label, _int(sum(figures.values()))))
    return found


def _int(value: float) -> str:
    return f"{round(value):,}".replace(",", ".")


def _decimal(value: float) -> str:
    return f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


@dataclass
class PeerRow:
    group: str
    indicator: str
    count: int
    median: float
    lower_quartile: float
    upper_quartile: float


def peer_rows(year: int) -> list[PeerRow]:
    """Per peer group (kind, size band) and indicator: median and quartiles, big groups only."""
    groups: dict[str, tuple[str, str]] = {}
    for authority in Authority.objects.filter(pk__in=queries.members_in_year(year).values("pk")):
        groups[authority.pk] = (
            authority.get_kind_display(),
            queries.size_band_label(authority.population),
        )
    values: dict[tuple[tuple[str, str], int], list[float]] = defaultdict(list)
    for ags, indicator_id, value in IndicatorValue.objects.filter(
        year=year, authority__in=list(groups)
    ).values_list("authority_id", "indicator_id", "value"):
        values[(groups[ags], indicator_id)].append(float(value))
    rows = []
    for indicator in queries.indicators():
        name = queries.version_for(indicator, year).name
        for group in sorted(set(groups.values())):
            found = sorted(values.get((group, indicator.pk), []))
            if len(found) < queries.MIN_PEER_GROUP:
                continue
            lower, median, upper = statistics.quantiles(found, n=4, method="inclusive")
            rows.append(PeerRow(f"{group[0]}, {group[1]}", name, len(found), median, lower, upper))
    return rows


@dataclass
class Assessment:
    questionnaire: Questionnaire | None
    submitted: int = 0
    asked: int = 0
    results: list[assessment_queries.QuestionResult] = field(default_factory=list)


def assessment(year: int) -> Assessment:
    questionnaire = Questionnaire.objects.filter(year=year).first()
    if questionnaire is None:
        return Assessment(None)
    progress = assessment_queries.progress(questionnaire)
    return Assessment(
        questionnaire,
        progress.submitted,
        progress.total,
        assessment_queries.results(questionnaire, with_texts=False),
    )


def practice_examples(year: int) -> list[KnowledgeItem]:
    """Featured practice examples first, then the latest published ones."""
    return list(
        KnowledgeItem.objects.filter(
            kind=KnowledgeItem.Kind.PRACTICE,
            status=KnowledgeItem.Status.PUBLISHED,
            merged_into=None,
            created_at__year__lte=year,
        )
        .select_related("authority")
        .order_by("-featured", "-created_at")[:PRACTICE_EXAMPLES]
    )
