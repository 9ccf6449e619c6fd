"""The record of processing activities (Verzeichnis von Verarbeitungstätigkeiten, Art. 30 DSGVO),
built from the apps' personal-data declarations: nothing in it is written by hand except the
technical and organisational measures, which are the platform's own."""

import io
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from engagiert.core.extensions import PersonalData
from engagiert.core.pdf import FONT, FONT_BOLD, pdf_setup

from .queries import field_label, model_of, record_of_processing

TITLE = "Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO)"

#: The technical and organisational measures (Art. 32 DSGVO) the platform itself provides.
MEASURES = (
    "Übertragung ausschließlich verschlüsselt (HTTPS, HSTS); Anmeldung mit persönlichem Konto, "
    "Sperre nach wiederholten Fehlversuchen; Rechte nach Rollen und je Kommune bzw. Organisation "
    "geprüft; jede Änderung im Änderungsprotokoll; Dateien außerhalb des öffentlichen "
    "Verzeichnisses, nur nach Rechteprüfung ausgeliefert; E-Mails über einen Postausgang mit "
    "Protokoll; Löschfristen durch geplante Aufgaben umgesetzt; Auskunft und Löschung auf Antrag "
    "über die Plattform; regelmäßige Datensicherung durch den Betrieb."
)


def _parts(declaration: PersonalData) -> dict[str, str]:
    model = model_of(declaration)
    return {
        "purpose": str(declaration.purpose),
        "legal_basis": str(declaration.legal_basis),
        "data_subjects": str(declaration.data_subjects) or "–",
        "data": ", ".join(field_label(model, name) for name in declaration.fields),
        "recipients": str(declaration.recipients) or "keine (nur der Betreiber)",
        "retention": str(declaration.retention),
    }


LABELS = (
    ("purpose", "Zweck"),
    ("legal_basis", "Rechtsgrundlage"),
    ("data_subjects", "Betroffene Personen"),
    ("data", "Kategorien personenbezogener Daten"),
    ("recipients", "Empfänger"),
    ("retention", "Löschfrist"),
)


def entries() -> list[tuple[str, list[tuple[str, list[tuple[str, str]]]]]]:
    """Per app (its German name), each declaration's key and its parts as (label, text)."""
    return [
        (
            app,
            [
                (key, [(label, _parts(declaration)[name]) for name, label in LABELS])
                for key, declaration in declarations
            ],
        )
        for app, declarations in record_of_processing()
    ]


def record_pdf() -> bytes:
    pdf_setup()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12)
    heading = ParagraphStyle("heading", fontName=FONT_BOLD, fontSize=13, leading=16)
    title = ParagraphStyle("title", fontName=FONT_BOLD, fontSize=16, leading=20)
    story = [
        Paragraph(escape(TITLE), title),
        Paragraph(escape(f"{settings.SITE_URL} – Stand {timezone.localdate():%d.%m.%Y}"), body),
        Spacer(1, 4 * mm),
    ]
    for app, items in entries():
        story += [Spacer(1, 3 * mm), Paragraph(escape(app), heading)]
        for _key, parts in items:
            story.append(Spacer(1, 2 * mm))
            story += [
                Paragraph(f'<font name="{FONT_BOLD}">{escape(label)}:</font> {escape(text)}', body)
                for label, text in parts
            ]
    story += [
        Spacer(1, 5 * mm),
        Paragraph("Technische und organisatorische Maßnahmen (Art. 32 DSGVO)", heading),
        Paragraph(escape(MEASURES), body),
    ]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, title=TITLE, leftMargin=20 * mm, rightMargin=20 * mm)
    document.build(story)
    return buffer.getvalue()
