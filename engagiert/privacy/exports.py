"""A person's data as a ZIP: one JSON per declaration, their files and a readable overview.

Built in the request: a person's data are a few hundred rows at most (measured: see the
tests), so no background job and no stored copy of the export are needed.
"""

import io
import json
import posixpath
import zipfile
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


def export_zip(subject: DataSubject) -> bytes:
    """The ZIP a person downloads (Art. 15 and 20 DSGVO)."""
    found = [item for item in sections(subject) if item.rows]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in found:
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
    return buffer.getvalue()
