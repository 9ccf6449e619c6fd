"""Charts drawn on the server as accessible SVG: no script, same figures as the table beside.

Each chart is an `<svg role="img">` named by `aria-labelledby` through its `<title>` and a
`<desc>` summing up the figures, so a screen reader announces it as one image with a text; the
page shows the same figures in a table. Colours come from `currentColor` and a CSS class, so the
chart follows the page's contrast and prints in black on white.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import count

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH = 480
LINE_HEIGHT = 220
MARGIN_LEFT = 60
MARGIN_RIGHT = 16
MARGIN_TOP = 16
MARGIN_BOTTOM = 36
BAR_HEIGHT = 26
BAR_LABEL_WIDTH = 150

_ids = count(1)


@dataclass(frozen=True)
class Point:
    label: str
    value: float
    #: Highlighted (the municipality's own bar).
    highlight: bool = False


def nice_ceiling(value: float) -> float:
    """The axis maximum: 1, 2, 2.5 or 5 times a power of ten, at least `value`."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power  # pragma: no cover (the loop ends at 10)


def number(value: float) -> str:
    """A figure the German way: 1.234,5 (at most two decimals, none when whole)."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def _open(title: str, description: str, height: int) -> str:
    ident = f"chart-{next(_ids)}"
    head = format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="impact-chart" role="img" '
        'viewBox="0 0 {} {}" aria-labelledby="{}-title {}-desc">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>',
        WIDTH,
        height,
        ident,
        ident,
        ident,
        title,
        ident,
        description,
    )
    return head


def _summary(points: Sequence[Point], unit: str) -> str:
    return "; ".join(f"{p.label}: {number(p.value)} {unit}".strip() for p in points)


def line_chart(
    title: str, points: Sequence[Point], *, unit: str = "", goals: Sequence[Point] = ()
) -> SafeString:
    """Values over the years as a line with dots, y axis from zero.

    Each goal is a dashed horizontal line at its target, labelled with its text (readable
    without colour), and summed up in the description after the values.
    """
    svg = _open(title, _summary([*points, *goals], unit), LINE_HEIGHT)
    top = nice_ceiling(max((p.value for p in [*points, *goals]), default=0))
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = LINE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    step = plot_w / max(len(points) - 1, 1)
    parts = [svg, '<g class="impact-chart__axis" aria-hidden="true">']
    for tick in range(5):
        value = top * tick / 4
        y = MARGIN_TOP + plot_h - plot_h * tick / 4
        parts.append(
            f'<line x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'class="impact-chart__grid"/><text x="{MARGIN_LEFT - 6}" y="{y + 4:.1f}" '
            f'text-anchor="end">{escape(number(value))}</text>'
        )
    coordinates = []
    for index, point in enumerate(points):
        x = MARGIN_LEFT + (step * index if len(points) > 1 else plot_w / 2)
        y = MARGIN_TOP + plot_h - plot_h * point.value / top
        coordinates.append((x, y))
        parts.append(
            f'<text x="{x:.1f}" y="{LINE_HEIGHT - 12}" text-anchor="middle">'
            f"{escape(point.label)}</text>"
        )
    parts.append('</g><g class="impact-chart__series" aria-hidden="true">')
    if len(coordinates) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates)
        parts.append(f'<polyline points="{path}" fill="none" stroke="currentColor"/>')
    parts.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4"/>' for x, y in coordinates)
    ordered = sorted(goals, key=lambda g: g.value)
    for index, goal in enumerate(ordered):
        # Labels alternate between the right and the left end, and all but the highest sit
        # below their line, so that goals close to each other stay legible.
        y = MARGIN_TOP + plot_h - plot_h * goal.value / top
        x, anchor = (
            (WIDTH - MARGIN_RIGHT - 4, "end") if index % 2 == 0 else (MARGIN_LEFT + 4, "start")
        )
        label_y = y - 5 if index == len(ordered) - 1 else y + 15
        parts.append(
            f'<line class="impact-chart__goal" x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" '
            f'y1="{y:.1f}" y2="{y:.1f}"/><text class="impact-chart__goal-label" '
            f'x="{x}" y="{label_y:.1f}" text-anchor="{anchor}">'
            f"{escape(goal.label)}: {escape(number(goal.value))}</text>"
        )
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)


def bar_chart(title: str, points: Sequence[Point], *, unit: str = "") -> SafeString:
    """Horizontal bars from zero with their figures; highlighted bars are drawn darker."""
    height = MARGIN_TOP + BAR_HEIGHT * len(points) + 8
    svg = _open(title, _summary(points, unit), height)
    top = nice_ceiling(max((p.value for p in points), default=0))
    plot_w = WIDTH - BAR_LABEL_WIDTH - MARGIN_RIGHT - 64
    parts = [svg, '<g aria-hidden="true">']
    for index, point in enumerate(points):
        y = MARGIN_TOP + BAR_HEIGHT * index
        length = max(plot_w * max(point.value, 0) / top, 1)
        kind = "impact-chart__bar--own" if point.highlight else "impact-chart__bar"
        parts.append(
            f'<text x="{BAR_LABEL_WIDTH - 8}" y="{y + 17}" text-anchor="end">'
            f"{escape(point.label)}</text>"
            f'<rect class="{kind}" x="{BAR_LABEL_WIDTH}" y="{y + 4}" width="{length:.1f}" '
            f'height="{BAR_HEIGHT - 8}"/>'
            f'<text x="{BAR_LABEL_WIDTH + length + 6:.1f}" y="{y + 17}">'
            f"{escape(number(point.value))}</text>"
        )
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)
