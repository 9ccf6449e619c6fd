"""The evidence of hours as PDF: the organisation's confirmation of a volunteer's shifts.

Like the events' PDFs it embeds DejaVu Sans, so every name prints as written."""

import io
from collections.abc import Sequence
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from engagiert.core.pdf import FONT, FONT_BOLD, a4_canvas
from engagiert.core.site import site_domain

from .models import HoursCertificate, ShiftSignup


def _hours(value: Decimal | float) -> str:
    return f"{Decimal(value):.2f}".replace(".", ",")


def evidence_pdf(certificate: HoursCertificate, signups: Sequence[ShiftSignup]) -> bytes:
    """One A4 page (more for many shifts): holder, organisation, each shift with date and
    hours, the total, who confirmed, and the evidence code."""
    organisation = str(certificate.provider.organisation)
    buffer = io.BytesIO()
    canvas = a4_canvas(buffer, _("Evidence of hours – %(name)s") % {"name": certificate.name})
    _width, height = A4
    y = height - 25 * mm

    def line(text: str, *, size: int = 10, bold: bool = False, step: float = 6) -> None:
        nonlocal y
        if y < 25 * mm:
            canvas.showPage()
            y = height - 25 * mm
        canvas.setFont(FONT_BOLD if bold else FONT, size)
        canvas.drawString(20 * mm, y, text[:110])
        y -= step * mm

    line(_("Evidence of volunteer hours"), size=16, bold=True, step=10)
    line(_("Volunteer: %(name)s") % {"name": certificate.name})
    line(_("Organisation: %(organisation)s") % {"organisation": organisation}, step=10)
    line(_("Date · action · task · hours"), bold=True)
    total = Decimal(0)
    confirmers: list[str] = []
    for signup in signups:
        shift = signup.shift
        hours = signup.hours or Decimal(0)
        total += hours
        start = timezone.localtime(shift.starts_at)
        end = timezone.localtime(shift.ends_at)
        line(
            f"{start:%d.%m.%Y} {start:%H:%M}–{end:%H:%M} · {shift.task.place.action.title} · "
            f"{shift.task.title} · {_hours(hours)} h"
        )
        person = signup.hours_confirmed_by
        name = (person.get_full_name() or person.email) if person else ""
        if name and name not in confirmers:
            confirmers.append(name)
    y -= 4 * mm
    line(_("Total: %(hours)s hours") % {"hours": _hours(total)}, size=12, bold=True, step=10)
    line(
        _("Confirmed by %(people)s for %(organisation)s")
        % {"people": ", ".join(confirmers), "organisation": organisation}
    )
    line(_("Issued on %(date)s") % {"date": timezone.localdate().strftime("%d.%m.%Y")}, step=12)
    line(_("Evidence code: %(code)s") % {"code": certificate.code}, size=12, bold=True)
    line(
        _(
            "The code can be checked on %(site)s; the Ehrenamtskarte application accepts it as "
            "the organisation's confirmation."
        )
        % {"site": site_domain()},
        size=8,
    )
    canvas.save()
    return buffer.getvalue()
