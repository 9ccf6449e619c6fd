"""The events as open data: every published or cancelled event (drafts are not public), with
its dates, place and format. No participants, no registration figures, no meeting link (that
is for registered participants only)."""

from typing import Any

from django.utils import timezone

from engagiert.core.extensions import Column, ColumnType, OpenDataset
from engagiert.core.site import absolute_url

from .models import Event

T = ColumnType


def event_rows() -> list[dict[str, Any]]:
    events = (
        Event.objects.exclude(status=Event.Status.DRAFT)
        .prefetch_related("topics", "organisers")
        .order_by("starts_at", "pk")
    )
    return [
        {
            "id": event.pk,
            "title": event.title,
            "kind": event.kind,
            "kind_label": str(event.get_kind_display()),
            "status": event.status,
            "starts_at": timezone.localtime(event.starts_at),
            "ends_at": timezone.localtime(event.ends_at),
            "venue": event.venue_name,
            "address": event.venue_address,
            "online": bool(event.online_url),
            "open_to_public": event.is_public,
            "organisers": "; ".join(sorted(o.name for o in event.organisers.all())),
            "topics": "; ".join(sorted(topic.name for topic in event.topics.all())),
            "url": absolute_url(event.get_absolute_url()),
        }
        for event in events
    ]


def datasets() -> list[OpenDataset]:
    return [
        OpenDataset(
            slug="veranstaltungen",
            title="Veranstaltungen des Netzwerks",
            description=(
                "Netzwerktreffen, Kongresse, Fachtagungen, Regionalseminare und "
                "Online-Treffen des Netzwerks, vergangene und kommende, mit Beginn, Ende, Ort, "
                "Format und Themen. Ohne Teilnehmende."
            ),
            keywords=("Veranstaltungen", "Netzwerktreffen", "Fachtagung", "Ehrenamt"),
            theme="SOCI",
            temporal_column="starts_at",
            columns=(
                Column("id", "Nummer", ColumnType.INTEGER, "Nummer der Veranstaltung"),
                Column("title", "Titel", T.STRING, "Titel der Veranstaltung"),
                Column(
                    "kind",
                    "Format (Schlüssel)",
                    T.STRING,
                    "network_meeting, top_meeting, "
                    "congress, conference, exchange, regional_seminar oder online",
                ),
                Column("kind_label", "Format", T.STRING, "Format in Worten"),
                Column(
                    "status",
                    "Stand",
                    T.STRING,
                    "published (findet statt) oder cancelled (abgesagt)",
                ),
                Column("starts_at", "Beginn", T.DATETIME, "Beginn mit Zeitzone"),
                Column("ends_at", "Ende", T.DATETIME, "Ende mit Zeitzone"),
                Column(
                    "venue",
                    "Veranstaltungsort",
                    T.STRING,
                    "Name des Orts; leer bei Online-Veranstaltungen",
                ),
                Column("address", "Anschrift", T.STRING, "Anschrift des Orts"),
                Column("online", "Online", T.BOOLEAN, "Findet (auch) online statt"),
                Column(
                    "open_to_public",
                    "Öffentlich",
                    T.BOOLEAN,
                    "Alle können sich anmelden (sonst nur Mitglieder und Eingeladene)",
                ),
                Column(
                    "organisers",
                    "Veranstaltende",
                    T.STRING,
                    "Organisationen, durch »; « getrennt",
                ),
                Column("topics", "Themen", T.STRING, "Themen, durch »; « getrennt"),
                Column("url", "Seite", T.URL, "Seite der Veranstaltung"),
            ),
            rows=event_rows,
            order=40,
        )
    ]
