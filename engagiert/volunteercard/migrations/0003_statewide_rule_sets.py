"""The statewide criteria of the Ehrenamtskarte NRW, both versions."""

import datetime
from decimal import Decimal

from django.db import migrations

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


def seed(apps, schema_editor):
    RuleSet = apps.get_model("volunteercard", "RuleSet")
    for data in RULE_SETS:
        RuleSet.objects.update_or_create(valid_from=data["valid_from"], defaults=data)


def unseed(apps, schema_editor):
    RuleSet = apps.get_model("volunteercard", "RuleSet")
    RuleSet.objects.filter(valid_from__in=[data["valid_from"] for data in RULE_SETS]).delete()


class Migration(migrations.Migration):
    dependencies = [("volunteercard", "0002_engagement_reminders_sent")]

    operations = [migrations.RunPython(seed, unseed)]
