"""Reference data of the impact app: the network's first indicator catalogue (NRW) — inputs,
outputs, outcomes, impact.

It is created after `migrate` (a `post_migrate` receiver) when the catalogue is empty, so a new
installation starts with it, the office's later edits are never overwritten, and a test database
flushed by a transactional test gets it back as Django's own reference data does. Automatic
indicators name the `indicator_providers` key of the app that computes them; an indicator whose
app is not installed shows »Quelle derzeit nicht verfügbar«.
"""

from typing import Any

from django.apps import apps as installed_apps

VALID_FROM = 2020

# key, level, higher is better, source, provider key, unit, name, definition, named source
CATALOGUE = [
    (
        "budget-engagement",
        "input",
        True,
        "manual",
        "",
        "euro",
        "Budget für Engagementförderung",
        "Im Haushaltsjahr für die Förderung bürgerschaftlichen Engagements bereitgestellte Mittel "
        "(Sach- und Zuschussmittel ohne Personalkosten), in Euro.",
        "",
    ),
    (
        "staff-fte",
        "input",
        True,
        "manual",
        "",
        "fte",
        "Personal für Engagementförderung",
        "Stellenanteile der Verwaltung für Engagementförderung am 31.12. des Jahres, in "
        "Vollzeitäquivalenten (eine Nachkommastelle).",
        "",
    ),
    (
        "volunteer-agency",
        "input",
        True,
        "manual",
        "",
        "yes_no",
        "Freiwilligenagentur vorhanden",
        "Am 31.12. des Jahres gibt es in der Kommune eine Freiwilligenagentur oder "
        "Ehrenamtsbörse (kommunal oder in freier Trägerschaft).",
        "",
    ),
    (
        "network-member",
        "input",
        True,
        "automatic",
        "membership.member",
        "yes_no",
        "Mitglied im Netzwerk",
        "Die Kommune war im Jahr Mitglied des Kommunen-Netzwerks engagiert in NRW.",
        "",
    ),
    (
        "membership-years",
        "input",
        True,
        "automatic",
        "membership.years_of_membership",
        "years",
        "Jahre der Mitgliedschaft",
        "Volle Jahre der Mitgliedschaft im Netzwerk am 31.12. des Jahres.",
        "",
    ),
    (
        "event-participations",
        "output",
        True,
        "automatic",
        "events.participations",
        "count",
        "Teilnahmen an Netzwerkveranstaltungen",
        "Bestätigte Anmeldungen der Kommune zu Veranstaltungen des Netzwerks, die im Jahr "
        "begannen.",
        "",
    ),
    (
        "workshop-participation",
        "output",
        True,
        "automatic",
        "workshop.participation",
        "count",
        "Teilnahme an der Entwicklungswerkstatt",
        "Ausgewählte Teams der Kommune in Durchgängen der Entwicklungswerkstatt, die im Jahr "
        "liefen.",
        "",
    ),
    (
        "practice-examples",
        "output",
        True,
        "automatic",
        "knowledge.practice_examples",
        "count",
        "Geteilte Praxisbeispiele",
        "Im Jahr veröffentlichte Praxisbeispiele der Kommune in der Wissensdatenbank.",
        "",
    ),
    (
        "questions-answered",
        "output",
        True,
        "automatic",
        "knowledge.questions_answered",
        "count",
        "Beantwortete Fragen",
        "Antworten der Kommune im kollegialen Austausch, die im Jahr gegeben wurden.",
        "",
    ),
    (
        "cards-per-1000",
        "outcome",
        True,
        "automatic",
        "volunteercard.cards_per_thousand",
        "per_1000",
        "Gültige Ehrenamtskarten je 1.000 Einwohner",
        "Am 31.12. des Jahres gültige Ehrenamtskarten NRW je 1.000 Einwohnerinnen und Einwohner.",
        "",
    ),
    (
        "opportunities-filled",
        "outcome",
        True,
        "automatic",
        "opportunities.placements",
        "count",
        "Besetzte Engagementangebote",
        "Im Jahr besetzte Plätze in Engagementangeboten und Schichten in der Kommune.",
        "",
    ),
    (
        "hours-confirmed",
        "outcome",
        True,
        "automatic",
        "opportunities.confirmed_hours",
        "count",
        "Bestätigte Engagementstunden",
        "Im Jahr von Organisationen bestätigte Stunden freiwilligen Engagements in der Kommune.",
        "",
    ),
    (
        "engagement-rate",
        "impact",
        True,
        "external",
        "",
        "percent",
        "Engagementquote",
        "Anteil der Bevölkerung ab 14 Jahren, der freiwillig engagiert ist, in Prozent.",
        "Deutscher Freiwilligensurvey (BMFSFJ / Deutsches Zentrum für Altersfragen)",
    ),
]


def catalogue_seed(**kwargs: Any) -> None:
    """Create the first catalogue if there is none (the `post_migrate` receiver)."""
    apps = kwargs.get("apps") or installed_apps
    Indicator = apps.get_model("impact", "Indicator")
    IndicatorVersion = apps.get_model("impact", "IndicatorVersion")
    if Indicator.objects.exists():
        return
    # Bulk writes: reference data, not somebody's change for the audit log.
    indicators = Indicator.objects.bulk_create(
        Indicator(
            key=key,
            level=level,
            higher_is_better=higher,
            source=source,
            provider_key=provider,
            unit=unit,
            position=position * 10,
        )
        for position, (key, level, higher, source, provider, unit, *_) in enumerate(
            CATALOGUE, start=1
        )
    )
    IndicatorVersion.objects.bulk_create(
        IndicatorVersion(
            indicator=indicator,
            number=1,
            valid_from=VALID_FROM,
            name=name,
            definition=definition,
            source_name=source_name,
        )
        for indicator, (*_, name, definition, source_name) in zip(
            indicators, CATALOGUE, strict=True
        )
    )
