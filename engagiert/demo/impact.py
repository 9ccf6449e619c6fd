"""Demo impact figures: manual values of four member towns for 2023–2026, past years frozen,
measures of three of them on the impact ladder, with evidence and goals, and the
self-assessment of 2026 (answers of the member towns among them).

The figures are invented but plausible for towns of their size (budget for engagement
promotion, staff in full-time equivalents, a volunteer agency); the automatic indicators come
from the other demo data through the yearly snapshot. The measures are of the kinds the
network's members run (a volunteer exchange, a recognition evening, the Ehrenamtskarte).
"""

import datetime
from decimal import Decimal

from engagiert.impact import assessment_queries
from engagiert.impact.assessment_services import Answer, questionnaire_create, response_save
from engagiert.impact.measure_services import evidence_add, goal_set, measure_create
from engagiert.impact.models import AssessmentQuestion, Indicator, Measure, Questionnaire, Snapshot
from engagiert.impact.queries import indicators, members_in_year
from engagiert.impact.services import snapshot_take, values_enter
from engagiert.registry.models import Authority, Topic

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


#: Town → measures: (title, topic, start year, published, target groups, description,
#: indicator keys, evidence as (stage, kind, text, value, unit, date, source)).
MEASURES: dict[str, list[tuple]] = {
    "Kamp-Lintfort": [
        (
            "Ehrenamtsbörse Kamp-Lintfort",
            "Freies Engagement",
            2014,
            True,
            "Bürgerinnen und Bürger, die sich engagieren wollen; Vereine und Initiativen",
            "Zweimal im Jahr stellen Vereine und Initiativen im Rathausfoyer ihre "
            "Engagementmöglichkeiten vor; die Stabsstelle vermittelt Interessierte weiter.",
            ["budget-engagement", "opportunities-filled"],
            [
                (
                    1,
                    "figure",
                    "Börsen im Jahr durchgeführt (Frühjahr und Herbst)",
                    "2",
                    "Börsen",
                    "2025-10-11",
                    "Stabsstelle Bürgerengagement",
                ),
                (
                    2,
                    "figure",
                    "Besucherinnen und Besucher der Herbstbörse",
                    "340",
                    "Personen",
                    "2025-10-11",
                    "Zählung am Eingang",
                ),
                (
                    3,
                    "figure",
                    "Vermittlungen in Vereine innerhalb von drei Monaten nach der Börse",
                    "57",
                    "Vermittlungen",
                    "2026-01-15",
                    "Rückmeldungen der Vereine",
                ),
                (
                    4,
                    "survey",
                    "Befragte, die nun mindestens ein Engagementangebot in ihrer Nähe kennen",
                    "78",
                    "%",
                    "2026-02-20",
                    "Online-Befragung der Börsenbesuchenden (n = 112)",
                ),
            ],
        ),
        (
            "Anerkennungsabend für Ehrenamtliche",
            "Engagementstrategie",
            2013,
            False,
            "Ehrenamtlich Engagierte aus Vereinen, Kirchengemeinden und Initiativen",
            "Jährlicher Dankeschön-Abend der Bürgermeisterin mit Ehrungen und Kulturprogramm.",
            [],
            [
                (
                    1,
                    "observation",
                    "Abend mit Ehrungen, Musikschule und Buffet fand wie geplant "
                    "in der Stadthalle statt",
                    None,
                    "",
                    "2025-11-28",
                    "Stabsstelle",
                ),
                (
                    2,
                    "figure",
                    "Gäste aus 46 Vereinen und Initiativen",
                    "180",
                    "Gäste",
                    "2025-11-28",
                    "Anmeldeliste",
                ),
            ],
        ),
    ],
    "Arnsberg": [
        (
            "Ehrenamtskarte Arnsberg",
            "Ehrenamtskarte",
            2009,
            True,
            "Engagierte mit mindestens fünf Stunden in der Woche oder 250 Stunden im Jahr",
            "Die Ehrenamtskarte NRW wird über die Fachstelle Zukunft Alter und Engagement "
            "ausgegeben; Arnsberger Betriebe und Einrichtungen gewähren Vergünstigungen.",
            ["cards-per-1000", "budget-engagement"],
            [
                (
                    1,
                    "observation",
                    "Ausgabe laufend über die Fachstelle, Sprechzeiten zweimal wöchentlich",
                    None,
                    "",
                    "2025-01-31",
                    "Fachstelle Zukunft Alter und Engagement",
                ),
                (
                    2,
                    "figure",
                    "Gültige Ehrenamtskarten am Jahresende",
                    "610",
                    "Karten",
                    "2025-12-31",
                    "Kartenverwaltung",
                ),
                (
                    3,
                    "figure",
                    "Akzeptanzstellen in Arnsberg",
                    "45",
                    "Akzeptanzstellen",
                    "2025-12-31",
                    "Akzeptanzstellenverzeichnis",
                ),
                (
                    5,
                    "survey",
                    "Karteninhabende, die sich seit Erhalt der Karte mehr Stunden engagieren",
                    "31",
                    "%",
                    "2025-06-30",
                    "Befragung der Karteninhabenden 2025 (n = 204)",
                ),
            ],
        ),
        (
            "Engagementlotsen für Ältere",
            "Demografischer Wandel",
            2016,
            False,
            "Menschen nach dem Berufsleben, die ein Engagement suchen",
            "Geschulte Lotsinnen und Lotsen begleiten Ältere in ein passendes Engagement.",
            [],
            [
                (
                    1,
                    "figure",
                    "Schulungsreihe für neue Lotsinnen und Lotsen",
                    "6",
                    "Termine",
                    "2025-05-15",
                    "Fachstelle",
                ),
                (
                    2,
                    "figure",
                    "Begleitete Seniorinnen und Senioren",
                    "74",
                    "Personen",
                    "2025-12-31",
                    "Jahresbericht der Fachstelle",
                ),
                (
                    3,
                    "observation",
                    "Die meisten Begleiteten sind nach einem halben Jahr weiter "
                    "in ihrem Engagement",
                    None,
                    "",
                    "2026-03-01",
                    "Nachgespräche",
                ),
            ],
        ),
    ],
    "Dülmen": [
        (
            "Beratungssprechstunde der Freiwilligenagentur",
            "Freies Engagement",
            2025,
            True,
            "Engagementinteressierte jeden Alters",
            "Seit 2025 berät die neue Freiwilligenagentur wöchentlich im Stadtteilbüro.",
            ["volunteer-agency", "opportunities-filled"],
            [
                (
                    1,
                    "figure",
                    "Sprechstunden im ersten Jahr",
                    "48",
                    "Sprechstunden",
                    "2025-12-31",
                    "Freiwilligenagentur",
                ),
                (
                    2,
                    "figure",
                    "Beratungsgespräche im ersten Jahr",
                    "112",
                    "Gespräche",
                    "2025-12-31",
                    "Freiwilligenagentur",
                ),
            ],
        ),
        (
            "Jugend engagiert sich – Schulprojekt",
            "Junge Menschen",
            2026,
            False,
            "Schülerinnen und Schüler der Klassen 8 bis 10",
            "Engagement-Projektwoche mit zwei Dülmener Schulen und örtlichen Vereinen.",
            [],
            [
                (
                    1,
                    "observation",
                    "Projektwoche an der Gesamtschule vorbereitet und begonnen",
                    None,
                    "",
                    "2026-03-20",
                    "Schulsozialarbeit",
                ),
            ],
        ),
    ],
}

#: Town → goals: (indicator key, year, target).
GOALS: dict[str, list[tuple[str, int, str]]] = {
    "Kamp-Lintfort": [("budget-engagement", 2027, "28000"), ("staff-fte", 2026, "2.0")],
    "Arnsberg": [("budget-engagement", 2025, "50000"), ("staff-fte", 2026, "3.0")],
    "Dülmen": [("volunteer-agency", 2025, "1"), ("budget-engagement", 2026, "30000")],
}


def measures_load(towns: dict[str, Authority]) -> None:
    """The towns' measures with evidence, and their goals (a measure already there is kept)."""
    by_key = {indicator.key: indicator for indicator in indicators()}
    for name, measures in MEASURES.items():
        authority = towns[name]
        existing = set(Measure.objects.filter(authority=authority).values_list("title", flat=True))
        for title, topic, start, published, groups, text, keys, evidence in measures:
            if title in existing:
                continue
            measure = measure_create(
                authority=authority,
                data={
                    "title": title,
                    "description": text,
                    "target_groups": groups,
                    "topic": Topic.objects.filter(name=topic).first(),
                    "start_year": start,
                    "end_year": None,
                    "indicators": [by_key[key] for key in keys if key in by_key],
                    "is_published": published,
                },
            )
            for stage, kind, what, value, unit, date, source in evidence:
                evidence_add(
                    measure=measure,
                    data={
                        "stage": stage,
                        "kind": kind,
                        "text": what,
                        "value": None if value is None else Decimal(value),
                        "unit": unit,
                        "date": datetime.date.fromisoformat(date),
                        "source": source,
                    },
                )
        for key, year, target in GOALS[name]:
            goal_set(authority=authority, indicator=by_key[key], year=year, target=Decimal(target))


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
    measures_load(towns)
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
