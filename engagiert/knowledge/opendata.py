"""Public knowledge items as open data: published, not merged into another, visible to
everyone. Members-only items, questions and answers and the contact field are not in it."""

from typing import Any

from engagiert.core.extensions import Column, ColumnType, OpenDataset
from engagiert.core.site import absolute_url

from .queries import items

T = ColumnType


def item_rows() -> list[dict[str, Any]]:
    return [
        {
            "id": item.pk,
            "kind": item.kind,
            "kind_label": str(item.get_kind_display()),
            "title": item.title,
            "summary": item.summary,
            "topics": "; ".join(sorted(topic.name for topic in item.topics.all())),
            "ags": item.authority_id,
            "municipality": item.authority.name if item.authority else None,
            "year": item.year,
            "published": item.created_at.date(),
            "url": absolute_url(item.get_absolute_url()),
        }
        for item in items(members=False).order_by("created_at", "pk")
    ]


def datasets() -> list[OpenDataset]:
    return [
        OpenDataset(
            slug="wissen",
            title="Praxisbeispiele und Wissen aus dem Netzwerk",
            description=(
                "Öffentliche Praxisbeispiele, Empfehlungen, Lernmaterialien und "
                "Veranstaltungsdokumentationen der Wissensdatenbank mit Thema, Kommune, Jahr "
                "und Adresse. Nur für Mitglieder freigegebene Beiträge sind nicht enthalten."
            ),
            keywords=("Praxisbeispiele", "Wissen", "Engagementförderung", "Kommunen"),
            theme="SOCI",
            temporal_column="published",
            columns=(
                Column("id", "Nummer", T.INTEGER, "Nummer des Beitrags"),
                Column(
                    "kind",
                    "Art (Schlüssel)",
                    T.STRING,
                    "practice, recommendation, resource oder documentation",
                ),
                Column("kind_label", "Art", T.STRING, "Art des Beitrags in Worten"),
                Column("title", "Titel", T.STRING, "Titel des Beitrags"),
                Column("summary", "In Kürze", T.STRING, "Zusammenfassung"),
                Column("topics", "Themen", T.STRING, "Themen, durch »; « getrennt"),
                Column(
                    "ags",
                    "AGS",
                    T.STRING,
                    "Amtlicher Gemeindeschlüssel der beschreibenden Kommune",
                ),
                Column("municipality", "Kommune", T.STRING, "Name der Kommune"),
                Column("year", "Jahr", T.INTEGER, "Jahr, auf das sich der Beitrag bezieht"),
                Column("published", "Veröffentlicht", T.DATE, "Tag der Veröffentlichung"),
                Column("url", "Seite", T.URL, "Seite des Beitrags"),
            ),
            rows=item_rows,
            order=50,
        )
    ]
