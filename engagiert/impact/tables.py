"""The tables of the impact pages, each the same for the page, its chart and its downloads."""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from engagiert.registry.models import Authority

from . import measure_queries, queries
from .charts import Point, bar_chart, line_chart, number
from .measure_queries import GoalStatus
from .models import Indicator

#: How many years the municipality's dashboard shows (the most recent ones).
DASHBOARD_YEARS = 8


@dataclass
class Table:
    title: str
    filename: str
    header: list[str]
    body: list[list[object]] = field(default_factory=list)

    def rows(self) -> Iterator[Sequence[object]]:
        yield self.header
        yield from self.body

    @property
    def shown(self) -> list[list[str]]:
        """The body as the page shows it: numbers the German way, a dash for nothing."""
        return [[_shown(cell) for cell in row] for row in self.body]


def _shown(cell: object) -> str:
    if cell is None or cell == "":
        return "–"
    if isinstance(cell, float | Decimal) and not isinstance(cell, bool):
        return number(float(cell))
    return str(cell)


def _float(value: Decimal | float | None) -> float | None:
    return None if value is None else float(value)


def _unit(indicator: Indicator) -> str:
    return str(indicator.get_unit_display())


def catalogue() -> Table:
    table = Table(
        _("Indicator catalogue"),
        "wirkungsindikatoren",
        [
            _("Key"),
            _("Name"),
            _("Level"),
            _("Source"),
            _("Unit"),
            _("Direction"),
            _("Version"),
            _("Valid from"),
            _("Definition"),
            _("Named source"),
            _("Availability"),
        ],
    )
    for indicator in queries.indicators():
        version = queries.current_version(indicator)
        source = (
            f"{indicator.get_source_display()}: {indicator.provider_key}"
            if indicator.provider_key
            else str(indicator.get_source_display())
        )
        table.body.append(
            [
                indicator.key,
                version.name,
                indicator.get_level_display(),
                source,
                _unit(indicator),
                _("higher is better") if indicator.higher_is_better else _("lower is better"),
                version.number,
                version.valid_from,
                version.definition,
                version.source_name,
                _("available")
                if queries.provider_available(indicator)
                else _("Source currently unavailable"),
            ]
        )
    return table


@dataclass
class Chart:
    title: str
    svg: SafeString


@dataclass
class AuthorityDashboard:
    table: Table
    charts: list[Chart]
    #: The municipality's goals with their state (the same figures as the charts' goal lines).
    goals: Table | None = None


def authority_dashboard(authority: Authority) -> AuthorityDashboard:
    """Every indicator's values of one municipality over the recent years, with its goals."""
    values = queries.authority_values(authority)
    goal_rows = measure_queries.goal_rows(authority, values)
    goals_by_indicator: dict[int, list[Point]] = {}
    for row in goal_rows:
        goals_by_indicator.setdefault(row.goal.indicator_id, []).append(
            Point(_("Goal %(year)s") % {"year": row.goal.year}, float(row.goal.target))
        )
    years = sorted({year for by_year in values.values() for year in by_year})[-DASHBOARD_YEARS:]
    table = Table(
        _("Impact indicators of %(name)s") % {"name": authority.name},
        f"wirkung-{authority.ags}",
        [_("Indicator"), _("Unit"), *[str(year) for year in years], _("Definition versions")],
    )
    charts = []
    for indicator in queries.indicators():
        by_year = values.get(indicator.pk, {})
        name = queries.current_version(indicator).name
        versions = sorted({f"v{by_year[y].version.number}" for y in years if y in by_year})
        table.body.append(
            [
                name,
                _unit(indicator),
                *[_float(by_year[y].value) if y in by_year else None for y in years],
                ", ".join(versions),
            ]
        )
        points = [Point(str(y), float(by_year[y].value)) for y in years if y in by_year]
        if points and indicator.unit != Indicator.Unit.YES_NO:  # a yes/no line says little
            title = _("%(indicator)s in %(name)s over the years") % {
                "indicator": name,
                "name": authority.name,
            }
            marks = goals_by_indicator.get(indicator.pk, [])
            chart = line_chart(title, points, unit=_unit(indicator), goals=marks)
            charts.append(Chart(title, chart))
    goals = goals_table(authority, goal_rows) if goal_rows else None
    return AuthorityDashboard(table, charts, goals)


def goals_table(authority: Authority, rows: Iterable[GoalStatus]) -> Table:
    """Each goal against the value it is compared with: reached, not yet, no value."""
    table = Table(
        _("Goals of %(name)s") % {"name": authority.name},
        f"ziele-{authority.ags}",
        [
            _("Indicator"),
            _("Unit"),
            _("Direction"),
            _("Target year"),
            _("Target value"),
            _("Value"),
            _("Year of the value"),
            _("State"),
        ],
    )
    for row in rows:
        indicator = row.goal.indicator
        table.body.append(
            [
                queries.current_version(indicator).name,
                str(indicator.get_unit_display()),
                _("higher is better") if indicator.higher_is_better else _("lower is better"),
                str(row.goal.year),
                row.goal.target,
                row.value,
                str(row.value_year) if row.value_year else None,
                row.state.label,
            ]
        )
    return table


@dataclass
class PeerComparison:
    statistics: queries.PeerStatistics
    table: Table
    chart: SafeString | None


def peer_comparison(indicator: Indicator, year: int, authority: Authority) -> PeerComparison:
    stats = queries.peer_statistics(indicator, year, authority)
    name = queries.version_for(indicator, year).name
    group = _("%(kind)s, %(band)s") % {"kind": stats.kind_label, "band": stats.band_label}
    table = Table(
        _("Peer comparison"),
        f"vergleich-{authority.ags}-{indicator.key}-{year}",
        [
            _("Indicator"),
            _("Year"),
            _("Peer group"),
            _("Values in the group"),
            authority.name,
            _("Rank"),
            _("Lower quartile"),
            _("Median"),
            _("Upper quartile"),
        ],
    )
    table.body.append(
        [
            name,
            year,
            group,
            stats.count,
            _float(stats.own),
            f"{stats.rank} / {stats.count}" if stats.rank else None,
            stats.lower_quartile,
            stats.median,
            stats.upper_quartile,
        ]
    )
    chart = None
    if stats.enough and stats.median is not None:
        points = [
            Point(_("Lower quartile"), stats.lower_quartile or 0.0),
            Point(_("Median"), stats.median),
            Point(_("Upper quartile"), stats.upper_quartile or 0.0),
        ]
        if stats.own is not None:
            points.append(Point(authority.name, float(stats.own), highlight=True))
        title = _("%(indicator)s %(year)s: %(name)s among %(group)s") % {
            "indicator": name,
            "year": year,
            "name": authority.name,
            "group": group,
        }
        chart = bar_chart(title, points, unit=_unit(indicator))
    return PeerComparison(stats, table, chart)


def network(year: int) -> Table:
    table = Table(
        _("The network's impact indicators %(year)s") % {"year": year},
        f"wirkung-netzwerk-{year}",
        [
            _("Indicator"),
            _("Level"),
            _("Unit"),
            _("Version"),
            _("Municipalities with a value"),
            _("Sum"),
            _("Lower quartile"),
            _("Median"),
            _("Upper quartile"),
        ],
    )
    for row in queries.network_rows(year):
        table.body.append(
            [
                row.version.name,
                row.indicator.get_level_display(),
                _unit(row.indicator),
                row.version.number,
                row.count,
                row.total,
                row.lower_quartile,
                row.median,
                row.upper_quartile,
            ]
        )
    return table


@dataclass
class Trend:
    table: Table
    chart: SafeString | None


def network_trend(indicator: Indicator) -> Trend:
    name = queries.current_version(indicator).name
    table = Table(
        _("%(indicator)s across the network") % {"indicator": name},
        f"wirkung-netzwerk-{indicator.key}",
        [_("Year"), _("Median"), _("Municipalities with a value")],
        [[year, median, n] for year, median, n in queries.network_medians(indicator)],
    )
    points = [Point(str(year), float(median)) for year, median, _n in table.body]  # type: ignore[arg-type]
    title = _("Median of %(indicator)s across the network over the years") % {"indicator": name}
    return Trend(table, line_chart(title, points, unit=_unit(indicator)) if points else None)
