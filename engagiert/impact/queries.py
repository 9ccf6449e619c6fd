"""Reads of the impact app: the catalogue, a municipality's figures, peer groups and statistics.

Rules:
- The definition that applies to a year is the last version valid from that year or earlier
  (the first version for years before it).
- An automatic indicator whose provider is not registered (its app is not installed or not
  built yet) shows »Quelle derzeit nicht verfügbar« and gets no values from the snapshot.
- Peers are the authorities of the same kind and size band that have a value for the indicator
  and year. Their statistics are shown only from `MIN_PEER_GROUP` values on, so that no single
  municipality's figure can be read off the median and quartiles; the lowest and highest
  value are never shown, as each is one municipality's raw figure.
- The rank counts from the best value by the indicator's direction; equal values share a rank.
- Every read loads its rows in a fixed number of queries, whatever the number of authorities.
"""

import datetime
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import indicator_providers
from engagiert.membership.models import Membership
from engagiert.registry.models import Authority

from .models import Indicator, IndicatorValue, IndicatorVersion, Snapshot

#: Fewest values a peer group needs before its statistics are shown.
MIN_PEER_GROUP = 5

#: Size bands by population: (lower bound inclusive, upper bound exclusive or None, label).
SIZE_BANDS = (
    (0, 20_000, _("under 20,000 inhabitants")),
    (20_000, 50_000, _("20,000 to 50,000 inhabitants")),
    (50_000, 100_000, _("50,000 to 100,000 inhabitants")),
    (100_000, 500_000, _("100,000 to 500,000 inhabitants")),
    (500_000, None, _("500,000 inhabitants and more")),
)


def size_band(population: int) -> int:
    """The index of the population's size band in SIZE_BANDS."""
    for index, (low, high, _label) in enumerate(SIZE_BANDS):
        if population >= low and (high is None or population < high):
            return index
    return 0  # pragma: no cover (the bands cover every population)


def size_band_label(population: int) -> str:
    return str(SIZE_BANDS[size_band(population)][2])


def indicators(*, source: str = "") -> QuerySet[Indicator]:
    """The catalogue in its order, every version loaded (oldest first)."""
    queryset = Indicator.objects.prefetch_related(
        Prefetch("versions", queryset=IndicatorVersion.objects.order_by("number"))
    )
    return queryset.filter(source=source) if source else queryset


def version_for(indicator: Indicator, year: int) -> IndicatorVersion:
    """The definition valid in `year`, from the prefetched versions."""
    versions = list(indicator.versions.all())
    valid = [v for v in versions if v.valid_from <= year]
    return valid[-1] if valid else versions[0]


def current_version(indicator: Indicator) -> IndicatorVersion:
    return list(indicator.versions.all())[-1]


def provider_available(indicator: Indicator) -> bool:
    """Whether an automatic indicator's figure is provided by an installed app."""
    return indicator.source != Indicator.Source.AUTOMATIC or (
        indicator_providers.get(indicator.provider_key) is not None
    )


def provider_choices() -> list[tuple[str, str]]:
    """The registered platform figures, for the catalogue form."""
    return sorted(
        (
            (key, f"{provider.label} ({provider.unit})")
            for key, provider in indicator_providers.items()
        ),
        key=lambda choice: choice[1],
    )


def members_in_year(year: int) -> QuerySet[Authority]:
    """The authorities that were members of the network at some time in `year`."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    during = Membership.objects.filter(Q(until__isnull=True) | Q(until__gte=start), since__lte=end)
    return Authority.objects.filter(pk__in=during.values("authority_id"))


def snapshot_years() -> set[int]:
    return set(Snapshot.objects.values_list("year", flat=True))


def authority_values(authority: Authority) -> dict[int, dict[int, IndicatorValue]]:
    """The authority's values: indicator id → year → value (with its version)."""
    found: dict[int, dict[int, IndicatorValue]] = defaultdict(dict)
    for value in IndicatorValue.objects.filter(authority=authority).select_related("version"):
        found[value.indicator_id][value.year] = value
    return found


def missing_manual(authority: Authority, year: int) -> list[Indicator]:
    """The manual indicators the authority has not entered for `year`."""
    entered = IndicatorValue.objects.filter(authority=authority, year=year).values("indicator_id")
    return list(indicators(source=Indicator.Source.MANUAL).exclude(pk__in=entered))


@dataclass(frozen=True)
class PeerStatistics:
    """Where one municipality stands among its peers for one indicator and year."""

    indicator: Indicator
    year: int
    kind_label: str
    band_label: str
    count: int
    own: Decimal | None
    lower_quartile: float | None = None
    median: float | None = None
    upper_quartile: float | None = None
    rank: int | None = None

    @property
    def enough(self) -> bool:
        return self.count >= MIN_PEER_GROUP


def peer_values(indicator: Indicator, year: int, authority: Authority) -> list[Decimal]:
    """The values of the authority's peer group (same kind and size band), itself included."""
    low, high, _label = SIZE_BANDS[size_band(authority.population)]
    rows = IndicatorValue.objects.filter(
        indicator=indicator,
        year=year,
        authority__kind=authority.kind,
        authority__population__gte=low,
    )
    if high is not None:
        rows = rows.filter(authority__population__lt=high)
    return list(rows.values_list("value", flat=True))


def rank_of(value: Decimal, values: Iterable[Decimal], *, higher_is_better: bool) -> int:
    """1 for the best value; equal values share a rank (1, 2, 2, 4)."""
    if higher_is_better:
        return 1 + sum(1 for other in values if other > value)
    return 1 + sum(1 for other in values if other < value)


def peer_statistics(indicator: Indicator, year: int, authority: Authority) -> PeerStatistics:
    """Median, quartiles (inclusive method) and the authority's rank among its peers."""
    values = peer_values(indicator, year, authority)
    own = (
        IndicatorValue.objects.filter(indicator=indicator, year=year, authority=authority)
        .values_list("value", flat=True)
        .first()
    )
    found = PeerStatistics(
        indicator=indicator,
        year=year,
        kind_label=authority.get_kind_display(),
        band_label=size_band_label(authority.population),
        count=len(values),
        own=own,
    )
    if not found.enough:
        return found
    floats = sorted(float(v) for v in values)
    lower, median, upper = statistics.quantiles(floats, n=4, method="inclusive")
    return replace(
        found,
        lower_quartile=lower,
        median=median,
        upper_quartile=upper,
        rank=None
        if own is None
        else rank_of(own, values, higher_is_better=indicator.higher_is_better),
    )


@dataclass(frozen=True)
class NetworkRow:
    indicator: Indicator
    version: IndicatorVersion
    count: int
    total: float | None
    median: float | None
    lower_quartile: float | None
    upper_quartile: float | None


def network_rows(year: int) -> list[NetworkRow]:
    """Every indicator's figures across the network for one year (the office's overview)."""
    by_indicator: dict[int, list[float]] = defaultdict(list)
    for indicator_id, value in IndicatorValue.objects.filter(year=year).values_list(
        "indicator_id", "value"
    ):
        by_indicator[indicator_id].append(float(value))
    rows = []
    for indicator in indicators():
        values = sorted(by_indicator.get(indicator.pk, []))
        quartiles = (
            statistics.quantiles(values, n=4, method="inclusive") if len(values) > 1 else None
        )
        rows.append(
            NetworkRow(
                indicator=indicator,
                version=version_for(indicator, year),
                count=len(values),
                total=sum(values) if values else None,
                median=statistics.median(values) if values else None,
                lower_quartile=quartiles[0] if quartiles else None,
                upper_quartile=quartiles[2] if quartiles else None,
            )
        )
    return rows


def network_medians(indicator: Indicator) -> list[tuple[int, float, int]]:
    """(year, median, number of values) of one indicator over the years."""
    by_year: dict[int, list[float]] = defaultdict(list)
    for year, value in IndicatorValue.objects.filter(indicator=indicator).values_list(
        "year", "value"
    ):
        by_year[year].append(float(value))
    return [(year, statistics.median(v), len(v)) for year, v in sorted(by_year.items())]


def snapshots() -> QuerySet[Snapshot]:
    return Snapshot.objects.select_related("taken_by")


def manual_initial(authority: Authority, year: int) -> dict[str, Decimal | str]:
    """The form's initial values: the manual values already entered for `year`, by key."""
    rows = IndicatorValue.objects.filter(
        authority=authority, year=year, indicator__source=Indicator.Source.MANUAL
    ).select_related("indicator")
    initial: dict[str, Decimal | str] = {}
    for row in rows:
        places = row.indicator.decimal_places
        value = row.value.quantize(Decimal(1).scaleb(-places))
        initial[row.indicator.key] = str(value) if row.indicator.unit == "yes_no" else value
    return initial
