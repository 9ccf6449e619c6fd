"""The first version of each legal page (example texts the operator adapts before going live)
and of each form's privacy note (the texts of `notes.py`).

Created after `migrate` (a `post_migrate` receiver) for every page that has no version yet, so a
new installation is never without an Impressum or an accessibility statement, the office's own
versions are never overwritten, and a test database flushed by a transactional test gets them
back. Each is marked as an example on the page until the office saves its own version. The
accessibility statement is prefilled with what the platform knows about itself.
"""

# The texts are the markup the office edits: a paragraph is one line, so lines run long.
# ruff: noqa: E501

import datetime
from typing import Any

from django.apps import apps as installed_apps

IMPRINT = """## Angaben gemäß § 5 DDG

Kommunen-Netzwerk: engagiert in NRW
Netzwerkbüro (Beispielanschrift)
Musterstraße 1
40213 Düsseldorf

## Vertreten durch

Name der vertretungsberechtigten Person, Funktion

## Kontakt

Telefon: 0211 000000
E-Mail: netzwerkbuero@example.org

## Verantwortlich für den Inhalt

Name, Anschrift wie oben"""

PRIVACY = """## Verantwortliche Stelle

Kommunen-Netzwerk: engagiert in NRW, Netzwerkbüro, Musterstraße 1, 40213 Düsseldorf, netzwerkbuero@example.org

## Datenschutzbeauftragte Person

Name, Anschrift, datenschutz@example.org

## Welche Daten wir verarbeiten

An jedem Formular dieser Plattform steht, wofür die Angaben verarbeitet werden, auf welcher Rechtsgrundlage und wie lange sie gespeichert bleiben.

## Einwilligungen

Was Sie uns erlaubt haben (etwa die Nennung auf einer Teilnehmendenliste), sehen und widerrufen Sie jederzeit unter »Meine Einwilligungen«.

## Ihre Rechte

- Auskunft (Art. 15 DSGVO)
- Berichtigung (Art. 16 DSGVO)
- Löschung (Art. 17 DSGVO)
- Einschränkung der Verarbeitung (Art. 18 DSGVO)
- Datenübertragbarkeit (Art. 20 DSGVO)
- Widerspruch (Art. 21 DSGVO)
- Beschwerde bei der Landesbeauftragten für Datenschutz und Informationsfreiheit NRW, Kavalleriestraße 2–4, 40213 Düsseldorf, https://www.ldi.nrw.de"""

CONTACT = """## Netzwerkbüro

Kommunen-Netzwerk: engagiert in NRW
Musterstraße 1
40213 Düsseldorf

Telefon: 0211 000000
E-Mail: netzwerkbuero@example.org

Sprechzeiten: Montag bis Donnerstag, 9 bis 15 Uhr"""

ACCESSIBILITY = """Das Netzwerkbüro ist bemüht, diese Plattform im Einklang mit dem Behindertengleichstellungsgesetz NRW (BGG NRW) und der Barrierefreie-Informationstechnik-Verordnung NRW (BITV NRW) barrierefrei zugänglich zu machen.

Diese Erklärung gilt für die Plattform unter dieser Adresse.

## Was die Plattform für die Barrierefreiheit tut

- Sie verwendet das Designsystem KERN UX der öffentlichen Verwaltung mit geprüften Kontrasten und Bedienelementen.
- Alle Seiten werden auf dem Server erzeugt und funktionieren ohne JavaScript; jede Seite hat einen Link »Zum Inhalt springen«.
- Die Sprache der Seiten ist als Deutsch ausgezeichnet; Fehlermeldungen stehen am betroffenen Feld und sind mit ihm verknüpft.
- Automatische Browser-Tests bedienen die wichtigsten Abläufe wie ein Mensch über Beschriftungen und Rollen der Elemente."""

METHOD = (
    "Selbstbewertung durch das Netzwerkbüro anhand der Prüfschritte des BITV-Tests; "
    "ergänzt durch automatische Browser-Tests der Plattform."
)

ENFORCEMENT_BODY = """Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen
bei der Landesbeauftragten für Menschen mit Behinderung
Fürstenwall 25
40219 Düsseldorf
E-Mail: ombudsstelle-barrierefreie-it@mags.nrw.de"""

EXAMPLES = {
    "impressum": {"body": IMPRINT},
    "datenschutz": {"body": PRIVACY},
    "kontakt": {"body": CONTACT},
    "barrierefreiheit": {
        "body": ACCESSIBILITY,
        "conformity": "partial",
        "barriers": "",
        "method": METHOD,
        "enforcement_body": ENFORCEMENT_BODY,
    },
}


def notes_seed(**kwargs: Any) -> None:
    """Give each form's privacy note without a version its text from `notes.NOTES` (the
    `post_migrate` receiver); the office's later versions are never overwritten."""
    from .notes import NOTES

    apps = kwargs.get("apps") or installed_apps
    NoteVersion = apps.get_model("legal", "NoteVersion")
    present = set(NoteVersion.objects.values_list("key", flat=True))
    NoteVersion.objects.bulk_create(
        NoteVersion(
            key=key,
            number=1,
            purpose=note.purpose,
            legal_basis=note.legal_basis,
            retention=note.retention,
        )
        for key, note in NOTES.items()
        if key not in present
    )


def pages_seed(**kwargs: Any) -> None:
    """Give each legal page without a version its example text (the `post_migrate` receiver)."""
    apps = kwargs.get("apps") or installed_apps
    PageVersion = apps.get_model("legal", "PageVersion")
    present = set(PageVersion.objects.values_list("page", flat=True))
    today = datetime.date.today()
    dates = {"prepared_on": today, "reviewed_on": today}
    # Bulk writes: reference data, not somebody's change for the audit log.
    PageVersion.objects.bulk_create(
        PageVersion(
            page=page,
            number=1,
            is_example=True,
            **fields,
            **(dates if page == "barrierefreiheit" else {}),
        )
        for page, fields in EXAMPLES.items()
        if page not in present
    )
