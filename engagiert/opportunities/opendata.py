"""Public engagement opportunities as open data: open, of a verified provider, not ended (as
`public_opportunities` defines them). No contact person, no interests of volunteers."""

from typing import Any

from engagiert.core.extensions import Column, ColumnType, OpenDataset
from engagiert.core.site import absolute_url

from .queries import public_opportunities, with_details

T = ColumnType


def opportunity_rows() -> list[dict[str, Any]]:
    return [
        {
            "id": opportunity.pk,
            "title": opportunity.title,
            "provider": opportunity.provider.organisation.name,
            "topic": opportunity.topic.name,
            "ags": opportunity.authority_id,
            "municipality": opportunity.authority.name,
            "status": opportunity.status,
            "schedule": opportunity.schedule,
            "hours_per_week": opportunity.hours_per_week,
            "starts_on": opportunity.starts_on,
            "ends_on": opportunity.ends_on,
            "remote_possible": opportunity.remote_possible,
            "url": absolute_url(opportunity.get_absolute_url()),
        }
        for opportunity in with_details(public_opportunities()).order_by("pk")
    ]


def datasets() -> list[OpenDataset]:
    return [
        OpenDataset(
            slug="engagementangebote",
            title="Engagementangebote",
            description=(
                "Offene Engagementangebote geprüfter Organisationen in den Kommunen: Titel, "
                "Organisation, Thema, Kommune, Umfang und Zeitraum. Ohne Ansprechpersonen."
            ),
            keywords=("Ehrenamt", "Engagementangebote", "Freiwilligenarbeit", "Mitmachen"),
            theme="SOCI",
            columns=(
                Column("id", "Nummer", T.INTEGER, "Nummer des Angebots"),
                Column("title", "Titel", T.STRING, "Titel des Angebots"),
                Column("provider", "Organisation", T.STRING, "Anbietende Organisation"),
                Column("topic", "Thema", T.STRING, "Thema des Angebots"),
                Column("ags", "AGS", T.STRING, "Amtlicher Gemeindeschlüssel der Kommune"),
                Column(
                    "municipality",
                    "Kommune",
                    T.STRING,
                    "Kommune, in der das Engagement stattfindet",
                ),
                Column("status", "Stand", T.STRING, "open (offen)"),
                Column(
                    "schedule",
                    "Rhythmus",
                    T.STRING,
                    "one_off (einmalig) oder regular (regelmäßig)",
                ),
                Column("hours_per_week", "Stunden pro Woche", T.NUMBER, "Ungefährer Umfang"),
                Column("starts_on", "Ab", T.DATE, "Beginn, wenn festgelegt"),
                Column("ends_on", "Bis", T.DATE, "Ende, wenn festgelegt"),
                Column(
                    "remote_possible",
                    "Von zu Hause möglich",
                    T.BOOLEAN,
                    "Auch von zu Hause aus möglich",
                ),
                Column("url", "Seite", T.URL, "Seite des Angebots"),
            ),
            rows=opportunity_rows,
            order=80,
        )
    ]
