"""The network's first self-assessment questionnaire: what a new year starts from when there is
no earlier questionnaire to copy.

Sections: structures, engagement promotion as a cross-cutting task, the culture of recognition.
A question linked to a manual indicator (by its key) turns its answer into that indicator's
value for the year.
"""

AGREEMENT = (
    "trifft gar nicht zu\ntrifft eher nicht zu\nteils, teils\ntrifft eher zu\ntrifft voll zu"
)

# section → (question, kind, explanation, unit, scale labels, indicator key)
QUESTIONS: dict[str, list[tuple[str, str, str, str, str, str]]] = {
    "Strukturen": [
        (
            "Gibt es eine Anlaufstelle für Engagement in der Verwaltung?",
            "yes_no",
            "Eine benannte Stelle, an die sich Engagierte und Vereine wenden können.",
            "",
            "",
            "",
        ),
        (
            "Gibt es eine Freiwilligenagentur?",
            "yes_no",
            "Kommunal oder in freier Trägerschaft, am 31.12. des Jahres.",
            "",
            "",
            "volunteer-agency",
        ),
        (
            "Wie viele Stellenanteile hat die Verwaltung für Engagementförderung?",
            "number",
            "Am 31.12. des Jahres, eine Nachkommastelle.",
            "Vollzeitäquivalente",
            "",
            "staff-fte",
        ),
    ],
    "Engagementförderung als Querschnittsaufgabe": [
        (
            "Engagementförderung ist in den Fachbereichen der Verwaltung verankert.",
            "scale",
            "",
            "",
            AGREEMENT,
            "",
        ),
        (
            "Es gibt eine vom Rat beschlossene Engagementstrategie.",
            "scale",
            "",
            "",
            AGREEMENT,
            "",
        ),
    ],
    "Anerkennungskultur": [
        (
            "Engagierte werden in unserer Kommune sichtbar gewürdigt.",
            "scale",
            "Zum Beispiel durch einen Anerkennungsabend, Ehrungen oder die Ehrenamtskarte.",
            "",
            AGREEMENT,
            "",
        ),
        (
            "Was hat sich in diesem Jahr bei der Anerkennung bewährt?",
            "text",
            "Ein, zwei Sätze genügen; nur die Geschäftsstelle liest die Antworten.",
            "",
            "",
            "",
        ),
    ],
}
