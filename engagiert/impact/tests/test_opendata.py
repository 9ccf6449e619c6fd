"""The open impact figures: aggregates of groups large enough, never one municipality's value."""

from decimal import Decimal

import pytest

from engagiert.impact.opendata import figure_rows
from engagiert.registry.tests.factories import AuthorityFactory

from .factories import IndicatorFactory, IndicatorValueFactory


def _values(indicator, values, *, kind="stadt", population=30_000, year=2025):
    for value in values:
        authority = AuthorityFactory(kind=kind, population=population)
        IndicatorValueFactory(
            indicator=indicator, authority=authority, year=year, value=Decimal(value)
        )


def _row(rows, group):
    [row] = [row for row in rows if row["group"] == group]
    return row


GROUP = "Stadt (kreisangehörig), 20.000 bis 50.000 Einwohner"


@pytest.mark.django_db
def test_a_group_of_four_gets_its_count_but_no_figure():
    indicator = IndicatorFactory(key="budget")
    _values(indicator, ["10", "20", "30", "40"])

    row = _row(figure_rows(), GROUP)

    assert row["count"] == 4
    assert (row["lower_quartile"], row["median"], row["upper_quartile"]) == (None, None, None)


@pytest.mark.django_db
def test_a_group_of_five_gets_median_and_quartiles():
    indicator = IndicatorFactory(key="budget")
    _values(indicator, ["3", "1", "4", "1", "5"])  # sorted 1 1 3 4 5

    row = _row(figure_rows(), GROUP)

    assert row["count"] == 5
    assert (row["lower_quartile"], row["median"], row["upper_quartile"]) == (1.0, 3.0, 4.0)


@pytest.mark.django_db
def test_quartiles_interpolate_and_the_network_spans_every_group(settings):
    indicator = IndicatorFactory(key="budget")
    _values(indicator, ["1", "2", "3", "4", "5", "10"])
    _values(indicator, ["7", "7"], kind="gemeinde", population=8_000)

    rows = figure_rows()

    # Inclusive method: position (n - 1) · p, between the neighbours.
    row = _row(rows, GROUP)
    assert (row["lower_quartile"], row["median"], row["upper_quartile"]) == (2.25, 3.5, 4.75)
    network = _row(rows, "Netzwerk")
    assert network["count"] == 8
    assert network["median"] == 4.5
    assert _row(rows, "Gemeinde, unter 20.000 Einwohner")["median"] is None
    settings.OPENDATA_MIN_GROUP_SIZE = 2
    assert _row(figure_rows(), "Gemeinde, unter 20.000 Einwohner")["median"] == 7.0


@pytest.mark.django_db
def test_no_row_names_a_municipality():
    indicator = IndicatorFactory(key="budget")
    _values(indicator, ["1", "2", "3", "4", "5"])

    text = repr(figure_rows())

    assert "Musterstadt" not in text
    assert "059" not in text
