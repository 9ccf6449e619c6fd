"""Reference data of the Ehrenamtskarte: the statewide criteria of NRW, both versions.

Created after `migrate` (a `post_migrate` receiver) when there is no rule set yet: a new
installation starts with the real rules, later changes by the office are never overwritten, and a
test database flushed by a transactional test gets them back.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.apps import apps as installed_apps

SOURCE = "Land NRW, Kriterien der Ehrenamtskarte NRW (engagiert-in-nrw.de/ehrenamtskarte)"

RULE_SETS = [
    {
        "name": "Ehrenamtskarte NRW bis 25.01.2026",
        "valid_from": datetime.date(2008, 1, 1),
        "hours_per_week": Decimal("5.0"),
        "hours_per_year": 250,
        "allowance_allowed": False,
        "allowance_max_eur": None,
        "juleica_exempts_hours": True,
        "jubilee_years": 25,
        "source": SOURCE + ": durchschnittlich 5 Stunden pro Woche oder 250 Stunden im Jahr, "
        "keine pauschale Aufwandsentschädigung über den Auslagenersatz hinaus",
    },
    {
        "name": "Ehrenamtskarte NRW ab 26.01.2026",
        "valid_from": datetime.date(2026, 1, 26),
        "hours_per_week": Decimal("4.0"),
        "hours_per_year": 200,
        "allowance_allowed": True,
        "allowance_max_eur": Decimal("3300.00"),
        "juleica_exempts_hours": True,
        "jubilee_years": 25,
        "source": SOURCE + ": durchschnittlich 4 Stunden pro Woche oder 200 Stunden im Jahr; "
        "Aufwandsentschädigung bis zur Ehrenamtspauschale (960 €/Jahr) oder "
        "Übungsleiterpauschale (3.300 €/Jahr) zulässig",
    },
]


def rule_sets_seed(**kwargs: Any) -> None:
    """Create the statewide rule sets if there are none (the `post_migrate` receiver)."""
    apps = kwargs.get("apps") or installed_apps
    RuleSet = apps.get_model("volunteercard", "RuleSet")
    if not RuleSet.objects.exists():
        RuleSet.objects.bulk_create(RuleSet(**data) for data in RULE_SETS)
