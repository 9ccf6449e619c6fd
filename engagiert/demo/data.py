"""Demo data drawn from the seed documents (German press texts 2012–2023).

Organisations marked REAL are named in the seeds with the role given there. Every person is
invented (is_demo), and so is every organisation marked is_demo.
"""

from typing import Any

from engagiert.accounts.models import Role
from engagiert.registry.models import Organisation

DEMO_PASSWORD = "engagiert-demo"
#: The authenticator key of the demo accounts whose role requires two-factor login (office,
#: card staff): public like the password, so a demo can log in (`load_demo` prints it).
DEMO_TOTP_SECRET = "ENGAGIERTDEMONRWENGAGIERTDEMONRW"

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

# --- Events (C2) ------------------------------------------------------------------------------

#: (name, rule, minimum population)
SEGMENTS = [
    ("Alle Mitglieder", "member_contacts", None),
    ("Große Städte ab 100.000 Einwohnenden", "big_cities", 100_000),
    ("Kreise und Städteregion", "districts", None),
    ("Verwaltungsspitzen", "leaders", None),
    ("Öffentlichkeit", "public", None),
]

FREE_ENGAGEMENT_RESULTS = [
    (
        "Potential",
        "Es gibt bereits viele gute Beispiele in NRW, wo sich Menschen spontan "
        "engagieren und dabei etwas bewegen.",
    ),
    (
        "Motivation",
        "Die Erfahrung, selbst wirksam werden zu können für ein aktuelles "
        "gesellschaftliches Thema, bzw. das eigene Thema voranbringen zu können und damit die eigene "
        "Lebenswelt zu gestalten – diese Gedanken stecken oftmals als Motivation hinter der Übernahme "
        "eines spontanen Engagements.",
    ),
    (
        "Netzwerke",
        "Netzwerke (virtuelle und reale) sind wichtig, um spontanes Engagement "
        "aufzubauen, Engagierte zu gewinnen, Unterstützung zu bekommen.",
    ),
    (
        "Zusammenarbeit mit der Kommune",
        "Die Zusammenarbeit zwischen Kommune und Engagierten "
        "sollte auf Augenhöhe stattfinden. Es braucht einen Ansprechpartner von Seiten der "
        "Verwaltung.",
    ),
    (
        "Strukturen",
        "Ganz ohne Strukturen kommt selbst freies Engagement kaum aus, z.B. wenn es "
        "darum geht, finanzielle Mittel einzuwerben.",
    ),
]

#: Real events from the seeds: title, kind, start, end, venue, address, capacity, organisers,
#: topics, description, results [(title, text)], workshops [(title, room)] with results.
PAST_EVENTS: list[dict[str, Any]] = [
    {
        "title": "Kommunentagung zu sektorübergreifenden Netzwerken und Kooperationen",
        "kind": "exchange",
        "starts": "2012-05-15T10:00",
        "ends": "2012-05-15T16:00",
        "venue": "Köln",
        "address": "",
        "capacity": 20,
        "organisers": ["3WIN e.V. – Institut für Bürgergesellschaft"],
        "topics": ["Unternehmensengagement"],
        "description": "Eintägiger Erfahrungsaustausch im Rahmen der vom MFKJKS geförderten "
        "Initiative »Gemeinsam wirken«: Wie können Kommunen Bürgerengagement und speziell "
        "Unternehmensengagement fördern? Welche mono- und mehrsektoralen Netzwerke gibt es, was "
        "sind ihre Erfolgsfaktoren? 20 Teilnehmende, davon 15 aus zehn Kommunen.",
        "results": [
            (
                "Treibende Kraft",
                "Voraussetzung in allen Kommunen war eine treibende Kraft, die "
                "Engagement immer wieder auf die Tagesordnung setzt – mit Geduld, Anerkennung "
                "bestehender Strukturen und Blick auf langfristige Wirkungen.",
            ),
            (
                "Kein einziger Weg",
                "Es gibt nicht den einen Weg zur Förderung von "
                "Bürgerengagement; Landkreise haben wegen ihrer Ausdehnung besondere "
                "Herausforderungen.",
            ),
            (
                "Fortsetzung",
                "Der Austausch soll fortgesetzt werden – etwa in Runden nur mit "
                "Großstädten oder nur mit Landkreisen.",
            ),
        ],
        "workshops": [],
        "participants": 20,
    },
    {
        "title": "Spitzentreffen des Kommunen-Netzwerks in Düsseldorf",
        "kind": "top_meeting",
        "starts": "2016-06-02T11:00",
        "ends": "2016-06-02T15:00",
        "venue": "Düsseldorf",
        "address": "",
        "capacity": 30,
        "organisers": ["Ministerium für Familie, Kinder, Jugend, Kultur und Sport NRW (MFKJKS)"],
        "topics": ["Engagementstrategie"],
        "description": "Auf Einladung von Staatssekretär Bernd Neuendorf trafen sich Anfang Juni "
        "2016 25 Bürgermeister, Landräte und Beigeordnete zum interkommunalen "
        "Erfahrungsaustausch über die Weiterentwicklung des Netzwerks sowie gemeinsame "
        "Strategien, Leitlinien und politische Grundsätze. (Der genaue Tag ist nicht überliefert; "
        "für die Demo angenommen.)",
        "results": [],
        "workshops": [],
        "participants": 0,
    },
    {
        "title": "Engagementkongress NRW",
        "kind": "congress",
        "starts": "2019-11-09T10:00",
        "ends": "2019-11-09T17:00",
        "venue": "Stadthalle Bad Godesberg",
        "address": "Koblenzer Str. 80, 53177 Bonn",
        "capacity": 200,
        "organisers": ["Ministerium für Familie, Kinder, Jugend, Kultur und Sport NRW (MFKJKS)"],
        "topics": [
            "Engagementstrategie",
            "Sozialer Zusammenhalt und Demokratie",
            "Digitalisierung",
            "Freies Engagement",
        ],
        "description": "Rund 200 Teilnehmende aus Zivilgesellschaft, Verwaltung und Wirtschaft "
        "diskutierten im Plenum und in Workshops: »Entwicklung einer Engagementstrategie NRW«, "
        "»sozialen Zusammenhalt und Demokratie stärken«, »Digitalisierung«. (Das Datum nennt die "
        "Quelle nicht; für die Demo angenommen.)",
        "results": [],
        "workshops": [
            ("Freies Engagement", "Raum 1", FREE_ENGAGEMENT_RESULTS),
            ("Digitalisierung im Engagement", "Raum 2", []),
        ],
        "participants": 0,
    },
    {
        "title": "Herausforderungen in Kommunen – gemeinsam bewältigen",
        "kind": "conference",
        "starts": "2023-05-11T10:00",
        "ends": "2023-05-12T15:00",
        "venue": "Rathaus Kassel",
        "address": "Obere Königsstraße 8, 34117 Kassel",
        "capacity": 100,
        "organisers": ["Bundesnetzwerk Bürgerschaftliches Engagement (BBE)"],
        "topics": ["Sozialer Zusammenhalt und Demokratie"],
        "description": "Zweitägige Fachkonferenz der BBE-Arbeitsgruppe »Bürgerschaftliches "
        "Engagement und Kommune« mit dem Programmbüro der Engagierten Stadt, der "
        "LandesEhrenamtsagentur Hessen, dem Gemeindenetzwerk Bürgerschaftliches Engagement und "
        "der Stadt Kassel; über 80 Teilnehmende. Zu Gast: Prof. Dr. Gesine Schwan.",
        "results": [
            (
                "Kasseler Pakt gegen Armut",
                "»Netzwerke werden geknüpft, aber Pakte werden "
                "geschmiedet«: Kassel gab der Zusammenarbeit mit der Zivilgesellschaft im September "
                "2022 eine verbindlichere Form.",
            ),
            (
                "Keine Blaupause",
                "Auf kommunaler Ebene gibt es keine Blaupause für die Förderung des Engagements.",
            ),
            (
                "Verlässliche Finanzierung",
                "Erfolgreiche Engagementförderung setzt verlässliche "
                "und nachhaltig finanzierte Unterstützung hauptamtlicher Akteure voraus.",
            ),
        ],
        "workshops": [],
        "participants": 0,
    },
]

#: Upcoming events, invented for the demo: (title, kind, days from today, hours, venue,
#: capacity, public, segment, workshops [(title, start offset hours, capacity)])
UPCOMING_EVENTS = [
    (
        "Netzwerktreffen »Engagement digital begleiten«",
        "network_meeting",
        30,
        5,
        "Rathaus Kamp-Lintfort",
        30,
        False,
        "Alle Mitglieder",
        [],
    ),
    ("Online-Sprechstunde Ehrenamtskarte", "online", 12, 1, "", 3, False, "Alle Mitglieder", []),
    (
        "Engagementkongress NRW 2027",
        "congress",
        75,
        7,
        "Stadthalle Bad Godesberg",
        200,
        True,
        "Öffentlichkeit",
        [
            ("Freies Engagement", 1, 30),
            ("Engagement und Unternehmen", 1, 30),
            ("Junge Menschen gewinnen", 1, 30),
            ("Engagementstrategien", 1, 30),
            ("Digitalisierung", 4, 30),
            ("Demokratie stärken", 4, 30),
            ("Wirkung messen", 4, 30),
            ("Ehrenamtskarte vor Ort", 4, 30),
        ],
    ),
    (
        "Spitzentreffen 2027",
        "top_meeting",
        120,
        4,
        "Düsseldorf",
        40,
        False,
        "Verwaltungsspitzen",
        [],
    ),
]

# --- Info-mails (C5) --------------------------------------------------------------------------

#: (subject, days ago, body) – invented for the demo, drawing on the network's topics; {site_url}
#: is the platform's address.
MAILINGS = [
    (
        "Infomail: Engagementförderung im Asyl- und Flüchtlingsbereich",
        40,
        "viele Kommunen erleben gerade, wie spontan Menschen helfen wollen. Im nächsten "
        "**Netzwerktreffen** tauschen wir uns aus, wie Verwaltung freies Engagement begleiten kann, "
        "ohne es zu vereinnahmen.\n\n"
        "- Erfahrungen aus Lünen und Arnsberg\n"
        "- Ansprechpersonen in der Verwaltung benennen\n"
        "- Strukturen schaffen, wo sie helfen\n\n"
        "Alle Veranstaltungen: {site_url}/veranstaltungen/\n\n"
        "(Demo-Infomail)",
    ),
    (
        "Infomail: Handlungsempfehlungen für Engagementverantwortliche",
        12,
        "2015 hat das Netzwerk gemeinsam **Handlungsempfehlungen für Engagementverantwortliche in "
        "Kommunen** erarbeitet. Wir aktualisieren sie und freuen uns über Ihre Praxisbeispiele.\n\n"
        "(Demo-Infomail)",
    ),
]

# --- Development workshop (C3) ----------------------------------------------------------------

#: Cohorts from the seeds: (number, start, end, evaluator, partner note, municipalities, max
#: sites, invented?). The seeds give cohort 1 (2011–2013) and cohort 2 (2014–2015) with their
#: municipalities, cohort 3 »until the end of 2016« (its start after cohort 2 is inferred),
#: cohort 4's call (applications until 30 June 2017; ten more municipalities) and a fifth round
#: of 17 municipalities over 18 months. Who took part in cohorts 4 and 5 and when cohort 5 ran
#: is not in the seeds: those are invented for the demo and marked so. Application texts and
#: teams are not recorded.
COHORT_4 = [
    "Coesfeld",
    "Detmold",
    "Dorsten",
    "Gladbeck",
    "Hamm",
    "Iserlohn",
    "Meschede",
    "Schwerte",
    "Kreis Unna",
    "Warendorf",
]
COHORT_5 = [
    "Attendorn",
    "Bottrop",
    "Brilon",
    "Düren",
    "Euskirchen",
    "Herford",
    "Kleve",
    "Lippstadt",
    "Marl",
    "Minden",
    "Moers",
    "Olsberg",
    "Paderborn",
    "Ratingen",
    "Siegen",
    "Soest",
    "Unna",
]
COHORTS = [
    (
        1,
        "2011-01-01",
        "2013-12-31",
        "Forschungsinstitut Geragogik (FoGera)",
        "",
        COHORT_1,
        10,
        False,
    ),
    (2, "2014-01-01", "2015-12-31", None, "", COHORT_2, 10, False),
    (3, "2015-09-01", "2016-12-31", None, "Bezirksregierung Arnsberg", COHORT_3, 10, False),
    (4, "2017-09-01", "2018-12-31", None, "", COHORT_4, 10, True),
    (5, "2019-03-01", "2020-08-31", None, "", COHORT_5, 17, True),
]
#: The fourth call: applications until 30 June 2017, 18:00 (a working day's end).
FOURTH_CALL = (4, "2017-06-30T18:00")

#: A running demo cohort (invented, marked demo) with its space filled, and a demo open call.
RUNNING_COHORT = 6
RUNNING_SITES = {
    "Lünen": [
        ("Deniz Arslan", "Entwicklungsteam Lünen", "team-luenen@engagiert.example"),
        ("Carla Nowak", "Stadtteilbüro Lünen-Süd", "team2-luenen@engagiert.example"),
    ],
    "Bocholt": [
        ("Felix Terwey", "Stabsstelle Bürgerschaftliches Engagement", "bocholt@engagiert.example"),
        ("Anna Schlüter", "Jugendamt Bocholt", "team2-bocholt@engagiert.example"),
    ],
}
OPEN_CALL_COHORT = 7
OPERATOR_LOGIN = ("ksi@engagiert.example", "Martin", "Küpper", "Katholisch-Soziales Institut (KSI)")
RUNNING_TOPICS = [
    ("Engagementstrategie im Rat verankern", 3),
    ("Junge Menschen für Engagement gewinnen", 2),
    ("Ehrenamtskarte im Kreis einführen", 1),
]
RUNNING_RESOURCES = [
    ("Handlungsempfehlungen für Engagementverantwortliche (2015)", "Strategie, Netzwerk"),
    ("Checkliste Runder Tisch Bürgerengagement", "Beteiligung, Runder Tisch"),
]
RUNNING_FIRST_MINUTES = """\
Protokoll (Demo)

1. Die Teams aus Bocholt und Lünen stellen ihre Ausgangslage vor: Wo ist Engagementförderung \
in der Verwaltung verankert, wer sind die Partner vor Ort?
2. Fachinput des KSI: Engagementstrategien – ein Überblick.
3. Vereinbart: Bis zur zweiten Werkstatt sammelt jedes Team drei Themen für die Workshopreihe."""
FOURTH_CALL_TEXT = "Interessierte Städte, Gemeinden und Kreise können sich bis zum 30. Juni 2017 um die Mitwirkung in der vierten Entwicklungswerkstatt bewerben. Aufgrund der sehr positiven Resonanz erhalten zehn weitere Kommunen die Gelegenheit zur Teilnahme."
OPEN_CALL_TEXT = "Demo-Ausschreibung: Bis zu zehn Kommunen erhalten die Gelegenheit, mit einem zweiköpfigen Entwicklungsteam ihre Engagementstrategie zu entwickeln – in einer Workshopreihe, deren Themen die Teams selbst bestimmen."

# --- Knowledge (C4) ---------------------------------------------------------------------------

#: (kind, title, summary, approach, results, municipality, topics, year, visibility, invented?)
KNOWLEDGE = [
    (
        "documentation",
        "Erfolgsfaktoren sektorübergreifender Netzwerke (Erfahrungsaustausch Köln 2012)",
        "Beim ersten Erfahrungsaustausch der Kommunen in Köln ging es um Bürgerengagement und Unternehmensengagement in mono- und mehrsektoralen Netzwerken.",
        "Vordringlichste Themen waren die Schwierigkeit, Bürgerschaftliches Engagement verwaltungsintern und ressortübergreifend zu etablieren, fehlende kommunale Mittel, die Bedeutung unabhängiger Mittlerstrukturen und der Bedarf nach Wirkungsmessung.",
        "Voraussetzung war überall eine treibende Kraft, die Engagement auf die Tagesordnung setzt, Netzwerke erschließt und Mitstreiter gewinnt – mit Geduld, Anerkennung bestehender Strukturen und Blick auf langfristige Wirkungen.",
        None,
        ["Unternehmensengagement", "Wirkungsmessung"],
        2012,
        "public",
        False,
    ),
    (
        "documentation",
        "Freies Engagement: fünf zentrale Ergebnisse (Engagementkongress)",
        "Spontanes, ungebundenes Engagement gewinnt durch die Flüchtlingshilfe neue Aktualität. Fünf Ergebnisse aus dem Workshop »Freies Engagement«.",
        "Sechs Dialogpartner, die selbst ungebunden engagiert sind, zum Thema forschen, freie Engagements vermitteln oder aus der Kommune darauf schauen, erarbeiteten mit den Teilnehmenden Herausforderungen, Gelingensfaktoren und Handlungsansätze.",
        "Potential: viele gute Beispiele in NRW. Motivation: Selbstwirksamkeit. Netzwerke sind wichtig. Zusammenarbeit mit der Kommune auf Augenhöhe, mit einer Ansprechperson in der Verwaltung. Ganz ohne Strukturen kommt auch freies Engagement kaum aus.",
        None,
        ["Freies Engagement", "Engagement im Asyl- und Flüchtlingsbereich"],
        2019,
        "public",
        False,
    ),
    (
        "practice",
        "Kasseler Pakt gegen Armut",
        "»Netzwerke werden geknüpft, aber Pakte werden geschmiedet«: Die Stadt Kassel gab ihrer Zusammenarbeit mit der Zivilgesellschaft im September 2022 eine verbindlichere Form.",
        "Vernetzung und Kommunikation mit bürgerschaftlich Engagierten als wichtigste Instrumente; Engagierte werden in neue Projekte eingebunden.",
        "Ein verbindlicher Pakt von Stadtverwaltung, Zivilgesellschaft und Wirtschaft gegen Armut.",
        None,
        ["Sozialer Zusammenhalt und Demokratie"],
        2022,
        "public",
        False,
    ),
    (
        "recommendation",
        "Warum eine Engagementstrategie vor Ort für Kommunen wichtig ist",
        "Es geht darum, das bürgerschaftliche Potential einer Stadt zur Entfaltung zu bringen und zu unterstützen. Eine bürgerschaftlich aktive Stadt ist eine lebendige und sozial produktive Stadt. (Hans-Josef Vogel, Bürgermeister Arnsberg)",
        "Eine Stadt, in der viele sich bürgerschaftlich selbst verwirklichen können in Projekten, Initiativen, Gruppen und Vereinen für ihr eigenes Lebensumfeld.",
        "",
        "Arnsberg",
        ["Engagementstrategie"],
        2017,
        "public",
        False,
    ),
    (
        "recommendation",
        "Handlungsempfehlungen für Engagementverantwortliche in Kommunen",
        "2015 erarbeitete das Netzwerk gemeinsam Handlungsempfehlungen für Engagementverantwortliche. (Demo-Zusammenfassung, nur für Mitglieder)",
        "Engagementförderung als Querschnittsaufgabe verankern, eine Ansprechperson benennen, die Ehrenamtskarte einführen, Netzwerke pflegen.",
        "",
        None,
        ["Engagementstrategie", "Ehrenamtskarte"],
        2015,
        "members",
        True,
    ),
]
QUESTION = (
    "Wie gewinnen Sie Unternehmen für Engagement?",
    "Wir suchen Beispiele, wie Kommunen Unternehmensengagement anstoßen – mit welchen Formaten hatten Sie Erfolg? (Demo-Frage)",
)
OFFER = (
    "Arnsberg",
    "Einführung der Ehrenamtskarte begleiten",
    "Wir teilen unsere Erfahrungen mit der Einführung der Ehrenamtskarte und der Zusammenarbeit mit Akzeptanzstellen. (Demo-Angebot)",
    "Fachstelle Zukunft Alter und Engagement, arnsberg@engagiert.example",
    "ein zweistündiges Gespräch",
)
