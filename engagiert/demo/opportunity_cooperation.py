"""Demo data of corporate volunteering and the cooperation registry (seed 000: how municipalities
promote corporate engagement; mono- and multi-sector networks and their success factors).

An invented business in Kamp-Lintfort offers a Social Day, an invented association there needs
help that fits it, an earlier Social Day is recorded for the municipality's overview, and demo
member towns record their networks. Everything is created with get_or_create, so it runs in any
order and again."""

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.opportunities.models import (
    Cooperation,
    CorporateKind,
    CorporateMatch,
    CorporateNeed,
    CorporateOffer,
    Provider,
)
from engagiert.registry.models import Authority, Organisation, Topic

from .data import DEMO_PASSWORD

KAMP_LINTFORT = "05170020"

#: (name, kind, e-mail of the demo login, first, last, function)
PROVIDERS = [
    (
        "Niederrhein Haustechnik GmbH",
        Organisation.Kind.BUSINESS,
        "unternehmen@engagiert.example",
        "Carsten",
        "Hüsken",
        "Personalleitung",
    ),
    (
        "Bürgergarten Kamp-Lintfort e.V.",
        Organisation.Kind.ASSOCIATION,
        "buergergarten@engagiert.example",
        "Aylin",
        "Demir",
        "Vorstand",
    ),
]

#: (town, name, kind, sectors, purpose, partners, registry partners, since, success factors,
#:  notes, members only)
COOPERATIONS = [
    (
        "Kamp-Lintfort",
        "Unternehmen engagiert in Kamp-Lintfort",
        Cooperation.Kind.MULTI,
        "administration business civil_society",
        "Betriebe, Vereine und Stadtverwaltung bringen Unternehmensengagement zusammen: jährliche "
        "Social Days, Fachwissen für Vereine (Buchhaltung, Webseiten), ein gemeinsamer "
        "Marktplatz für Bedarfe und Angebote.",
        "Wirtschaftsförderung der Stadt\nUnternehmerverband Niederrhein (Demo)\n"
        "Niederrhein Haustechnik GmbH",
        ["Freiwilligenagentur Kamp-Lintfort", "3WIN e.V. – Institut für Bürgergesellschaft"],
        2013,
        "driving_force coordinating_office regular_meetings recognition",
        "Die Koordination Ehrenamt setzt das Thema immer wieder auf die Tagesordnung; die "
        "Freiwilligenagentur vermittelt als unabhängige Stelle zwischen Betrieben und Vereinen.",
        False,
    ),
    (
        "Lemgo",
        "Runder Tisch Engagementförderung Lemgo",
        Cooperation.Kind.MULTI,
        "administration civil_society churches_welfare",
        "Verwaltung, Vereine, Kirchengemeinden und Wohlfahrtsverbände stimmen die "
        "Engagementförderung ab und planen die Anerkennungskultur.",
        "Kirchengemeinden der Stadt\nWohlfahrtsverbände\nSeniorenbeirat",
        [],
        2010,
        "shared_goals clear_roles regular_meetings recognition",
        "Geduld und Anerkennung schon bestehender Strukturen waren wichtiger als neue Gremien.",
        False,
    ),
    (
        "Kreis Siegen-Wittgenstein",
        "Wissenschaft trifft Ehrenamt Siegen-Wittgenstein",
        Cooperation.Kind.MULTI,
        "administration science civil_society",
        "Kreisverwaltung, Hochschule und Vereine messen gemeinsam die Wirkung von Engagement "
        "in den Städten und Gemeinden des Kreises.",
        "Hochschule der Region (Demo)\nKreissportbund",
        [],
        2015,
        "impact intermediary resources",
        "Landkreise haben wegen der regionalen Ausdehnung eigene Herausforderungen; eine "
        "gemeinsame Wirkungsmessung schafft Überblick über die Gemeindegrenzen hinweg.",
        False,
    ),
    (
        "Hemer",
        "Arbeitskreis Bürgerengagement in der Verwaltung Hemer",
        Cooperation.Kind.MONO,
        "administration",
        "Ämter und Fachbereiche verankern das Thema »Bürgerschaftliches Engagement« "
        "verwaltungsintern und ressortübergreifend; Fortbildungen für Führungskräfte.",
        "Fachbereich Soziales\nWirtschaftsförderung\nJugendamt",
        [],
        2014,
        "cross_department driving_force",
        "",
        True,
    ),
]


def _login(email: str, first: str, last: str, organisation: Organisation, function: str) -> None:
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email, DEMO_PASSWORD, first_name=first, last_name=last, is_demo=True
    )
    role_grant(user=user, role=Role.ORGANISATION, organisation=organisation, function=function)


def _providers(town: Authority) -> list[Provider]:
    providers = []
    for name, kind, email, first, last, function in PROVIDERS:
        organisation, _ = Organisation.objects.get_or_create(
            name=name,
            defaults={"kind": kind, "town": town.name, "authority": town, "is_demo": True},
        )
        provider, _ = Provider.objects.get_or_create(
            organisation=organisation,
            defaults={
                "authority": town,
                "status": Provider.Status.VERIFIED,
                "verified_at": timezone.now(),
                "contact_name": f"{first} {last}",
                "contact_email": email,
            },
        )
        _login(email, first, last, organisation, function)
        providers.append(provider)
    return providers


def _topic(name: str) -> Topic:
    return Topic.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]


def _corporate(business: Provider, association: Provider, town: Authority) -> None:
    today = timezone.localdate()
    topic = _topic("Unternehmensengagement")
    offer, created = CorporateOffer.objects.get_or_create(
        provider=business,
        title="Social Day: Azubis und Team packen mit an",
        defaults={
            "kind": CorporateKind.TEAM_DAY,
            "description": "Bis zu zwölf Auszubildende und Beschäftigte helfen einen Tag lang "
            "bei einem Verein in der Stadt: Handwerk, Gartenarbeit, Aufbau. Werkzeug bringen "
            "wir mit.",
            "team_size": 12,
            "available_from": today,
            "available_until": today + datetime.timedelta(days=180),
            "authority": town,
            "radius_km": 15,
            "skills": "Handwerk, Gartenarbeit, Elektrik",
            "is_demo": True,
        },
    )
    if created:
        offer.topics.set([topic])
    need, created = CorporateNeed.objects.get_or_create(
        provider=association,
        title="Hochbeete und Zaun für den Bürgergarten",
        defaults={
            "kind": CorporateKind.TEAM_DAY,
            "description": "Für den Gemeinschaftsgarten suchen wir ein Team, das an einem Tag "
            "sechs Hochbeete baut und den Zaun erneuert. Mittagessen stellt der Verein.",
            "date_from": today + datetime.timedelta(days=45),
            "date_until": today + datetime.timedelta(days=75),
            "people": 8,
            "skills": "Handwerk, Gartenarbeit",
            "authority": town,
            "address": "Am Pumpenhaus",
            "is_demo": True,
        },
    )
    if created:
        need.topics.set([topic])
    _earlier_social_day(business, association, town, today)


def _earlier_social_day(
    business: Provider, association: Provider, town: Authority, today: datetime.date
) -> None:
    """Last spring's Social Day, accepted and recorded: what the officer's overview shows."""
    day = today - datetime.timedelta(days=60)
    offer, _ = CorporateOffer.objects.get_or_create(
        provider=business,
        title="Social Day im Frühjahr",
        defaults={
            "kind": CorporateKind.TEAM_DAY,
            "description": "Ein Tag im Verein statt im Betrieb.",
            "team_size": 10,
            "available_from": day - datetime.timedelta(days=30),
            "available_until": day + datetime.timedelta(days=10),
            "authority": town,
            "is_open": False,
            "is_demo": True,
        },
    )
    need, _ = CorporateNeed.objects.get_or_create(
        provider=association,
        title="Frühjahrsputz im Bürgergarten",
        defaults={
            "kind": CorporateKind.TEAM_DAY,
            "description": "Beete anlegen, Wege ausbessern, Gartenhaus streichen.",
            "date_from": day,
            "date_until": day,
            "people": 10,
            "authority": town,
            "is_open": False,
            "is_demo": True,
        },
    )
    CorporateMatch.objects.get_or_create(
        offer=offer,
        need=need,
        defaults={
            "proposed_by": CorporateMatch.Side.ORGANISATION,
            "message": "Hätten Ihre Azubis Lust auf einen Tag im Bürgergarten?",
            "status": CorporateMatch.Status.ACCEPTED,
            "answered_at": timezone.now() - datetime.timedelta(days=80),
            "answer": "Sehr gern – wir kommen mit zehn Leuten.",
            "engagement_date": day,
            "engagement_people": 10,
            "engagement_hours": Decimal("70.0"),
            "engagement_report": "Sechs Beete angelegt, 40 Meter Weg ausgebessert, das "
            "Gartenhaus gestrichen. Die Lokalzeitung hat berichtet.",
            "is_demo": True,
        },
    )


def _cooperations() -> None:
    towns = {a.name: a for a in Authority.objects.filter(name__in=[c[0] for c in COOPERATIONS])}
    topic = _topic("Unternehmensengagement")
    for (
        town,
        name,
        kind,
        sectors,
        purpose,
        partners,
        registry_partners,
        since,
        factors,
        notes,
        members_only,
    ) in COOPERATIONS:
        if town not in towns:
            continue
        cooperation, created = Cooperation.objects.get_or_create(
            authority=towns[town],
            name=name,
            defaults={
                "kind": kind,
                "sectors": sectors,
                "purpose": purpose,
                "partners": partners,
                "since": since,
                "success_factors": factors,
                "success_notes": notes,
                "contact_name": "Koordination Ehrenamt (Demo)",
                "contact_email": f"netzwerk-{slugify(town)}@engagiert.example",
                "members_only": members_only,
                "is_demo": True,
            },
        )
        if created:
            cooperation.partner_organisations.set(
                Organisation.objects.filter(name__in=registry_partners)
            )
            if "business" in sectors:
                cooperation.topics.set([topic])


def opportunity_cooperation_load() -> list[tuple[str, str, str]]:
    """Load the demo data; returns the demo logins as (e-mail, name, role)."""
    town = Authority.objects.get(ags=KAMP_LINTFORT)
    business, association = _providers(town)
    _corporate(business, association, town)
    _cooperations()
    return [
        (email, f"{first} {last}", f"{Role.ORGANISATION.label} – {name}")
        for name, _kind, email, first, last, _function in PROVIDERS
    ]
