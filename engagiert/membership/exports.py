"""The member directory as CSV and XLSX for the network office."""

import csv
import io
from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from engagiert.registry.models import Authority


def directory_rows(members: QuerySet[Authority]) -> list[list[object]]:
    """Header plus one row per member, in the directory's order."""
    rows: list[list[object]] = [
        [
            _("Official key (AGS)"),
            _("Name"),
            _("Kind"),
            _("Regierungsbezirk"),
            _("Population"),
            _("Member since"),
            _("Staff unit"),
            _("Round table"),
            _("Volunteer agency"),
            _("Ehrenamtskarte"),
            _("Topics"),
        ]
    ]
    for authority in members:
        profile = getattr(authority, "profile", None)
        rows.append(
            [
                authority.ags,
                authority.name,
                authority.get_kind_display(),
                authority.region.name if authority.region else "",
                authority.population,
                authority.member_since.isoformat() if authority.member_since else "",  # type: ignore[attr-defined]
                _yes(profile and profile.has_staff_unit),
                _yes(profile and profile.has_round_table),
                _yes(profile and profile.has_volunteer_agency),
                profile.get_volunteer_card_display() if profile else "",
                ", ".join(topic.name for topic in profile.topics.all()) if profile else "",
            ]
        )
    return rows


def _yes(value: object) -> str:
    return _("yes") if value else _("no")


def _filename(extension: str) -> str:
    return f"netzwerk-mitglieder-{timezone.localdate():%Y-%m-%d}.{extension}"


def as_csv(rows: Iterable[list[object]]) -> HttpResponse:
    """Semicolon-separated with BOM, so that Excel in German opens it with umlauts intact."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer, delimiter=";").writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def as_xlsx(rows: Iterable[list[object]]) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Members")[:31]
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response
