"""Demo data of the Ehrenamtskarte's benefit partners (and a few imported holders).

The demo login akzeptanzstelle@engagiert.example (»Stadtbad Lemgo«, created by `demo_load`)
becomes an approved partner with two locations and three benefits; a few more invented
partners in Lemgo, Dülmen and Arnsberg fill the map, one waits for approval. Every partner is
invented and marked as demo. The Kreis Lippe issues the cards for Lemgo: if no issuer covers
Lemgo yet (the card-apply demo may create the issuers), a minimal one is created here, so the
call order does not matter. Idempotent: a second run changes nothing.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from engagiert.accounts.models import User
from engagiert.registry.models import Authority, Organisation
from engagiert.volunteercard.holders_import import holders_import
from engagiert.volunteercard.models import (
    Benefit,
    BenefitPartner,
    CoveredArea,
    Issuer,
    PartnerLocation,
)
from engagiert.volunteercard.partners import issuer_covering

PARTNER_LOGIN = "akzeptanzstelle@engagiert.example"
LEMGO = "05766044"
KREIS_LIPPE = "05766"

#: (organisation, town AGS, status, description, locations, benefits); a location is
#: (name, street, postcode, lat, lon) – None coordinates: the town's centre; a benefit is
#: (title, category, kind, value, conditions, statewide, location indexes).
PARTNERS: list[tuple[str, str, str, str, list[tuple[Any, ...]], list[tuple[Any, ...]]]] = [
    (
        "Stadtbad Lemgo",
        LEMGO,
        BenefitPartner.Status.APPROVED,
        "Hallenbad mit Sauna und Freibad im Sommer.",
        [
            ("Hallenbad", "Am Stadtbad 1", "32657", Decimal("52.031200"), Decimal("8.895400")),
            ("Freibad", "Badeweg 4", "32657", Decimal("52.021900"), Decimal("8.911300")),
        ],
        [
            ("20 % auf die Tageskarte", "sport", "percent", 20, "", True, [0, 1]),
            (
                "Sauna frei am Ehrenamtstag",
                "health",
                "free_entry",
                None,
                "Jeden ersten Montag im Monat, gegen Vorlage der Karte.",
                True,
                [0],
            ),
            ("2 € Rabatt auf den Schwimmkurs", "sport", "amount", Decimal("2"), "", False, [0]),
        ],
    ),
    (
        "Bücherstube am Markt Lemgo",
        LEMGO,
        BenefitPartner.Status.APPROVED,
        "Buchhandlung in der Altstadt.",
        [("Laden", "Mittelstraße 12", "32657", None, None)],
        [
            (
                "10 % auf Bücher",
                "shopping",
                "percent",
                10,
                "Ausgenommen preisgebundene Schulbücher.",
                True,
                [0],
            )
        ],
    ),
    (
        "Kulturcafé Dülmen",
        "05558016",
        BenefitPartner.Status.APPROVED,
        "Café mit Kleinkunstbühne.",
        [("Café", "Marktstraße 5", "48249", None, None)],
        [
            (
                "Ein Heißgetränk gratis",
                "gastronomy",
                "other",
                None,
                "Einmal pro Besuch.",
                True,
                [0],
            ),
            ("Freier Eintritt zur Lesebühne", "culture", "free_entry", None, "", False, [0]),
        ],
    ),
    (
        "Fahrradwerkstatt Arnsberg",
        "05958004",
        BenefitPartner.Status.APPROVED,
        "Reparatur und Verleih.",
        [("Werkstatt", "Ruhrstraße 20", "59821", None, None)],
        [("15 % auf Leihräder", "mobility", "percent", 15, "", True, [0])],
    ),
    (
        "Musikschule Lippe-Süd",
        LEMGO,
        BenefitPartner.Status.PENDING,
        "Kurse für Kinder und Erwachsene.",
        [("Unterrichtsräume", "Echternstraße 3", "32657", None, None)],
        [("Schnupperstunde frei", "education", "free_entry", None, "", True, [0])],
    ),
]

#: Holders of Kreis Lippe from before the platform, imported like a real office would.
FIRST_NAMES = ["Anna", "Ben", "Clara", "Deniz", "Emil", "Fatma", "Greta", "Hannes", "Ida", "Jonas"]
LAST_NAMES = ["Becker", "Özdemir", "Schäfer", "Krüger", "Nowak", "Hoffmann"]
FIELDS = ["Sport und Bewegung", "Feuerwehr und Rettungsdienste", "Soziales und Pflege", ""]


def _lippe_issuer() -> Issuer:
    """The issuer covering Lemgo, or a minimal Kreis Lippe issuer for all its Gemeinden."""
    lemgo = Authority.objects.get(ags=LEMGO)
    found = issuer_covering(lemgo)
    if found is not None:
        return found
    issuer, _created = Issuer.objects.get_or_create(
        authority_id=KREIS_LIPPE,
        defaults={
            "participating_since": datetime.date(2013, 1, 1),
            "contact_email": "ehrenamtskarte-lippe@engagiert.example",
        },
    )
    covered = set(CoveredArea.objects.values_list("authority_id", flat=True))
    CoveredArea.objects.bulk_create(
        CoveredArea(issuer=issuer, authority=gemeinde)
        for gemeinde in Authority.objects.filter(district_id=KREIS_LIPPE).exclude(ags__in=covered)
    )
    return issuer


def _partner(entry: tuple[Any, ...], account: User | None) -> None:
    name, ags, status, description, locations, benefits = entry
    town = Authority.objects.get(ags=ags)
    organisation, _created = Organisation.objects.get_or_create(
        name=name,
        defaults={
            "kind": Organisation.Kind.BUSINESS,
            "town": town.name,
            "authority": town,
            "is_demo": True,
        },
    )
    if BenefitPartner.objects.filter(organisation=organisation).exists():
        return
    partner = BenefitPartner.objects.create(
        organisation=organisation,
        issuer=issuer_covering(town),
        account=account,
        contact_name=str(account) if account else "Demo-Kontakt",
        contact_email=account.email if account else "kontakt@engagiert.example",
        description=description,
        status=status,
        decided_at=timezone.now() if status == BenefitPartner.Status.APPROVED else None,
        is_demo=True,
    )
    places = [
        PartnerLocation.objects.create(
            partner=partner,
            name=place,
            street=street,
            postcode=postcode,
            authority=town,
            latitude=lat if lat is not None else town.latitude,
            longitude=lon if lon is not None else town.longitude,
            at_municipality_centre=lat is None,
        )
        for place, street, postcode, lat, lon in locations
    ]
    for title, category, kind, value, conditions, statewide, at in benefits:
        benefit = Benefit.objects.create(
            partner=partner,
            title=title,
            category=category,
            kind=kind,
            percent=value if kind == Benefit.Kind.PERCENT else None,
            amount_eur=value if kind == Benefit.Kind.AMOUNT else None,
            conditions=conditions,
            statewide=statewide,
        )
        benefit.locations.set([places[index] for index in at])


def _holders_csv() -> bytes:
    lines = ["Vorname;Nachname;Geburtsjahr;Engagementbereich;gültig ab;gültig bis"]
    for n in range(24):
        first, last = FIRST_NAMES[n % len(FIRST_NAMES)], LAST_NAMES[n % len(LAST_NAMES)]
        start = datetime.date(2016 + n % 9, 1 + n % 12, 1)
        end = "unbefristet" if n % 8 == 0 else f"{start.day:02d}.{start.month:02d}.{start.year + 2}"
        born = 1950 + (n * 7) % 55
        lines.append(f"{first};{last};{born};{FIELDS[n % len(FIELDS)]};{start:%d.%m.%Y};{end}")
    return ("\n".join(lines) + "\n").encode()


@transaction.atomic
def volunteercard_partners_load() -> None:
    """The benefit partners of the demo and the imported holders of Kreis Lippe."""
    issuer = _lippe_issuer()
    account = User.objects.filter(email=PARTNER_LOGIN).first()
    for entry in PARTNERS:
        _partner(entry, account if entry[0] == "Stadtbad Lemgo" else None)
    holders_import(issuer=issuer, data=_holders_csv(), by=None, source="demo")
