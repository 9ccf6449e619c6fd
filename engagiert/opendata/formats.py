"""The open-data files: CSV and JSON of one dataset, and the licence every file is under.

CSV follows RFC 4180: UTF-8 without byte-order mark, comma-separated, the first line names the
columns (their `name`), fields quoted only where needed, lines ending CRLF. Values are written
as they are, for machines: no apostrophe before text starting with »=« (unlike the
spreadsheet downloads of `core.exports`), booleans as true/false, dates in ISO 8601, numbers
with a decimal point, an empty field for no value.

JSON is one object: the dataset's slug and title, `generated_at`, the licence and its
attribution text, the columns (name, title, type, description) and `rows`, a list of objects
keyed by column name with typed values (null for no value).
"""

import csv
import datetime
import io
import json
from typing import Any

from django.conf import settings

from engagiert.core.extensions import Column, ColumnType, OpenDataset

LICENCE_NAME = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
LICENCE_ID = "dl-de/by-2-0"
LICENCE_URI = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
LICENCE_TEXT_URL = "https://www.govdata.de/dl-de/by-2-0"

Row = dict[str, Any]


def publisher_of(dataset: OpenDataset) -> str:
    return str(dataset.publisher or settings.OPENDATA_PUBLISHER)


def attribution(dataset: OpenDataset, generated_at: datetime.datetime) -> str:
    """The credit dl-de/by-2-0 asks for: who, what, as of when, the licence and its text."""
    text = (
        f"{publisher_of(dataset)}: {dataset.title} (Stand {generated_at:%d.%m.%Y}), "
        f"{LICENCE_NAME}, {LICENCE_TEXT_URL}"
    )
    return f"{text}; {dataset.sources}" if dataset.sources else text


def check_rows(dataset: OpenDataset, rows: list[Row]) -> None:
    """Every row has exactly the declared columns (an app's mistake, not the visitor's)."""
    names = [column.name for column in dataset.columns]
    for row in rows:
        if set(row) != set(names):
            raise ValueError(f"{dataset.slug}: row {sorted(row)} does not match {names}")


def json_value(value: Any, column: Column) -> Any:
    """A value as JSON keeps it: typed, dates as ISO text."""
    if value is None or value == "" and column.type != ColumnType.STRING:
        return None
    if column.type == ColumnType.NUMBER:
        return float(value)
    if column.type == ColumnType.INTEGER:
        return int(value)
    if column.type == ColumnType.BOOLEAN:
        return bool(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def csv_value(value: Any, column: Column) -> str:
    """A value as CSV writes it: JSON's value as text; true/false; empty for none."""
    shown = json_value(value, column)
    if shown is None:
        return ""
    if isinstance(shown, bool):
        return "true" if shown else "false"
    return str(shown)


def csv_bytes(dataset: OpenDataset, rows: list[Row]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([column.name for column in dataset.columns])
    for row in rows:
        writer.writerow([csv_value(row[column.name], column) for column in dataset.columns])
    return buffer.getvalue().encode("utf-8")


def json_bytes(dataset: OpenDataset, rows: list[Row], generated_at: datetime.datetime) -> bytes:
    document = {
        "dataset": dataset.slug,
        "title": str(dataset.title),
        "generated_at": generated_at.isoformat(),
        "license": {"id": LICENCE_ID, "name": LICENCE_NAME, "uri": LICENCE_URI},
        "attribution": attribution(dataset, generated_at),
        "columns": [
            {
                "name": column.name,
                "title": str(column.title),
                "type": str(column.type),
                "description": str(column.description),
            }
            for column in dataset.columns
        ],
        "rows": [
            {column.name: json_value(row[column.name], column) for column in dataset.columns}
            for row in rows
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def temporal_range(dataset: OpenDataset, rows: list[Row]) -> tuple[str, str] | None:
    """First and last day the rows speak of, from the dataset's temporal column."""
    if not dataset.temporal_column:
        return None
    values = [row[dataset.temporal_column] for row in rows if row[dataset.temporal_column]]
    if not values:
        return None
    days = [
        datetime.date(value, 1, 1)
        if isinstance(value, int)
        else value.date()
        if isinstance(value, datetime.datetime)
        else value
        for value in values
    ]
    last = max(values)
    end = datetime.date(last, 12, 31) if isinstance(last, int) else max(days)
    return min(days).isoformat(), end.isoformat()
