"""PDF set-up shared by every app that draws PDFs with reportlab.

The fonts are DejaVu Sans (vendored from npm by `make assets`): embedded as subsets, they print
every European name as written (»Łukasz Wąsik«, »Đorđe Šćepanović«), where the built-in PDF
fonts know Latin-1 only.
"""

import functools
import io

from django.conf import settings
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

#: Where `make assets` puts the fonts of the npm package dejavu-fonts-ttf.
FONT_DIR = settings.BASE_DIR / "engagiert" / "static" / "vendor" / "dejavu"
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"


@functools.cache
def pdf_setup() -> None:
    """Register the fonts `FONT` and `FONT_BOLD` (once per process) and write the streams as
    compressed binary: reportlab's default also wraps them in ASCII85 (for 7-bit channels, which
    a download is not), a quarter larger and, in pure Python, the slowest step of a small PDF."""
    rl_config.useA85 = 0
    for name in (FONT, FONT_BOLD):
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / f"{name}.ttf")))


def a4_canvas(buffer: io.BytesIO, title: str) -> Canvas:
    """An A4 canvas whose fonts cover every European name (embedded subsets)."""
    pdf_setup()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setTitle(title)
    return canvas
