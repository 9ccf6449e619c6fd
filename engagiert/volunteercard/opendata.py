"""The Ehrenamtskarte as open data: the benefits card holders can use now (of approved
partners, as the public benefit list shows them) and the issuing authorities. Nothing of
applications or cards; of a partner only its name, website and the towns of its locations —
no contact person, no address of a person."""

from typing import Any

from django.db.models import Count

from engagiert.core.extensions import Column, ColumnType, OpenDataset

from .models import Issuer
from .partner_queries import with_partner_and_places
from .statistics import current_benefits

T = ColumnType


def benefit_rows() -> list[dict[str, Any]]:
    rows = []
    for benefit in with_partner_and_places(current_benefits()).order_by("pk"):
        places = {(loc.authority_id, loc.authority.name) for loc in benefit.locations.all()}
        rows.append(
            {
                "id": benefit.pk,
                "partner": benefit.partner.name,
                "partner_website": benefit.partner.organisation.website or None,
                "title": benefit.title,
                "category": benefit.category,
                "category_label": str(benefit.get_category_display()),
                "kind": benefit.kind,
                "value": str(benefit.value_label),
                "percent": benefit.percent,
                "amount_eur": benefit.amount_eur,
                "conditions": benefit.conditions,
                "valid_from": benefit.valid_from,
                "valid_until": benefit.valid_until,
                "statewide": benefit.statewide,
                "ags": "; ".join(sorted(ags for ags, _name in places)),
                "municipalities": "; ".join(sorted(name for _ags, name in places)),
            }
        )
    return rows


def issuer_rows() -> list[dict[str, Any]]:
    issuers = (
        Issuer.objects.select_related("authority")
        .annotate(covered=Count("area"))
        .order_by("authority_id")
    )
    return [
        {
            "ags": issuer.authority_id,
            "name": issuer.authority.name,
            "kind_label": str(issuer.authority.get_kind_display()),
            "participating_since": issuer.participating_since,
            "validity_years": issuer.validity_years,
            "covered_municipalities": issuer.covered,
            "is_active": issuer.is_active,
        }
        for issuer in issuers
    ]


def datasets() -> list[OpenDataset]:
    return [
        OpenDataset(
            slug="ehrenamtskarte-vorteile",
            title="Vergünstigungen für Inhaberinnen und Inhaber der Ehrenamtskarte NRW",
            description=(
                "Die zurzeit gültigen Vergünstigungen der freigegebenen Akzeptanzstellen: "
                "Akzeptanzstelle, Kategorie, Art und Höhe des Vorteils, Bedingungen, "
                "Gültigkeit und die Kommunen der Standorte."
            ),
            keywords=("Ehrenamtskarte", "Vergünstigungen", "Akzeptanzstellen", "Anerkennung"),
            theme="SOCI",
            columns=(
                Column("id", "Nummer", T.INTEGER, "Nummer der Vergünstigung"),
                Column("partner", "Akzeptanzstelle", T.STRING, "Name der Akzeptanzstelle"),
                Column("partner_website", "Website", ColumnType.URL, "Website der Akzeptanzstelle"),
                Column("title", "Titel", T.STRING, "Titel der Vergünstigung"),
                Column(
                    "category",
                    "Kategorie (Schlüssel)",
                    T.STRING,
                    "culture, sport, education, gastronomy, mobility, health, shopping oder other",
                ),
                Column("category_label", "Kategorie", T.STRING, "Kategorie in Worten"),
                Column(
                    "kind",
                    "Art (Schlüssel)",
                    T.STRING,
                    "percent, amount, free_entry oder other",
                ),
                Column(
                    "value",
                    "Vorteil",
                    T.STRING,
                    "Der Vorteil auf einen Blick, z. B. »20 % Rabatt«",
                ),
                Column("percent", "Prozent", T.INTEGER, "Rabatt in Prozent (Art percent)"),
                Column("amount_eur", "Betrag in Euro", T.NUMBER, "Rabatt in Euro (Art amount)"),
                Column("conditions", "Bedingungen", T.STRING, "Bedingungen der Vergünstigung"),
                Column("valid_from", "Gültig ab", T.DATE, "Beginn, wenn begrenzt"),
                Column("valid_until", "Gültig bis", T.DATE, "Ende, wenn begrenzt"),
                Column(
                    "statewide",
                    "Landesweit",
                    T.BOOLEAN,
                    "Für Inhaberinnen und Inhaber jeder "
                    "Karte in NRW (sonst nur der Karte der ausgebenden Kommune)",
                ),
                Column(
                    "ags",
                    "AGS der Standorte",
                    T.STRING,
                    "Amtliche Gemeindeschlüssel, durch »; « getrennt",
                ),
                Column(
                    "municipalities",
                    "Kommunen der Standorte",
                    T.STRING,
                    "Namen, durch »; « getrennt",
                ),
            ),
            rows=benefit_rows,
            order=60,
        ),
        OpenDataset(
            slug="ehrenamtskarte-ausgabestellen",
            title="Ausgebende Kommunen der Ehrenamtskarte NRW",
            description=(
                "Die Kommunen und Kreise, die die Ehrenamtskarte NRW ausgeben, mit Beginn der "
                "Teilnahme, Gültigkeitsdauer der Karte und Zahl der versorgten Gemeinden. Die "
                "Zahl der Zeilen ist die Zahl der ausgebenden Stellen."
            ),
            keywords=("Ehrenamtskarte", "Kommunen", "Anerkennungskultur"),
            theme="GOVE",
            temporal_column="participating_since",
            columns=(
                Column(
                    "ags",
                    "AGS",
                    T.STRING,
                    "Amtlicher Gemeindeschlüssel der ausgebenden Stelle",
                ),
                Column("name", "Name", T.STRING, "Name der ausgebenden Kommune oder des Kreises"),
                Column("kind_label", "Art", T.STRING, "Art der Gebietskörperschaft"),
                Column("participating_since", "Teilnahme seit", T.DATE, "Beginn der Teilnahme"),
                Column(
                    "validity_years",
                    "Gültigkeit in Jahren",
                    T.INTEGER,
                    "Wie lange eine Standardkarte gilt",
                ),
                Column(
                    "covered_municipalities",
                    "Versorgte Gemeinden",
                    T.INTEGER,
                    "Zahl der Gemeinden, deren Engagierte hier ihre Karte erhalten",
                ),
                Column("is_active", "Gibt aus", T.BOOLEAN, "Gibt zurzeit Karten aus"),
            ),
            rows=issuer_rows,
            order=70,
        ),
    ]
