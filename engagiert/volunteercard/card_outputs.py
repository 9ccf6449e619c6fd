"""What a card looks like outside the database: the printable PDF (the QR code: core.qr).

The PDF is one card in credit-card format (ID-1, 85.6 × 54 mm), front and back on two pages, to
print on card stock or a card printer. It embeds DejaVu Sans (`engagiert.core.pdf`), so
every European name prints as written, also outside Latin-1 (»Đorđe Šćepanović«).
"""

import io
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor, black, white
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from engagiert.core.pdf import FONT, FONT_BOLD, pdf_setup
from engagiert.core.qr import qr_runs

from .cards import card_code
from .models import Card

CARD_W, CARD_H = 85.6 * mm, 54 * mm
QR_SIZE = 44 * mm
MARGIN = 4 * mm
#: The colours of the card (KERN's dark blue and a light tint for the labels).
BLUE, LABEL = HexColor("#153c6b"), HexColor("#5c6b7a")


def _draw_qr(canvas: Canvas, text: str, *, x: float, y: float, width: float) -> None:
    """The dark runs as one filled path in module units (integers: short and quick to write,
    where reportlab's path object formats every coordinate in Python)."""
    size, runs = qr_runs(text)
    module = width / size
    canvas.saveState()
    canvas.setFillColor(black)
    # Module units with the origin at the code's top left, rows counting downwards.
    canvas.transform(module, 0, 0, -module, x, y + width)
    # Each row reaches a little into the next: no hairline seams between rows on screen;
    # the non-zero fill ("f") keeps the overlaps dark.
    rects = " ".join(f"{column} {row} {length} 1.08 re" for column, row, length in runs)
    canvas.addLiteral(f"{rects} f")
    canvas.restoreState()


def valid_until_text(card: Card) -> str:
    return date_format(card.valid_until, "d.m.Y") if card.valid_until else _("unlimited")


def _fit(canvas: Canvas, text: str, *, x: float, y: float, width: float, size: float) -> None:
    """Draw bold text in one line, smaller when it is long; two lines at the smallest size."""
    font_size = max(6.0, min(size, size * width / max(stringWidth(text, FONT_BOLD, size), 1)))
    lines = simpleSplit(text, FONT_BOLD, font_size, width)[:2]
    canvas.setFont(FONT_BOLD, font_size)
    for number, line in enumerate(lines):
        canvas.drawString(x, y - number * (font_size + 1), line)


def _field(canvas: Canvas, label: str, value: str, *, y: float, size: float = 9) -> None:
    canvas.setFillColor(LABEL)
    canvas.setFont(FONT, 5.5)
    canvas.drawString(MARGIN, y, label)
    canvas.setFillColor(BLUE)
    _fit(canvas, value, x=MARGIN, y=y - size - 0.5, width=CARD_W - 2 * MARGIN, size=size)


def _front(canvas: Canvas, card: Card) -> None:
    canvas.setFillColor(BLUE)
    canvas.rect(0, CARD_H - 12 * mm, CARD_W, 12 * mm, stroke=0, fill=1)
    canvas.setFillColor(white)
    canvas.setFont(FONT_BOLD, 11)
    canvas.drawString(MARGIN, CARD_H - 7.5 * mm, _("Ehrenamtskarte NRW"))
    if card.kind == Card.Kind.JUBILEE:
        canvas.setFont(FONT, 7)
        canvas.drawRightString(CARD_W - MARGIN, CARD_H - 7.5 * mm, _("Jubilee card"))
    _field(canvas, _("Name"), card.holder_name, y=CARD_H - 16.5 * mm, size=11)
    _field(canvas, _("Card number"), card.display_number, y=CARD_H - 27 * mm)
    _field(canvas, _("Valid until"), valid_until_text(card), y=CARD_H - 36 * mm)
    _field(canvas, _("Issued by"), card.issuer.authority.name, y=CARD_H - 45 * mm, size=8)


def _back(canvas: Canvas, card: Card) -> None:
    _draw_qr(canvas, card_code(card), x=2 * mm, y=(CARD_H - QR_SIZE) / 2, width=QR_SIZE)
    x = QR_SIZE + 4 * mm
    width = CARD_W - x - 3 * mm
    canvas.setFillColor(BLUE)
    canvas.setFont(FONT_BOLD, 7)
    top = CARD_H - 10 * mm
    for number, line in enumerate(simpleSplit(_("Check this card"), FONT_BOLD, 7, width)):
        canvas.drawString(x, top - number * 8.5, line)
    canvas.setFont(FONT, 5.5)
    hint = _("Scan the code or enter the card number at:")
    lines = simpleSplit(hint, FONT, 5.5, width)
    address = settings.SITE_URL.split("://", 1)[-1]
    lines += [address, reverse("volunteercard:check")]
    for number, line in enumerate(lines):
        canvas.drawString(x, top - 12 - number * 7, line)
    canvas.setFont(FONT, 5)
    canvas.setFillColor(LABEL)
    for number, line in enumerate(simpleSplit(card.display_number, FONT, 5, width)):
        canvas.drawString(x, 6 * mm - number * 6, line)


def cards_pdf(cards: Iterable[Card]) -> bytes:
    """Front and back of each card, one card-sized page each."""
    pdf_setup()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(CARD_W, CARD_H))
    canvas.setTitle(_("Ehrenamtskarte NRW"))
    for card in cards:
        _front(canvas, card)
        canvas.showPage()
        _back(canvas, card)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
