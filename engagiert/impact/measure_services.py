"""Writes of measures on the impact ladder, their evidence and the municipalities' goals.

Rules:
- A measure runs from its start year; an end year, if given, is not before it.
- Evidence belongs to one stage of one measure. A figure names its value; a document brings
  its file: a PDF, PNG or JPEG (recognised by its content, not its name) of at most 10 MB,
  stored under a name the platform chooses. Deleting evidence or a measure deletes its files.
- A goal is one target value per municipality, indicator and year: setting it again for the
  same indicator and year changes it. The direction comes from the indicator.
"""

import uuid
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from engagiert.core.services import model_create, model_update
from engagiert.core.uploads import check_pdf_or_image
from engagiert.registry.models import Authority

from .models import FIRST_YEAR, LAST_YEAR, Evidence, Goal, Indicator, Measure

MEASURE_FIELDS = (
    "title",
    "description",
    "target_groups",
    "topic",
    "start_year",
    "end_year",
    "indicators",
    "is_published",
)
EVIDENCE_FIELDS = ("stage", "kind", "text", "value", "unit", "date", "source")


def _check_years(data: dict[str, Any]) -> None:
    for name in ("start_year", "end_year"):
        year = data.get(name)
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValidationError(
                {
                    name: _("Give a year from %(first)s to %(last)s.")
                    % {"first": FIRST_YEAR, "last": LAST_YEAR}
                }
            )
    end = data.get("end_year")
    if end is not None and end < data["start_year"]:
        raise ValidationError({"end_year": _("The measure cannot end before it starts.")})


@transaction.atomic
def measure_create(*, authority: Authority, data: dict[str, Any], user: Any = None) -> Measure:
    _check_years(data)
    fields = {name: data.get(name) for name in MEASURE_FIELDS if name != "indicators"}
    measure = Measure(authority=authority, created_by=user, **fields)
    for name in ("description", "target_groups"):
        setattr(measure, name, fields[name] or "")
    measure.is_published = bool(fields["is_published"])
    return model_create(instance=measure, data=data)


@transaction.atomic
def measure_update(*, measure: Measure, data: dict[str, Any]) -> Measure:
    _check_years(data)
    return model_update(instance=measure, fields=MEASURE_FIELDS, data=data)[0]


def _delete_files_on_commit(names: list[str]) -> None:
    """Once the rows are gone for good, their files go too (nothing stays on disk unseen)."""
    if names:
        transaction.on_commit(partial(_delete_files, names))


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


@transaction.atomic
def measure_delete(*, measure: Measure) -> None:
    """Delete the measure, its evidence and their files."""
    names = [name for name in measure.evidence.values_list("file", flat=True) if name]
    measure.delete()
    _delete_files_on_commit(names)


def _check_evidence(data: dict[str, Any], file: UploadedFile | None) -> None:
    kind = data.get("kind")
    if kind == Evidence.Kind.FIGURE and data.get("value") is None:
        raise ValidationError({"value": _("Give the figure's value.")})
    if kind == Evidence.Kind.DOCUMENT and file is None:
        raise ValidationError({"file": _("Attach the document.")})


@transaction.atomic
def evidence_add(
    *, measure: Measure, data: dict[str, Any], file: UploadedFile | None = None, user: Any = None
) -> Evidence:
    """Record evidence of one stage; a document's file is checked by its content."""
    _check_evidence(data, file)
    evidence = Evidence(
        measure=measure,
        recorded_by=user,
        **{name: data.get(name) for name in EVIDENCE_FIELDS},
    )
    for name in ("unit", "source"):
        setattr(evidence, name, getattr(evidence, name) or "")
    if file is not None:
        evidence.content_type, ending = check_pdf_or_image(file)
        evidence.size = file.size or 0
        evidence.file.save(f"nachweis-{uuid.uuid4().hex[:12]}.{ending}", file, save=False)
    try:
        evidence.full_clean()
    except ValidationError:
        if evidence.file:
            evidence.file.delete(save=False)
        raise
    evidence.save()
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: Evidence) -> None:
    name = evidence.file.name
    evidence.delete()
    _delete_files_on_commit([name] if name else [])


@transaction.atomic
def goal_set(
    *,
    authority: Authority,
    indicator: Indicator,
    year: int,
    target: Any,
    note: str = "",
    user: Any = None,
) -> Goal:
    """Set the target value of an indicator for a year (again: change it)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            {
                "year": _("Give a year from %(first)s to %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            }
        )
    goal = Goal.objects.filter(authority=authority, indicator=indicator, year=year).first()
    data = {"target": target, "note": note or "", "set_by": user}
    if goal is None:
        return model_create(
            instance=Goal(authority=authority, indicator=indicator, year=year, **data), data={}
        )
    return model_update(instance=goal, fields=tuple(data), data=data)[0]


@transaction.atomic
def goal_delete(*, goal: Goal) -> None:
    goal.delete()
