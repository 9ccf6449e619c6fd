"""Files an event produces: iCalendar, the participant list and badges as PDF, spreadsheet rows.

The .ics follows RFC 5545 (CRLF lines folded at 75 octets, text escaped, times in UTC).
Badges carry a QR code with the participant's check-in address, scanned at the door: it holds
the check-in code, never the personal token (which would let a photo of the badge cancel).
PDFs embed DejaVu Sans (`engagiert.core.pdf`), so names such as »Łukasz Wąsik« or »Şükrü Güneş«
print as written.
"""

import io
from collections.abc import Callable, Collection, Iterable
from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from engagiert.core.pdf import FONT, FONT_BOLD, a4_canvas
from engagiert.core.site import site_domain

from .models import Event, Question, Registration
from .services import NO, YES


def _ics_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _ics_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets, continued with a space."""
    encoded, start = line.encode(), 0
    parts: list[str] = []
    while len(encoded) - start > (75 if not parts else 74):
        end = start + (75 if not parts else 74)  # a continuation line starts with a space
        while (encoded[end] & 0xC0) == 0x80:  # never split inside a UTF-8 character
            end -= 1
        parts.append(encoded[start:end].decode())
        start = end
    parts.append(encoded[start:].decode())
    return "\r\n ".join(parts)


def ics_calendar(
    events: Iterable[Event], *, name: str, online_links_for: Collection[int] = ()
) -> str:
    """A calendar with one VEVENT per event (cancelled events marked CANCELLED); the meeting
    link of an online event only for the events in `online_links_for` (ids)."""
    stamp = _ics_time(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//engagiert//Veranstaltungen//DE",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_ics_text(name)}",
    ]
    for event in events:
        place = ", ".join(part for part in (event.venue_name, event.venue_address) if part)
        if not place and event.online_url:
            place = event.online_url if event.pk in online_links_for else "Online"
        lines += [
            "BEGIN:VEVENT",
            f"UID:event-{event.pk}@{site_domain()}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_ics_time(event.starts_at)}",
            f"DTEND:{_ics_time(event.ends_at)}",
            f"SUMMARY:{_ics_text(event.title)}",
            f"DESCRIPTION:{_ics_text(event.description)}",
            f"LOCATION:{_ics_text(place)}",
            f"URL:{settings.SITE_URL}{event.get_absolute_url()}",
            f"STATUS:{'CANCELLED' if event.status == Event.Status.CANCELLED else 'CONFIRMED'}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def answers_of(registration: Registration, questions: Iterable[Question]) -> list[str]:
    """The registration's answers to the event's own questions, in their order (a yes or no
    in words; »« for an unanswered one). Reads prefetched `answers`."""
    given = {answer.question_id: answer.value for answer in registration.answers.all()}
    words = {YES: _("yes"), NO: _("no")}
    return [
        words.get(given.get(q.pk, ""), "")
        if q.kind == Question.Kind.YES_NO
        else given.get(q.pk, "")
        for q in questions
    ]


def participant_rows(
    registrations: Iterable[Registration], questions: Collection[Question] = ()
) -> list[list[object]]:
    """Header plus one row per participant, for the spreadsheet download; one column per
    question of the event's registration form."""
    rows: list[list[object]] = [
        [
            _("Name"),
            _("E-mail"),
            _("Organisation or municipality"),
            _("Status"),
            _("Workshops"),
            _("Accessibility or dietary needs"),
            _("Checked in"),
            *[q.text for q in questions],
        ]
    ]
    for registration in registrations:
        rows.append(
            [
                registration.name,
                registration.email,
                _organisation(registration),
                registration.get_status_display(),
                ", ".join(w.title for w in registration.workshops.all()),
                registration.needs,
                timezone.localtime(registration.checked_in_at).strftime("%d.%m.%Y %H:%M")
                if registration.checked_in_at
                else "",
                *answers_of(registration, questions),
            ]
        )
    return rows


def _organisation(registration: Registration) -> str:
    if registration.organisation_name:
        return registration.organisation_name
    return registration.authority.name if registration.authority else ""


def participants_pdf(event: Event, registrations: Iterable[Registration]) -> bytes:
    """An A4 list to sign at the door: name, organisation, workshops, signature column."""
    buffer = io.BytesIO()
    canvas = a4_canvas(buffer, _("Participant list – %(title)s") % {"title": event.title})
    width, height = A4
    y = 0.0

    def header() -> float:
        canvas.setFont(FONT_BOLD, 14)
        canvas.drawString(20 * mm, height - 20 * mm, event.title[:80])
        canvas.setFont(FONT, 10)
        when = timezone.localtime(event.starts_at).strftime("%d.%m.%Y")
        canvas.drawString(
            20 * mm,
            height - 27 * mm,
            f"{when} · {event.venue_name}"[:110] + " · " + _("Participant list"),
        )
        canvas.setFont(FONT_BOLD, 9)
        top = height - 38 * mm
        for x, label in ((20, _("Name")), (80, _("Organisation")), (140, _("Signature"))):
            canvas.drawString(x * mm, top, label)
        canvas.setFont(FONT, 9)
        return top - 8 * mm

    y = header()
    for number, registration in enumerate(registrations, start=1):
        if y < 20 * mm:
            canvas.showPage()
            y = header()
        canvas.drawString(20 * mm, y, f"{number}. {registration.name}"[:40])
        canvas.drawString(80 * mm, y, _organisation(registration)[:40])
        canvas.line(140 * mm, y - 1 * mm, 190 * mm, y - 1 * mm)
        y -= 8 * mm
    canvas.save()
    return buffer.getvalue()


BADGE_W, BADGE_H = 90 * mm, 55 * mm
QR_SIZE = 32 * mm


def badges_pdf(
    event: Event, registrations: Iterable[Registration], check_in_url: Callable[[Registration], str]
) -> bytes:
    """Name badges, 2 × 5 on A4, each with a QR code of the participant's check-in address."""
    buffer = io.BytesIO()
    canvas = a4_canvas(buffer, _("Name badges – %(title)s") % {"title": event.title})
    width, height = A4
    left, top = (width - 2 * BADGE_W) / 2, height - 12 * mm
    for index, registration in enumerate(registrations):
        slot = index % 10
        if index and slot == 0:
            canvas.showPage()
        x = left + (slot % 2) * BADGE_W
        y = top - (slot // 2 + 1) * BADGE_H
        canvas.rect(x, y, BADGE_W, BADGE_H)
        canvas.setFont(FONT, 8)
        canvas.drawString(x + 5 * mm, y + BADGE_H - 8 * mm, event.title[:55])
        canvas.setFont(FONT_BOLD, 14)
        canvas.drawString(x + 5 * mm, y + BADGE_H / 2, registration.name[:24])
        canvas.setFont(FONT, 9)
        canvas.drawString(x + 5 * mm, y + BADGE_H / 2 - 6 * mm, _organisation(registration)[:30])
        widget = QrCodeWidget(check_in_url(registration), barLevel="M")
        bounds = widget.getBounds()
        drawing = Drawing(
            QR_SIZE,
            QR_SIZE,
            transform=[
                QR_SIZE / (bounds[2] - bounds[0]),
                0,
                0,
                QR_SIZE / (bounds[3] - bounds[1]),
                0,
                0,
            ],
        )
        drawing.add(widget)
        renderPDF.draw(drawing, canvas, x + BADGE_W - QR_SIZE - 3 * mm, y + 3 * mm)
    canvas.save()
    return buffer.getvalue()


def has_certificate(registration: Registration) -> bool:
    """An attendance certificate is there once the event is over, for those checked in."""
    return (
        registration.status == Registration.Status.CONFIRMED
        and registration.checked_in_at is not None
        and registration.event.is_past
    )


def certificates_pdf(event: Event, registrations: Iterable[Registration]) -> bytes:
    """Attendance certificates (Teilnahmebescheinigungen), one A4 page per participant."""
    buffer = io.BytesIO()
    canvas = a4_canvas(buffer, _("Attendance certificate – %(title)s") % {"title": event.title})
    width, height = A4
    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    when = (
        start.strftime("%d.%m.%Y")
        if start.date() == end.date()
        else f"{start:%d.%m.%Y} – {end:%d.%m.%Y}"
    )
    hours = f"{start:%H:%M} – {end:%H:%M}" if start.date() == end.date() else ""
    for index, registration in enumerate(registrations):
        if index:
            canvas.showPage()
        y = height - 40 * mm
        canvas.setFont(FONT, 10)
        canvas.drawString(25 * mm, y, _("Kommunen-Netzwerk: engagiert in NRW"))
        y -= 30 * mm
        canvas.setFont(FONT_BOLD, 22)
        canvas.drawString(25 * mm, y, _("Attendance certificate"))
        y -= 20 * mm
        canvas.setFont(FONT, 12)
        canvas.drawString(25 * mm, y, _("We confirm that"))
        y -= 12 * mm
        canvas.setFont(FONT_BOLD, 16)
        canvas.drawString(25 * mm, y, registration.name[:60])
        organisation = _organisation(registration)
        if organisation:
            y -= 8 * mm
            canvas.setFont(FONT, 12)
            canvas.drawString(25 * mm, y, organisation[:80])
        y -= 14 * mm
        canvas.setFont(FONT, 12)
        canvas.drawString(25 * mm, y, _("took part in the event"))
        y -= 12 * mm
        canvas.setFont(FONT_BOLD, 14)
        for line in _wrap(event.title, 60):
            canvas.drawString(25 * mm, y, line)
            y -= 8 * mm
        canvas.setFont(FONT, 12)
        place = ", ".join(part for part in (event.venue_name, event.venue_address) if part)
        for line in (
            _("on %(when)s") % {"when": f"{when} {hours}".strip()},
            place[:90],
            _workshops_line(registration),
        ):
            if line:
                canvas.drawString(25 * mm, y, line)
                y -= 7 * mm
        canvas.setFont(FONT, 10)
        issued = timezone.localdate().strftime("%d.%m.%Y")
        canvas.drawString(
            25 * mm, 40 * mm, _("Issued on %(date)s by the network office.") % {"date": issued}
        )
        canvas.drawString(25 * mm, 34 * mm, f"{settings.SITE_URL}{event.get_absolute_url()}")
    canvas.save()
    return buffer.getvalue()


def _workshops_line(registration: Registration) -> str:
    titles = ", ".join(w.title for w in registration.workshops.all())
    return (_("Workshops: %(titles)s") % {"titles": titles})[:90] if titles else ""


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines[:3]
