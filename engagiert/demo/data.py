"""Demo data drawn from the seed documents (German press texts 2012–2023).

Organisations marked REAL are named in the seeds with the role given there. Every person is
invented (is_demo), and so is every organisation marked is_demo.
"""

from engagiert.accounts.models import Role
from engagiert.registry.models import Organisation

DEMO_PASSWORD = "engagiert-demo"

Kind = Organisation.Kind

#: (name, kind, town, authority key, website, description, invented?)
ORGANISATIONS = [
    (
        "FSI Forum für soziale Innovation gGmbH",
        Kind.INSTITUTE,
        "Solingen",
        "05122000",
        "",
        "Begleitet das »Kommunen-Netzwerk: engagiert in NRW« (Netzwerkbegleitung).",
        False,
    ),
    (
        "Katholisch-Soziales Institut (KSI)",
        Kind.INSTITUTE,
        "Bad Honnef",
        "05382008",
        "",
        "Träger der Entwicklungswerkstatt für kommunale Engagementstrategien (EWS).",
        False,
    ),
    (
        "Forschungsinstitut Geragogik (FoGera)",
        Kind.INSTITUTE,
        "Witten",
        "05954036",
        "",
        "Wissenschaftliche Begleitung der ersten Entwicklungswerkstatt 2011–2013.",
        False,
    ),
    (
        "3WIN e.V. – Institut für Bürgergesellschaft",
        Kind.INSTITUTE,
        "Köln",
        "05315000",
        "",
        "Lud am 15. Mai 2012 zum ersten Erfahrungsaustausch der Kommunen nach Köln ein.",
        False,
    ),
    (
        "Städtetag Nordrhein-Westfalen",
        Kind.UMBRELLA,
        "Köln",
        "05315000",
        "",
        "Kommunaler Spitzenverband; Erstunterzeichner der Gemeinsamen Erklärung 2012.",
        False,
    ),
    (
        "Landkreistag Nordrhein-Westfalen",
        Kind.UMBRELLA,
        "Düsseldorf",
        "05111000",
        "",
        "Kommunaler Spitzenverband; Erstunterzeichner der Gemeinsamen Erklärung 2012.",
        False,
    ),
    (
        "Städte- und Gemeindebund Nordrhein-Westfalen",
        Kind.UMBRELLA,
        "Düsseldorf",
        "05111000",
        "",
        "Kommunaler Spitzenverband; Erstunterzeichner der Gemeinsamen Erklärung 2012.",
        False,
    ),
    (
        "Ministerium für Familie, Kinder, Jugend, Kultur und Sport NRW (MFKJKS)",
        Kind.MINISTRY,
        "Düsseldorf",
        "05111000",
        "",
        "Förderte Netzwerk und Entwicklungswerkstatt; die Ministerin unterzeichnete 2012.",
        False,
    ),
    (
        "Bundesnetzwerk Bürgerschaftliches Engagement (BBE)",
        Kind.NETWORK,
        "Berlin",
        None,
        "",
        "Richtete 2023 mit Partnern die Fachkonferenz »Herausforderungen in Kommunen – gemeinsam "
        "bewältigen« in Kassel aus.",
        False,
    ),
    (
        "Freiwilligenagentur Kamp-Lintfort",
        Kind.VOLUNTEER_AGENCY,
        "Kamp-Lintfort",
        "05170020",
        "",
        "Erfundene Freiwilligenagentur für die Demo.",
        True,
    ),
    (
        "Stadtbad Lemgo",
        Kind.BUSINESS,
        "Lemgo",
        "05766044",
        "",
        "Erfundene Akzeptanzstelle der Ehrenamtskarte für die Demo.",
        True,
    ),
]

#: (e-mail, first name, last name, role, authority key, organisation name, function)
PEOPLE = [
    ("buero@engagiert.example", "Petra", "Hollmann", Role.OFFICE, None, None, "Netzwerkbüro"),
    (
        "kamp-lintfort@engagiert.example",
        "Jonas",
        "Terhoeven",
        Role.OFFICER,
        "05170020",
        None,
        "Ansprechperson Bürgerschaftliches Engagement",
    ),
    (
        "arnsberg@engagiert.example",
        "Miriam",
        "Schulte-Vogel",
        Role.OFFICER,
        "05958004",
        None,
        "Fachstelle Zukunft Alter und Engagement",
    ),
    (
        "team-luenen@engagiert.example",
        "Deniz",
        "Arslan",
        Role.DEVELOPMENT_TEAM,
        "05978024",
        None,
        "Entwicklungsteam Lünen",
    ),
    (
        "buergermeisterin-menden@engagiert.example",
        "Sabine",
        "Krämer",
        Role.LEADER,
        "05962040",
        None,
        "Bürgermeisterin",
    ),
    (
        "verein@engagiert.example",
        "Tobias",
        "Wellmann",
        Role.ORGANISATION,
        None,
        "Freiwilligenagentur Kamp-Lintfort",
        "Koordination",
    ),
    ("freiwillige@engagiert.example", "Lea", "Brinkmann", Role.VOLUNTEER, None, None, ""),
    (
        "akzeptanzstelle@engagiert.example",
        "Ömer",
        "Yılmaz",
        Role.BENEFIT_PARTNER,
        None,
        "Stadtbad Lemgo",
        "Kassenleitung",
    ),
]

# --- The network (C1) -------------------------------------------------------------------------
# The seeds name the members: the municipalities of the first three development-workshop
# cohorts, the partner municipalities Arnsberg, Essen and Rheine, and the Regierungsbezirk
# Arnsberg (37 members in 2017). They give the waves only as numbers (10 in December 2012,
# 26 more and the Regierungsbezirk in 2015/2016). Which municipality signed in which wave is
# inferred (cohort 1 first, cohort 2 and the partners in 2015, cohort 3 in 2016), so those
# signatures are marked demo; three members are invented to reach the stated 26.

COHORT_1 = [
    "Bonn",
    "Burbach",
    "Emsdetten",
    "Hemer",
    "Kamp-Lintfort",
    "Lemgo",
    "Kreis Lippe",
    "Mönchengladbach",
    "Oberhausen",
    "Solingen",
]
COHORT_2 = [
    "Alsdorf",
    "Beckum",
    "Bergheim",
    "Hagen",
    "Hellenthal",
    "Kirchlengern",
    "Lünen",
    "Nieheim",
    "Velbert",
    "Witten",
]
COHORT_3 = [
    "Ahlen",
    "Bad Berleburg",
    "Bergkamen",
    "Finnentrop",
    "Kirchhundem",
    "Menden (Sauerland)",
    "Kreis Olpe",
    "Senden",
    "Kreis Siegen-Wittgenstein",
    "Sprockhövel",
]
PARTNER_MUNICIPALITIES = ["Arnsberg", "Essen", "Rheine"]
INVENTED_MEMBERS = ["Gütersloh", "Wuppertal", "Herten"]

DECLARATION_TITLE = "Zukunftsfaktor Bürgerengagement – Gemeinsam und vernetzt handeln"
DECLARATION_TEXT = """\
Zusammenfassung für die Demo – der unterzeichnete Originaltext liegt dem Netzwerkbüro als PDF vor.

Die unterzeichnenden Städte, Gemeinden und Kreise, die kommunalen Spitzenverbände und das Land \
Nordrhein-Westfalen verstehen bürgerschaftliches Engagement als Zukunftsfaktor für lebendige \
Kommunen. Sie wollen lokale Engagementstrukturen stärken und die Engagementförderung vor Ort \
strategisch ausrichten.

Dazu arbeiten sie im »Kommunen-Netzwerk: engagiert in NRW« zusammen: Sie tauschen Strategien, \
Handlungsansätze und Praxisbeispiele kollegial aus, treffen sich regelmäßig zu thematischen \
Netzwerktreffen und verankern die Förderung des Engagements als Querschnittsaufgabe in ihren \
Verwaltungen."""

#: (number, date, precision, occasion, place, members, organisations)
WAVES = [
    (
        1,
        "2012-12-01",
        "month",
        "Erstunterzeichnung",
        "",
        COHORT_1,
        [
            "Städtetag Nordrhein-Westfalen",
            "Landkreistag Nordrhein-Westfalen",
            "Städte- und Gemeindebund Nordrhein-Westfalen",
            "Ministerium für Familie, Kinder, Jugend, Kultur und Sport NRW (MFKJKS)",
        ],
    ),
    (2, "2015-01-01", "year", "Zweitunterzeichnung", "", COHORT_2 + PARTNER_MUNICIPALITIES, []),
    (
        3,
        "2016-01-01",
        "year",
        "Drittunterzeichnung",
        "",
        COHORT_3 + ["Regierungsbezirk Arnsberg"] + INVENTED_MEMBERS,
        [],
    ),
]

TOPICS = [
    "Demografischer Wandel",
    "Junge Menschen",
    "Unternehmensengagement",
    "Engagement im Asyl- und Flüchtlingsbereich",
    "Digitalisierung",
    "Sozialer Zusammenhalt und Demokratie",
    "Freies Engagement",
    "Engagementstrategie",
    "Ehrenamtskarte",
    "Wirkungsmessung",
]

#: (organisation, role, since, until, note)
PARTNERSHIPS = [
    (
        "FSI Forum für soziale Innovation gGmbH",
        "facilitator",
        None,
        None,
        "Begleitet das Kommunen-Netzwerk.",
    ),
    (
        "Katholisch-Soziales Institut (KSI)",
        "workshop_operator",
        2011,
        None,
        "Träger der Entwicklungswerkstatt für kommunale Engagementstrategien.",
    ),
    (
        "Forschungsinstitut Geragogik (FoGera)",
        "evaluator",
        2011,
        2013,
        "Wissenschaftliche Begleitung der Pilotphase der Entwicklungswerkstatt.",
    ),
    ("Städtetag Nordrhein-Westfalen", "umbrella", 2012, None, ""),
    ("Landkreistag Nordrhein-Westfalen", "umbrella", 2012, None, ""),
    ("Städte- und Gemeindebund Nordrhein-Westfalen", "umbrella", 2012, None, ""),
    (
        "Ministerium für Familie, Kinder, Jugend, Kultur und Sport NRW (MFKJKS)",
        "ministry",
        2011,
        None,
        "Fördert die Entwicklungswerkstatt und das Netzwerk.",
    ),
    (
        "Bundesnetzwerk Bürgerschaftliches Engagement (BBE)",
        "federal_network",
        None,
        None,
        "AG »Bürgerschaftliches Engagement und Kommune«.",
    ),
    (
        "3WIN e.V. – Institut für Bürgergesellschaft",
        "other",
        2012,
        None,
        "Erster Erfahrungsaustausch der Kommunen am 15. Mai 2012 in Köln.",
    ),
]

#: Invented profiles (marked demo): municipality → (staff unit, round table, agency, card,
#: card since, topics, strategy, contact (name, function, phone, e-mail))
PROFILES = {
    "Kamp-Lintfort": (
        True,
        True,
        True,
        "participating",
        2012,
        ["Unternehmensengagement", "Junge Menschen"],
        "Engagementförderung ist als Stabsstelle beim Bürgermeister verankert.",
        (
            "Jonas Terhoeven",
            "Ansprechperson Bürgerschaftliches Engagement",
            "02842 912-0",
            "kamp-lintfort@engagiert.example",
        ),
    ),
    "Arnsberg": (
        True,
        False,
        True,
        "participating",
        2009,
        ["Demografischer Wandel", "Engagementstrategie"],
        "Fachstelle Zukunft Alter; Engagement ist Teil der Stadtentwicklung.",
        (
            "Miriam Schulte-Vogel",
            "Fachstelle Zukunft Alter und Engagement",
            "02932 201-0",
            "arnsberg@engagiert.example",
        ),
    ),
    "Lünen": (
        False,
        True,
        True,
        "participating",
        2014,
        ["Engagement im Asyl- und Flüchtlingsbereich", "Freies Engagement"],
        "",
        None,
    ),
    "Bonn": (
        True,
        True,
        True,
        "participating",
        2010,
        ["Digitalisierung", "Wirkungsmessung"],
        "",
        None,
    ),
    "Lemgo": (False, True, False, "planned", None, ["Demografischer Wandel"], "", None),
    "Kreis Lippe": (True, False, False, "participating", 2011, ["Engagementstrategie"], "", None),
    "Menden (Sauerland)": (
        False,
        True,
        True,
        "participating",
        2015,
        ["Sozialer Zusammenhalt und Demokratie"],
        "",
        None,
    ),
}

#: Non-members used to show the application workflow (both invented, marked demo).
APPLICANT_OFFICER = (
    "duelmen@engagiert.example",
    "Hannah",
    "Westhues",
    "Dülmen",
    "Koordination Ehrenamt",
)
OPEN_APPLICATION = (
    "bocholt@engagiert.example",
    "Felix",
    "Terwey",
    "Bocholt",
    "Stabsstelle Bürgerschaftliches Engagement",
)
