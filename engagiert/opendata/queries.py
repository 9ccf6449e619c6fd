"""Reads of the open data: the registered datasets and what their stored files say.

The pages and the catalogue read the small meta file of each dataset and, for a preview, the
dataset's JSON file; they never run the datasets' queries, so a page costs the same whether a
dataset has ten rows or ten thousand.
"""

import datetime
import json
from dataclasses import dataclass
from typing import Any

from django.core.files.storage import default_storage

from engagiert.core.extensions import OpenDataset, open_datasets

FOLDER = "opendata"
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


@dataclass(frozen=True)
class Published:
    """What the files of one dataset say about themselves (the `.meta.json`)."""

    generated_at: str
    issued: str
    rows: int
    sizes: dict[str, int]
    temporal: tuple[str, str] | None

    @property
    def generated(self) -> datetime.datetime:
        return datetime.datetime.fromisoformat(self.generated_at)

    @property
    def period(self) -> tuple[datetime.date, datetime.date] | None:
        """The first and last day the rows speak of, if the dataset has a temporal column."""
        if self.temporal is None:
            return None
        start, end = self.temporal
        return datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)


def datasets() -> list[OpenDataset]:
    return sorted(open_datasets, key=lambda dataset: (dataset.order, dataset.slug))


def dataset(slug: str) -> OpenDataset | None:
    return next((found for found in open_datasets if found.slug == slug), None)


def file_path(dataset: OpenDataset, fmt: str) -> str:
    return f"{FOLDER}/{dataset.slug}.{fmt}"


def published(dataset: OpenDataset) -> Published | None:
    """The dataset's meta file, or None before its files were first written."""
    path = file_path(dataset, "meta.json")
    if not default_storage.exists(path):
        return None
    with default_storage.open(path) as stored:
        meta = json.loads(stored.read())
    temporal = meta.get("temporal")
    return Published(**{**meta, "temporal": tuple(temporal) if temporal else None})


def has_files(dataset: OpenDataset) -> bool:
    return all(default_storage.exists(file_path(dataset, fmt)) for fmt in (*FORMATS, "meta.json"))


def preview_rows(dataset: OpenDataset, count: int = 10) -> list[list[Any]]:
    """The first rows of the stored JSON file, in the order of the columns."""
    with default_storage.open(file_path(dataset, "json")) as stored:
        rows = json.loads(stored.read())["rows"][:count]
    return [[row[column.name] for column in dataset.columns] for row in rows]
