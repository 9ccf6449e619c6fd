"""Demo data of free engagement (C7): verified providers in Kamp-Lintfort and Arnsberg with
opportunities drawn from the seeds (refugee help, sport, culture, older people), a provider
waiting for verification, and some interest shown, accepted or still unanswered.

The demo login verein@engagiert.example acts for the (invented) Freiwilligenagentur
Kamp-Lintfort; freiwilligenagentur@engagiert.example gets an invented agency in Arnsberg.
"""

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.text import slugify

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.opportunities.models import Interest, Opportunity, Provider
from engagiert.registry.models import Authority, Organisation, Topic

from .data import DEMO_PASSWORD

if TYPE_CHECKING:
    from .services import DemoLogin

Kind = Organisation.Kind
REFUGEES = "Engagement im Asyl- und Flüchtlingsbereich"
OLDER = "Demografischer Wandel"
YOUNG = "Junge Menschen"
COHESION = "Sozialer Zusammenhalt und Demokratie"
SPORT = "Sport und Bewegung"
CULTURE = "Kultur"

#: (organisation, kind, AGS, status, contact, e-mail, municipal contact, description)
PROVIDERS = [
    (
        "Freiwilligenagentur Kamp-Lintfort",
        Kind.VOLUNTEER_AGENCY,
        "05170020",
        Provider.Status.VERIFIED,
        "Tobias Wellmann",
        "verein@engagiert.example",
        "Stabsstelle Bürgerschaftliches Engagement",
        "",
    ),
    (
        "TuS Kamp-Lintfort 1920 e.V. (Demo)",
        Kind.ASSOCIATION,
        "05170020",
        Provider.Status.VERIFIED,
        "Heike Brandt",
        "tus-kamp-lintfort@engagiert.example",
        "Stabsstelle Bürgerschaftliches Engagement",
        "Breitensportverein mit Turnen, Fußball und Schwimmen; erfunden für die Demo.",
    ),
    (
        "Nachbarschaftsinitiative Kamp-Lintfort Ost (Demo)",
        Kind.INITIATIVE,
        "05170020",
        Provider.Status.PENDING,
        "Murat Yılmaz",
        "nachbarschaft-ost@engagiert.example",
        "",
        "Nachbarn helfen Nachbarn: Einkäufe, Feste, ein offener Treff; erfunden für die Demo.",
    ),
    (
        "Freiwilligenagentur Arnsberg (Demo)",
        Kind.VOLUNTEER_AGENCY,
        "05958004",
        Provider.Status.VERIFIED,
        "Claudia Menge",
        "freiwilligenagentur@engagiert.example",
        "Fachstelle Engagementförderung",
        "Vermittelt freiwilliges Engagement in Arnsberg; erfunden für die Demo.",
    ),
]

#: (organisation, title, topic, schedule, hours, weekdays, weekends, evenings, skills,
#:  requirements, remote, description)
OPPORTUNITIES = [
    (
        "Freiwilligenagentur Kamp-Lintfort",
        "Sprachpatenschaft für geflüchtete Familien",
        REFUGEES,
        Opportunity.Schedule.REGULAR,
        "2",
        False,
        False,
        True,
        "Deutsch, Arabisch, Ukrainisch, Geduld",
        "",
        False,
        "Einmal in der Woche mit einer Familie Deutsch üben, Briefe gemeinsam lesen und den "
        "Alltag in der neuen Stadt erklären. Wir bereiten Sie in einem Abendkurs vor.",
    ),
    (
        "Freiwilligenagentur Kamp-Lintfort",
        "Begleitung zu Ämtern und Arztterminen",
        REFUGEES,
        Opportunity.Schedule.ONE_OFF,
        None,
        True,
        False,
        False,
        "Deutsch, Führerschein",
        "",
        False,
        "Spontan helfen, wenn eine Begleitung gebraucht wird: zum Ausländeramt, zur Kinderärztin, "
        "zur Schulanmeldung. Sie sagen zu, wenn es passt – ohne feste Verpflichtung.",
    ),
    (
        "Freiwilligenagentur Kamp-Lintfort",
        "Einkaufshilfe für ältere Nachbarinnen und Nachbarn",
        OLDER,
        Opportunity.Schedule.REGULAR,
        "1.5",
        True,
        False,
        False,
        "Führerschein",
        "",
        False,
        "Einmal pro Woche für oder mit älteren Menschen einkaufen gehen, die nicht mehr gut zu "
        "Fuß sind. Zeit für ein Gespräch gehört dazu.",
    ),
    (
        "Freiwilligenagentur Kamp-Lintfort",
        "Lesepatin oder Lesepate in der Grundschule",
        YOUNG,
        Opportunity.Schedule.REGULAR,
        "1",
        True,
        False,
        False,
        "Vorlesen",
        "Erweitertes Führungszeugnis",
        False,
        "Kindern der zweiten Klasse vorlesen und mit ihnen lesen, einmal in der Woche vormittags.",
    ),
    (
        "TuS Kamp-Lintfort 1920 e.V. (Demo)",
        "Übungsleitung Kinderturnen",
        SPORT,
        Opportunity.Schedule.REGULAR,
        "3",
        False,
        False,
        True,
        "Sport, Erste Hilfe",
        "Erweitertes Führungszeugnis; eine Übungsleiterlizenz finanzieren wir",
        False,
        "Zwei Turnstunden in der Woche für Kinder von 4 bis 8 Jahren, gemeinsam mit einer "
        "erfahrenen Trainerin.",
    ),
    (
        "TuS Kamp-Lintfort 1920 e.V. (Demo)",
        "Helferteam beim Stadtlauf",
        SPORT,
        Opportunity.Schedule.ONE_OFF,
        None,
        False,
        True,
        False,
        "",
        "",
        False,
        "Am Samstag des Stadtlaufs Startnummern ausgeben, Getränke reichen und die Strecke "
        "sichern – ein Tag, der Spaß macht.",
    ),
    (
        "Freiwilligenagentur Arnsberg (Demo)",
        "Digital-Patenschaft für Seniorinnen und Senioren",
        OLDER,
        Opportunity.Schedule.REGULAR,
        "2",
        True,
        False,
        False,
        "Smartphone, Geduld",
        "",
        False,
        "Älteren Menschen im Quartierstreff zeigen, wie Videotelefonie, Online-Banking und der "
        "digitale Fahrplan gehen.",
    ),
    (
        "Freiwilligenagentur Arnsberg (Demo)",
        "Kulturbegleitung: gemeinsam ins Theater",
        CULTURE,
        Opportunity.Schedule.REGULAR,
        "3",
        False,
        True,
        True,
        "",
        "",
        False,
        "Menschen, die nicht allein ausgehen mögen, zu Konzerten, ins Theater oder ins Museum "
        "begleiten. Die Karten für Begleitpersonen sind frei.",
    ),
    (
        "Freiwilligenagentur Arnsberg (Demo)",
        "Online-Lernhilfe für Jugendliche",
        YOUNG,
        Opportunity.Schedule.REGULAR,
        "1",
        False,
        False,
        True,
        "Mathematik, Englisch",
        "",
        True,
        "Schülerinnen und Schülern der Klassen 5 bis 10 per Video bei den Hausaufgaben helfen.",
    ),
    (
        "Freiwilligenagentur Arnsberg (Demo)",
        "Mitarbeit im Repair-Café",
        COHESION,
        Opportunity.Schedule.REGULAR,
        "3",
        False,
        True,
        False,
        "Handwerk, Elektrik, Nähen",
        "",
        False,
        "Einmal im Monat am Samstag gemeinsam Toaster, Fahrräder und Kleidung reparieren – "
        "und dabei Nachbarn kennenlernen.",
    ),
]

#: (opportunity, name, e-mail, status, message)
INTERESTS = [
    (
        "Sprachpatenschaft für geflüchtete Familien",
        "Jana Kowalski",
        "jana.kowalski@example.org",
        Interest.Status.ACCEPTED,
        "Ich spreche Polnisch und etwas Ukrainisch und habe dienstags Zeit.",
    ),
    (
        "Begleitung zu Ämtern und Arztterminen",
        "Peter Hoffmann",
        "peter.hoffmann@example.org",
        Interest.Status.NEW,
        "Ich bin Rentner und habe ein Auto.",
    ),
    (
        "Übungsleitung Kinderturnen",
        "Lena Schulte",
        "lena.schulte@example.org",
        Interest.Status.IN_CONTACT,
        "Ich studiere Sport auf Lehramt.",
    ),
    (
        "Kulturbegleitung: gemeinsam ins Theater",
        "Ahmad Rahimi",
        "ahmad.rahimi@example.org",
        Interest.Status.NEW,
        "Ich gehe selbst gern ins Theater.",
    ),
]


def opportunities_load() -> list["DemoLogin"]:
    """Providers, opportunities and interest; returns the agency login of Arnsberg."""
    from .services import DemoLogin  # the loader imports this module (no cycle at import)

    topics = {}
    for name in (REFUGEES, OLDER, YOUNG, COHESION, SPORT, CULTURE):
        topics[name], _created = Topic.objects.get_or_create(
            name=name, defaults={"slug": slugify(name)}
        )
    places = Authority.objects.in_bulk([entry[2] for entry in PROVIDERS])
    providers = {}
    for name, kind, ags, provider_status, contact, email, municipal, description in PROVIDERS:
        authority = places[ags]
        organisation, _created = Organisation.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "town": authority.name,
                "authority": authority,
                "description": description,
                "is_demo": True,
            },
        )
        providers[name], _created = Provider.objects.get_or_create(
            organisation=organisation,
            defaults={
                "authority": authority,
                "status": provider_status,
                "verified_at": (
                    timezone.now() if provider_status == Provider.Status.VERIFIED else None
                ),
                "contact_name": contact,
                "contact_email": email,
                "municipal_contact_name": municipal,
            },
        )
    today = timezone.localdate()
    by_title = {}
    for n, entry in enumerate(OPPORTUNITIES):
        (owner, title, topic, schedule, hours, weekdays, weekends, evenings, skills,
         requirements, remote, description) = entry  # fmt: skip
        provider = providers[owner]
        by_title[title], _created = Opportunity.objects.get_or_create(
            provider=provider,
            title=title,
            defaults={
                "description": description,
                "topic": topics[topic],
                "authority": provider.authority,
                # Spread around the town's centre (about a kilometre), so the map is not a dot.
                "latitude": float(provider.authority.latitude) + (n % 3 - 1) * 0.008,
                "longitude": float(provider.authority.longitude) + (n % 4 - 1.5) * 0.008,
                "schedule": schedule,
                "hours_per_week": Decimal(hours) if hours else None,
                "on_weekdays": weekdays,
                "on_weekends": weekends,
                "in_evenings": evenings,
                "starts_on": today - datetime.timedelta(days=30),
                "skills": skills,
                "requirements": requirements,
                "remote_possible": remote,
                "languages": "Deutsch",
                "contact_name": provider.contact_name,
                "contact_email": provider.contact_email,
                "is_demo": True,
            },
        )
    for title, name, email, status, message in INTERESTS:
        Interest.objects.get_or_create(
            opportunity=by_title[title],
            email=email,
            defaults={
                "name": name,
                "status": status,
                "message": message,
                "answered_at": timezone.now() if status == Interest.Status.ACCEPTED else None,
            },
        )
    email = "freiwilligenagentur@engagiert.example"
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email, DEMO_PASSWORD, first_name="Claudia", last_name="Menge", is_demo=True
    )
    agency = providers["Freiwilligenagentur Arnsberg (Demo)"].organisation
    role_grant(user=user, role=Role.ORGANISATION, organisation=agency, function="Leitung")
    return [DemoLogin(email, "Claudia Menge", f"{Role.ORGANISATION.label} – {agency}")]
