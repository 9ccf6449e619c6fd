"""Writing the open-data files into storage.

Each dataset has three files under `opendata/` in the default storage: `<slug>.csv`,
`<slug>.json` and `<slug>.meta.json` (when it was made, when first published, the number of
rows, the files' sizes and the temporal range), which the pages and the catalogue read so that
they never query the data themselves. The daily job writes them anew; a request for a dataset
whose files are missing (a new installation, a new dataset) writes that dataset's files first.
"""

import datetime
import json
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone, translation

from engagiert.core.extensions import OpenDataset, open_datasets

from . import formats
from .queries import FOLDER, Published, published

logger = logging.getLogger(__name__)


def _replace(name: str, content: bytes) -> None:
    """Write a file under its fixed name (storage would otherwise pick a new name)."""
    path = f"{FOLDER}/{name}"
    if default_storage.exists(path):
        default_storage.delete(path)
    default_storage.save(path, ContentFile(content))


def dataset_publish(*, dataset: OpenDataset, now: datetime.datetime | None = None) -> Published:
    """Write the dataset's CSV, JSON and meta file from its rows as they are now."""
    now = (now or timezone.now()).replace(microsecond=0)
    with translation.override("de"):
        rows = dataset.rows()
        formats.check_rows(dataset, rows)
        files = {
            "csv": formats.csv_bytes(dataset, rows),
            "json": formats.json_bytes(dataset, rows, now),
        }
    earlier = published(dataset)
    meta = Published(
        generated_at=now.isoformat(),
        issued=earlier.issued if earlier else now.isoformat(),
        rows=len(rows),
        sizes={fmt: len(content) for fmt, content in files.items()},
        temporal=formats.temporal_range(dataset, rows),
    )
    for fmt, content in files.items():
        _replace(f"{dataset.slug}.{fmt}", content)
    _replace(f"{dataset.slug}.meta.json", json.dumps(meta.__dict__).encode())
    return meta


def datasets_publish(*, now: datetime.datetime | None = None) -> int:
    """Write every registered dataset's files; the number written. A dataset that fails is
    logged and keeps yesterday's files, the others are written all the same."""
    written = 0
    for dataset in open_datasets:
        try:
            dataset_publish(dataset=dataset, now=now)
        except Exception:  # one app's broken dataset must not stop the others
            logger.exception("Open dataset %s could not be written", dataset.slug)
        else:
            written += 1
    return written
