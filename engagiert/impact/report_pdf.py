"""The annual network report for the ministry as a PDF, in the platform's typeface (DejaVu).

Built section by section with reportlab's page layout (platypus); each section is one step of
the progress the office sees. Charts are vector drawings with the same figures in a table
beside them; figures are German-formatted.
"""

import io
from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from engagiert.core.pdf import FONT, FONT_BOLD, pdf_setup

from . import queries, report_data
from .charts import number

NETWORK = "Kommunen-Netzwerk: engagiert in NRW"
ACCENT = colors.HexColor("#1b4b72")

#: Called before each section: (step, steps, label).
Progress = Callable[[int, int, str], None]


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14, spaceAfter=6)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            spaceBefore=14,
            fontName=FONT_BOLD,
            fontSize=17,
            leading=22,
            spaceAfter=10,
            textColor=ACCENT,
        ),
        "h2": ParagraphStyle(
            "h2", parent=body, fontName=FONT_BOLD, fontSize=12, leading=16, spaceBefore=8
        ),
        "title": ParagraphStyle(
            "title", parent=body, fontName=FONT_BOLD, fontSize=30, leading=36, textColor=ACCENT
        ),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=15, leading=20),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=11, spaceAfter=0),
    }


S = _styles()


def _p(text: object, style: str = "body") -> Paragraph:
    escaped = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(escaped, S[style])


def _num(value: float | int | None) -> str:
    return "–" if value is None else number(float(value))


def _table(header: list[str], rows: list[list[object]], widths: list[float] | None = None) -> Table:
    data = [[_p(h, "cell") for h in header]] + [[_p(c, "cell") for c in row] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#c8d0d8")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _bar_chart(title: str, labels: list[str], values: list[float]) -> Drawing:
    """A vertical bar chart as a vector drawing, its title inside the drawing."""
    drawing = Drawing(160 * mm, 62 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 12 * mm, 10 * mm, 140 * mm, 42 * mm
    chart.data = [values]
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabelFormat = lambda value: _num(value)
    chart.barLabels.nudge = 6
    drawing.add(chart)
    drawing.add(String(12 * mm, 57 * mm, title, fontName=FONT_BOLD, fontSize=9))
    return drawing


def _title_page(year: int) -> list[Flowable]:
    made = timezone.localtime()
    return [
        Spacer(1, 60 * mm),
        _p(NETWORK, "subtitle"),
        Spacer(1, 6 * mm),
        _p(_("Annual report %(year)s") % {"year": year}, "title"),
        Spacer(1, 8 * mm),
        _p(_("Report of the network office to the ministry"), "subtitle"),
        Spacer(1, 40 * mm),
        _p(_("Generated on %(date)s") % {"date": f"{made:%d.%m.%Y %H:%M}"}),
        PageBreak(),
    ]


def _growth(year: int) -> list[Flowable]:
    found = report_data.growth(year)
    current = found.years[-1] if found.years else (year, 0, 0)
    story: list[Flowable] = [
        _p(_("Growth of the network"), "h1"),
        _p(
            ngettext(
                "In %(year)s the network had %(members)s member municipality, %(new)s of them new.",
                "In %(year)s the network had %(members)s member municipalities, "
                "%(new)s of them new.",
                current[1],
            )
            % {"year": year, "members": current[1], "new": current[2]}
        ),
    ]
    if found.years:
        labels = [str(y) for y, _m, _n in found.years]
        story.append(
            _bar_chart(_("Members per year"), labels, [float(m) for _y, m, _n in found.years])
        )
        story.append(
            _table(
                [_("Year"), _("Members"), _("New members")],
                [[y, m, n] for y, m, n in found.years],
                [30 * mm, 40 * mm, 40 * mm],
            )
        )
    return story


def _events(year: int) -> list[Flowable]:
    found = report_data.events(year)
    story: list[Flowable] = [
        _p(_("Events and participations"), "h1"),
        _p(
            _(
                "%(events)s events of the network took place in %(year)s, with %(participations)s "
                "confirmed participations from %(authorities)s municipalities."
            )
            % {
                "events": found.count,
                "year": year,
                "participations": found.participations,
                "authorities": found.authorities,
            }
        ),
    ]
    if found.by_kind:
        story.append(
            _table(
                [_("Format"), _("Events"), _("Participations")],
                [list(row) for row in found.by_kind],
                [80 * mm, 30 * mm, 35 * mm],
            )
        )
    return story


def _workshop(year: int) -> list[Flowable]:
    found = report_data.workshop(year)
    story: list[Flowable] = [_p(_("Development workshop"), "h1")]
    if not found.cohorts:
        return [*story, _p(_("No cohort ran in %(year)s.") % {"year": year})]
    story.append(
        _table(
            [_("Cohort"), _("Period"), _("Teams"), _("Participants")],
            [list(row) for row in found.cohorts],
            [40 * mm, 55 * mm, 25 * mm, 30 * mm],
        )
    )
    return story


def _cards(year: int) -> list[Flowable]:
    found = report_data.cards_and_opportunities(year)
    story: list[Flowable] = [_p(_("Ehrenamtskarte and engagement opportunities"), "h1")]
    if not found:
        return [*story, _p(_("These figures are not available on this platform."))]
    story.append(_table([_("Figure"), str(year)], [[f.label, f.value] for f in found]))
    return story


def _indicators(year: int) -> list[Flowable]:
    rows = [r for r in queries.network_rows(year) if r.count]
    story: list[Flowable] = [
        _p(_("Indicators of the network"), "h1"),
        _p(
            _(
                "Median and quartiles of the member municipalities' values in %(year)s, by "
                "indicator (definition valid in the year)."
            )
            % {"year": year}
        ),
    ]
    if not rows:
        return [*story, _p(_("No indicator values for %(year)s yet.") % {"year": year})]
    story.append(
        _table(
            [
                _("Indicator"),
                _("Unit"),
                _("Values"),
                _("Lower quartile"),
                _("Median"),
                _("Upper quartile"),
            ],
            [
                [
                    r.version.name,
                    r.indicator.get_unit_display(),
                    r.count,
                    _num(r.lower_quartile),
                    _num(r.median),
                    _num(r.upper_quartile),
                ]
                for r in rows
            ],
            [62 * mm, 30 * mm, 16 * mm, 22 * mm, 20 * mm, 22 * mm],
        )
    )
    return story


def _peers(year: int) -> list[Flowable]:
    rows = report_data.peer_rows(year)
    story: list[Flowable] = [
        _p(_("Peer groups"), "h1"),
        _p(
            _(
                "Municipalities of the same kind and size band; a group is shown from "
                "%(minimum)s values on, so that no municipality's figure can be read off."
            )
            % {"minimum": queries.MIN_PEER_GROUP}
        ),
    ]
    if not rows:
        return [*story, _p(_("No peer group is large enough yet."))]
    story.append(
        _table(
            [
                _("Peer group"),
                _("Indicator"),
                _("Values"),
                _("Lower quartile"),
                _("Median"),
                _("Upper quartile"),
            ],
            [
                [
                    r.group,
                    r.indicator,
                    r.count,
                    _num(r.lower_quartile),
                    _num(r.median),
                    _num(r.upper_quartile),
                ]
                for r in rows
            ],
            [50 * mm, 50 * mm, 16 * mm, 22 * mm, 18 * mm, 22 * mm],
        )
    )
    return story


def _assessment(year: int) -> list[Flowable]:
    found = report_data.assessment(year)
    story: list[Flowable] = [_p(_("Self-assessment of the municipalities"), "h1")]
    if found.questionnaire is None:
        return [*story, _p(_("There was no self-assessment in %(year)s.") % {"year": year})]
    story.append(
        _p(
            _("%(submitted)s of %(asked)s member municipalities answered.")
            % {"submitted": found.submitted, "asked": found.asked}
        )
    )
    rows: list[list[object]] = []
    for result in found.results:
        if result.question.kind == "text":
            summary = ngettext(
                "%(count)s free-text answer (not published)",
                "%(count)s free-text answers (not published)",
                result.count,
            ) % {"count": result.count}
        elif result.question.kind == "scale":
            summary = " · ".join(f"{point}: {n}" for point, (_l, n) in enumerate(result.counts, 1))
            if result.median is not None:
                summary += " · " + _("median %(median)s") % {"median": _num(result.median)}
        elif result.counts:
            summary = ", ".join(f"{label}: {n}" for label, n in result.counts)
            if result.median is not None:
                summary += " · " + _("median %(median)s") % {"median": _num(result.median)}
        else:
            summary = _("median %(median)s") % {"median": _num(result.median)}
            if result.question.unit:
                summary += f" {result.question.unit}"
        rows.append([result.question.section.title, result.question.text, result.count, summary])
    story.append(
        _table(
            [_("Section"), _("Question"), _("Answers"), _("Result")],
            rows,
            [38 * mm, 62 * mm, 20 * mm, 50 * mm],
        )
    )
    return story


def _practice(year: int) -> list[Flowable]:
    story: list[Flowable] = [_p(_("Selected practice examples"), "h1")]
    examples = report_data.practice_examples(year)
    if not examples:
        return [*story, _p(_("No practice examples have been published yet."))]
    for item in examples:
        block: list[Flowable] = [_p(item.title, "h2")]
        if item.authority:
            block.append(_p(item.authority.name, "small"))
        block.append(_p(item.summary))
        if item.results:
            block.append(_p(_("Results: %(results)s") % {"results": item.results}, "small"))
        story.append(KeepTogether(block))
    return story


#: (label of the step, the section, whether it starts a new page); a section is kept on one
#: page where it fits.
SECTIONS: list[tuple[Any, Callable[[int], list[Flowable]], bool]] = [
    (gettext_lazy("Title page"), _title_page, False),
    (gettext_lazy("Growth of the network"), _growth, False),
    (gettext_lazy("Events and participations"), _events, False),
    (gettext_lazy("Development workshop"), _workshop, False),
    (gettext_lazy("Ehrenamtskarte and engagement opportunities"), _cards, False),
    (gettext_lazy("Indicators of the network"), _indicators, True),
    (gettext_lazy("Peer groups"), _peers, False),
    (gettext_lazy("Self-assessment of the municipalities"), _assessment, True),
    (gettext_lazy("Selected practice examples"), _practice, True),
]


def _footer(year: int) -> Callable[[Any, Any], None]:
    def draw(canvas: Any, doc: Any) -> None:
        if doc.page == 1:
            return
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(
            20 * mm, 12 * mm, f"{NETWORK} · " + _("Annual report %(year)s") % {"year": year}
        )
        canvas.drawRightString(190 * mm, 12 * mm, _("Page %(page)s") % {"page": doc.page})
        canvas.restoreState()

    return draw


def report_render(year: int, progress: Progress) -> tuple[bytes, int]:
    """The report of `year` as PDF bytes and its number of pages; `progress` sees each step."""
    pdf_setup()
    steps = len(SECTIONS) + 1
    story: list[Flowable] = []
    for step, (label, section, new_page) in enumerate(SECTIONS, start=1):
        progress(step, steps, str(label))
        if new_page:
            story.append(PageBreak())
        story.append(KeepTogether(section(year)))
    progress(steps, steps, _("Laying out the pages"))
    buffer = io.BytesIO()
    title = _("Annual report %(year)s") % {"year": year}
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"{title} – {NETWORK}",
        author=NETWORK,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=22 * mm,
    )
    doc.build(story, onFirstPage=_footer(year), onLaterPages=_footer(year))
    return buffer.getvalue(), doc.page
