"""Demo impact figures: manual values of four member towns for 2023–2026, past years frozen,
and the self-assessment of 2026 (answers of the member towns among them).

The figures are invented but plausible for towns of their size (budget for engagement
promotion, staff in full-time equivalents, a volunteer agency); the automatic indicators come
from the other demo data through the yearly snapshot.
"""

import datetime
from decimal import Decimal

from engagiert.impact import assessment_queries
from engagiert.impact.assessment_services import Answer, questionnaire_create, response_save
from engagiert.impact.models import AssessmentQuestion, Indicator, Questionnaire, Snapshot
from engagiert.impact.queries import indicators, members_in_year
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
    assessment_load(towns)
    frozen = set(Snapshot.objects.values_list("year", flat=True))
    for year in YEARS[:-1]:
        if year not in frozen:
            snapshot_take(year=year)


#: Town → (submitted, answers by the start of the question's text: yes/no 1/0, scale point,
#: number or free text). Arnsberg's staff answer differs from the value it entered (a conflict
#: to decide); Kamp-Lintfort has a draft. Towns that are not members in the demo are left out.
ASSESSMENT: dict[str, tuple[bool, dict[str, str]]] = {
    "Kamp-Lintfort": (False, {"Gibt es eine Anlaufstelle": "1", "Engagierte werden": "4"}),
    "Arnsberg": (
        True,
        {
            "Gibt es eine Anlaufstelle": "1",
            "Gibt es eine Freiwilligenagentur": "1",
            "Wie viele Stellenanteile": "2.0",
            "Engagementförderung ist in den Fachbereichen": "5",
            "Es gibt eine vom Rat": "5",
            "Engagierte werden": "5",
            "Was hat sich": "Die Ehrenamtskarte mit Vorteilen bei örtlichen Betrieben.",
        },
    ),
    "Dülmen": (
        True,
        {
            "Gibt es eine Anlaufstelle": "1",
            "Gibt es eine Freiwilligenagentur": "1",
            "Wie viele Stellenanteile": "1.2",
            "Engagementförderung ist in den Fachbereichen": "3",
            "Es gibt eine vom Rat": "2",
            "Engagierte werden": "4",
            "Was hat sich": "Der Ehrenamtsempfang im Rathaus mit Vereinen aus allen Ortsteilen.",
        },
    ),
    "Bocholt": (
        True,
        {
            "Gibt es eine Anlaufstelle": "1",
            "Gibt es eine Freiwilligenagentur": "1",
            "Wie viele Stellenanteile": "2.0",
            "Engagementförderung ist in den Fachbereichen": "4",
            "Es gibt eine vom Rat": "3",
            "Engagierte werden": "3",
            "Was hat sich": "",
        },
    ),
}


def assessment_load(towns: dict[str, Authority]) -> None:
    """The self-assessment of the last demo year with the towns' answers (once)."""
    year = YEARS[-1]
    if Questionnaire.objects.filter(year=year).exists():
        return
    questionnaire = questionnaire_create(
        year=year, opens_on=datetime.date(year, 3, 1), closes_on=datetime.date(year, 12, 31)
    )
    questions = assessment_queries.questions(questionnaire)
    members = set(members_in_year(year).values_list("pk", flat=True))
    for name, (submit, given) in ASSESSMENT.items():
        if towns[name].pk not in members:
            continue
        answers: dict[AssessmentQuestion, Answer] = {}
        for start, answer in given.items():
            question = next(q for q in questions if q.text.startswith(start))
            is_text = question.kind == question.Kind.TEXT
            answers[question] = (None, answer) if is_text else (Decimal(answer), "")
        response_save(
            questionnaire=questionnaire,
            authority=towns[name],
            answers=answers,
            submit=submit,
            today=questionnaire.opens_on,
        )
