"""Demo impact figures: manual values of four member towns for 2023–2026, past years frozen.

The figures are invented but plausible for towns of their size (budget for engagement
promotion, staff in full-time equivalents, a volunteer agency); the automatic indicators come
from the other demo data through the yearly snapshot.
"""

from decimal import Decimal

from engagiert.impact.models import Indicator, Snapshot
from engagiert.impact.queries import indicators
from engagiert.impact.services import snapshot_take, values_enter
from engagiert.registry.models import Authority

YEARS = (2023, 2024, 2025, 2026)

#: Town → per year (budget in euro, staff in FTE, volunteer agency yes/no).
MANUAL_VALUES: dict[str, tuple[tuple[int, str, bool], ...]] = {
    "Kamp-Lintfort": (
        (18_000, "1.0", True),
        (21_500, "1.0", True),
        (24_000, "1.5", True),
        (24_000, "1.5", True),
    ),
    "Arnsberg": (
        (45_000, "2.0", True),
        (47_500, "2.0", True),
        (52_000, "2.5", True),
        (50_000, "2.5", True),
    ),
    "Dülmen": (
        (22_000, "1.0", False),
        (22_000, "1.0", False),
        (26_500, "1.2", True),
        (27_500, "1.2", True),
    ),
    "Bocholt": (
        (38_000, "1.5", True),
        (39_500, "1.5", True),
        (41_000, "2.0", True),
        (41_000, "2.0", True),
    ),
}


def impact_load() -> None:
    """Enter the towns' manual values and freeze the past years (safe to run again)."""
    manual = {i.key: i for i in indicators(source=Indicator.Source.MANUAL)}
    towns = {
        town.name: town
        for town in Authority.objects.filter(
            name__in=MANUAL_VALUES, kind__in=Authority.MUNICIPAL_KINDS
        )
    }
    for name, rows in MANUAL_VALUES.items():
        for year, (budget, staff, agency) in zip(YEARS, rows, strict=True):
            values_enter(
                authority=towns[name],
                year=year,
                values={
                    manual["budget-engagement"]: Decimal(budget),
                    manual["staff-fte"]: Decimal(staff),
                    manual["volunteer-agency"]: Decimal(int(agency)),
                },
            )
    frozen = set(Snapshot.objects.values_list("year", flat=True))
    for year in YEARS[:-1]:
        if year not in frozen:
            snapshot_take(year=year)
