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
