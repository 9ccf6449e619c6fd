"""A person's data as a ZIP: one JSON per declaration, their files and a readable overview.

Built by a background task (`export_services.export_build`), which reports its progress after
each kind of data; the person downloads the stored file for a few days.
"""

import io
import json
import posixpath
import zipfile
from collections.abc import Callable
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import get_valid_filename

from engagiert.core.extensions import DataSubject

from .queries import Section, sections


def _document(item: Section) -> dict[str, Any]:
    declaration = item.declaration
    return {
        "art": item.key,
        "zweck": str(declaration.purpose),
        "rechtsgrundlage": str(declaration.legal_basis),
        "speicherdauer": str(declaration.retention),
        "empfaenger": str(declaration.recipients),
        "felder": item.labels,
        "eintraege": item.rows,
    }


def _file_name(item: Section, file: Any) -> str:
    return f"dateien/{item.key}/{get_valid_filename(posixpath.basename(file.name))}"


def export_zip(
    subject: DataSubject, progress: Callable[[int, int], None] = lambda step, steps: None
) -> bytes:
    """The ZIP a person downloads (Art. 15 and 20 DSGVO); `progress(step, steps)` is told after
    each kind of data."""
    found = [item for item in sections(subject) if item.rows]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, item in enumerate(found, start=1):
            progress(number, len(found) + 1)
            text = json.dumps(_document(item), ensure_ascii=False, indent=2, default=str)
            archive.writestr(f"daten/{item.key}.json", text)
            for file in item.files:
                with file.open("rb") as content:
                    archive.writestr(_file_name(item, file), content.read())
        overview = render_to_string(
            "privacy/export_index.html",
            {
                "subject": subject,
                "sections": found,
                "created": timezone.localtime(),
                "files": [(_file_name(item, f), f) for item in found for f in item.files],
            },
        )
        archive.writestr("index.html", overview)
        progress(len(found) + 1, len(found) + 1)
    return buffer.getvalue()
