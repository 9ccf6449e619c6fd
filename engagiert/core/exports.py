"""Spreadsheet downloads: CSV for German Excel and XLSX, with formulas neutralised.

A cell of user-entered text that begins with = + - @ or a tab or carriage return is a formula
to a spreadsheet program (OWASP, »CSV Injection«): a public registrant named
`=HYPERLINK("http://…";"…")` would become a live link in the office's Excel. In CSV such a
cell gets a leading apostrophe, which Excel and LibreOffice show as text; in XLSX it is written
as a text cell, never as a formula. Numbers and dates are left as they are.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook

Rows = Iterable[Sequence[object]]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def inert(value: object) -> object:
    """The value as a spreadsheet shows it as text, never evaluates it."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_response(rows: Rows, *, filename: str) -> HttpResponse:
    """Semicolon-separated with BOM, so that Excel in German opens it with umlauts intact."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer, delimiter=";").writerows([inert(value) for value in row] for row in rows)
    return attachment(
        HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8"), filename
    )


def xlsx_response(rows: Rows, *, filename: str, sheet_title: str) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = re.sub(r"[\\/*?:\[\]]", " ", sheet_title)[:31]
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # openpyxl takes any text starting with = for a formula
                cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE), filename)


def attachment_name(name: str) -> str:
    """A file name safe in a Content-Disposition header: ASCII letters, digits, . - _ only."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "download"


def attachment(response: HttpResponse, filename: str) -> HttpResponse:
    """The response as a download named `filename`."""
    response["Content-Disposition"] = f'attachment; filename="{attachment_name(filename)}"'
    return response
