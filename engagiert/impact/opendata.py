"""Impact figures as open data: aggregates only, never one municipality's value.

For every indicator and year the values are summarised for the whole network and for each
group of peers (same kind of authority, same size band, as the peer comparison forms them):
the number of values, the lower quartile, the median and the upper quartile (inclusive
method). A group with fewer values than `OPENDATA_MIN_GROUP_SIZE` gets its number but no
figure, so that nobody can read a municipality's own (e.g. entered) value off the statistics;
lowest, highest and total values are never published.
"""

import statistics
from collections import defaultdict
from typing import Any

from django.conf import settings

from engagiert.core.extensions import Column, ColumnType, OpenDataset
from engagiert.registry.models import Authority

from .models import Indicator, IndicatorValue
from .queries import SIZE_BANDS, indicators, size_band, version_for

T = ColumnType

#: The group of every value of an indicator and year.
NETWORK = ("", -1)


def figures(values: list[float]) -> dict[str, float | None]:
    """Quartiles and median of a group, or none when the group is too small to publish."""
    if len(values) < max(settings.OPENDATA_MIN_GROUP_SIZE, 2):
        return {"lower_quartile": None, "median": None, "upper_quartile": None}
    lower, median, upper = statistics.quantiles(sorted(values), n=4, method="inclusive")
    return {"lower_quartile": lower, "median": median, "upper_quartile": upper}


def _group_cells(kind: str, band: int) -> dict[str, Any]:
    if (kind, band) == NETWORK:
        return {"group": "Netzwerk", "authority_kind": None, "size_band": None}
    label = str(SIZE_BANDS[band][2])
    kind_label = str(Authority.Kind(kind).label)
    return {"group": f"{kind_label}, {label}", "authority_kind": kind, "size_band": label}


def figure_rows() -> list[dict[str, Any]]:
    groups: dict[tuple[int, int], dict[tuple[str, int], list[float]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for indicator_id, year, value, kind, population in IndicatorValue.objects.values_list(
        "indicator_id", "year", "value", "authority__kind", "authority__population"
    ):
        found = groups[(indicator_id, year)]
        found[NETWORK].append(float(value))
        found[(kind, size_band(population))].append(float(value))
    rows = []
    for indicator in indicators():
        for year in sorted(year for indicator_id, year in groups if indicator_id == indicator.pk):
            version = version_for(indicator, year)
            for (kind, band), values in sorted(groups[(indicator.pk, year)].items()):
                rows.append(
                    {
                        "indicator": indicator.key,
                        "indicator_name": version.name,
                        "unit": str(Indicator.Unit(indicator.unit).label),
                        "level": indicator.level,
                        "year": year,
                        **_group_cells(kind, band),
                        "count": len(values),
                        **figures(values),
                    }
                )
    return rows


def datasets() -> list[OpenDataset]:
    return [
        OpenDataset(
            slug="wirkungskennzahlen",
            title="Wirkungskennzahlen des Netzwerks (zusammengefasst)",
            description=(
                "Kennzahlen der Wirkungsmessung je Indikator und Jahr, zusammengefasst für das "
                "ganze Netzwerk und für Gruppen gleichartiger Kommunen (Art und Größenklasse): "
                "Anzahl der Werte, unteres Quartil, Median und oberes Quartil. Gruppen mit "
                "weniger Werten als der Mindestgruppengröße erhalten keine Kennzahl; Werte "
                "einzelner Kommunen werden nicht veröffentlicht."
            ),
            keywords=("Wirkungsmessung", "Indikatoren", "Kennzahlen", "Engagementförderung"),
            theme="SOCI",
            frequency="ANNUAL",
            temporal_column="year",
            columns=(
                Column("indicator", "Indikator (Schlüssel)", T.STRING, "Kurzname des Indikators"),
                Column(
                    "indicator_name",
                    "Indikator",
                    T.STRING,
                    "Name in der für das Jahr gültigen Definition",
                ),
                Column("unit", "Einheit", T.STRING, "Einheit der Werte"),
                Column(
                    "level",
                    "Ebene",
                    T.STRING,
                    "Ebene im IOOI-Modell: input, output, outcome, impact",
                ),
                Column("year", "Jahr", T.INTEGER, "Jahr der Werte"),
                Column(
                    "group",
                    "Gruppe",
                    T.STRING,
                    "»Netzwerk« oder Art und Größenklasse der Kommunen",
                ),
                Column(
                    "authority_kind",
                    "Art der Kommunen",
                    T.STRING,
                    "Schlüssel der Art; leer für das ganze Netzwerk",
                ),
                Column(
                    "size_band",
                    "Größenklasse",
                    T.STRING,
                    "Einwohnerzahl der Gruppe; leer für das ganze Netzwerk",
                ),
                Column("count", "Anzahl der Werte", T.INTEGER, "Zahl der Kommunen mit einem Wert"),
                Column(
                    "lower_quartile",
                    "Unteres Quartil",
                    T.NUMBER,
                    "Leer, wenn die Gruppe zu klein ist",
                ),
                Column("median", "Median", T.NUMBER, "Leer, wenn die Gruppe zu klein ist"),
                Column(
                    "upper_quartile",
                    "Oberes Quartil",
                    T.NUMBER,
                    "Leer, wenn die Gruppe zu klein ist",
                ),
            ),
            rows=figure_rows,
            order=90,
        )
    ]
