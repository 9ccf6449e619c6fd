"""Writes of the impact app: the catalogue, manual values, the yearly snapshot, CSV imports.

Rules:
- Changing an indicator's name, definition or named source adds a version valid from a year no
  earlier than the current version's; values already given keep their version. The current
  version is corrected in place only while no value uses it.
- A manual value belongs to the version valid in its year; an empty field removes the value.
- The snapshot computes every automatic indicator whose provider is registered for the members
  of that year (no figure counts as 0) and freezes the year: a frozen year is never computed
  again, so data added later does not change it.
- An import of external values checks every line first; one bad line and nothing is saved.
  Importing the same file again changes nothing.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from engagiert.core.audit import audit_record
from engagiert.core.extensions import indicator_providers
from engagiert.core.locking import lock_objects
from engagiert.core.models import AuditEntry
from engagiert.core.services import model_create, model_update
from engagiert.core.text import whole_number
from engagiert.registry.models import Authority

from . import queries
from .models import FIRST_YEAR, LAST_YEAR, Indicator, IndicatorValue, IndicatorVersion, Snapshot

INDICATOR_FIELDS = ("level", "higher_is_better", "provider_key", "unit", "position")
VERSION_FIELDS = ("name", "definition", "source_name")


def _check_source(data: dict[str, Any]) -> None:
    if data.get("source") == Indicator.Source.AUTOMATIC and not data.get("provider_key"):
        raise ValidationError(
            {"provider_key": _("Choose the platform figure of an automatic indicator.")}
        )
    if data.get("source") == Indicator.Source.EXTERNAL and not data.get("source_name"):
        raise ValidationError({"source_name": _("Name the source of an external indicator.")})


@transaction.atomic
def indicator_create(*, data: dict[str, Any], user: Any = None) -> Indicator:
    """A new indicator with its first version."""
    _check_source(data)
    indicator = model_create(
        instance=Indicator(
            key=data["key"], source=data["source"], **{f: data[f] for f in INDICATOR_FIELDS}
        ),
        data=data,
    )
    model_create(
        instance=IndicatorVersion(
            indicator=indicator,
            number=1,
            valid_from=data["valid_from"],
            created_by=user,
            **{f: data.get(f, "") for f in VERSION_FIELDS},
        ),
        data={},
    )
    return indicator


@transaction.atomic
def indicator_update(
    *, indicator: Indicator, data: dict[str, Any], user: Any = None
) -> IndicatorVersion:
    """Change an indicator; a changed definition becomes a new version from `valid_from`.

    Returns the version valid from then on (the new one, or the current one if only the
    indicator's own fields changed).
    """
    lock_objects([indicator])
    _check_source({**data, "source": indicator.source})
    model_update(instance=indicator, fields=INDICATOR_FIELDS, data=data)
    current = IndicatorVersion.objects.filter(indicator=indicator).order_by("-number").first()
    assert current is not None
    if all(getattr(current, f) == data.get(f, getattr(current, f)) for f in VERSION_FIELDS):
        return current
    valid_from = data["valid_from"]
    if valid_from < current.valid_from:
        raise ValidationError(
            {
                "valid_from": _(
                    "The current definition is valid from %(year)s; a new one cannot start earlier."
                )
                % {"year": current.valid_from}
            }
        )
    if valid_from == current.valid_from:
        if IndicatorValue.objects.filter(version=current).exists():
            raise ValidationError(
                {
                    "valid_from": _(
                        "Values already use the definition valid from %(year)s; "
                        "let the new definition start in a later year."
                    )
                    % {"year": current.valid_from}
                }
            )
        model_update(instance=current, fields=VERSION_FIELDS, data=data)
        return current
    return model_create(
        instance=IndicatorVersion(
            indicator=indicator,
            number=current.number + 1,
            valid_from=valid_from,
            created_by=user,
            **{f: data.get(f, getattr(current, f)) for f in VERSION_FIELDS},
        ),
        data={},
    )


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            {
                "year": _("Give a year from %(first)s to %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            }
        )


@transaction.atomic
def values_enter(
    *,
    authority: Authority,
    year: int,
    values: dict[Indicator, Decimal | None],
    user: Any = None,
) -> int:
    """Store a municipality's manual values for one year; returns how many changed."""
    _check_year(year)
    if any(indicator.source != Indicator.Source.MANUAL for indicator in values):
        raise ValidationError(_("Only manual indicators are entered by the municipality."))
    existing = {
        v.indicator_id: v
        for v in IndicatorValue.objects.filter(authority=authority, year=year, indicator__in=values)
    }
    changed = 0
    for indicator, value in values.items():
        row = existing.get(indicator.pk)
        if value is None:
            if row is not None:
                row.delete()
                changed += 1
            continue
        version = queries.version_for(indicator, year)
        if row is None:
            model_create(
                instance=IndicatorValue(
                    indicator=indicator,
                    version=version,
                    authority=authority,
                    year=year,
                    value=value,
                    origin=IndicatorValue.Origin.MANUAL,
                    recorded_by=user,
                ),
                data={},
            )
            changed += 1
        elif row.value != value:
            # Entered by hand now, whatever it came from before (e.g. the self-assessment).
            model_update(
                instance=row,
                fields=("value", "version", "recorded_by", "origin", "source_ref"),
                data={
                    "value": value,
                    "version": version,
                    "recorded_by": user,
                    "origin": IndicatorValue.Origin.MANUAL,
                    "source_ref": "",
                },
            )
            changed += 1
    return changed


@transaction.atomic
def snapshot_take(*, year: int, user: Any = None) -> Snapshot:
    """Compute the automatic indicators of `year` for its members and freeze the year."""
    _check_year(year)
    if Snapshot.objects.filter(year=year).exists():
        raise ValidationError({"year": _("The year %(year)s is frozen already.") % {"year": year}})
    snapshot = Snapshot.objects.create(year=year, taken_by=user)
    members = set(queries.members_in_year(year).values_list("pk", flat=True))
    taken = set(
        IndicatorValue.objects.filter(
            year=year, indicator__source=Indicator.Source.AUTOMATIC
        ).values_list("indicator_id", "authority_id")
    )
    rows: list[IndicatorValue] = []
    for indicator in queries.indicators(source=Indicator.Source.AUTOMATIC):
        provider = indicator_providers.get(indicator.provider_key)
        if provider is None:
            continue
        figures = provider.values(year)
        version = queries.version_for(indicator, year)
        rows.extend(
            IndicatorValue(
                indicator=indicator,
                version=version,
                authority_id=ags,
                year=year,
                value=Decimal(str(round(figures.get(ags, 0.0), 2))),
                origin=IndicatorValue.Origin.SNAPSHOT,
                source_ref=f"snapshot:{year}",
                snapshot=snapshot,
                recorded_by=user,
            )
            for ags in sorted(members)
            if (indicator.pk, ags) not in taken
        )
    IndicatorValue.objects.bulk_create(rows, batch_size=1000)
    snapshot.value_count = len(rows)
    snapshot.save(update_fields=["value_count"])
    audit_record(obj=snapshot, action=AuditEntry.Action.CREATE, changes={"values": len(rows)})
    return snapshot


def snapshot_take_if_due(*, today: datetime.date) -> Snapshot | None:
    """The periodic job: freeze last year once it is over, unless it is frozen already."""
    if Snapshot.objects.filter(year=today.year - 1).exists():
        return None
    return snapshot_take(year=today.year - 1)


@dataclass
class ImportResult:
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    saved: bool = False


def _parse_line(
    number: int, row: list[str], authorities: set[str]
) -> tuple[str, int, Decimal] | str:
    """(AGS, year, value) of one CSV line, or the German message naming what is wrong."""
    if len(row) != 3:
        return _("Line %(line)s: expected three columns: AGS; year; value.") % {"line": number}
    ags, year_text, value_text = (cell.strip() for cell in row)
    if ags not in authorities:
        return _("Line %(line)s: unknown official key (AGS) »%(ags)s«.") % {
            "line": number,
            "ags": ags[:20],
        }
    year = whole_number(year_text, max_digits=4)
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        return _("Line %(line)s: »%(year)s« is not a year.") % {
            "line": number,
            "year": year_text[:10],
        }
    try:
        value = Decimal(
            value_text.replace(".", "").replace(",", ".") if "," in value_text else value_text
        )
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or abs(value) >= Decimal("1e12"):
        return _("Line %(line)s: »%(value)s« is not a number.") % {
            "line": number,
            "value": value_text[:20],
        }
    return ags, year, value.quantize(Decimal("0.01"))


def _read_lines(text: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    if rows and rows[0] and not rows[0][0].strip().isdigit():
        rows[0] = []  # a header line
    return rows


def _parse_file(text: str) -> tuple[dict[tuple[str, int], Decimal], list[str]]:
    """Every line's (AGS, year) → value, and the German messages naming the bad lines."""
    authorities = set(Authority.objects.values_list("ags", flat=True))
    parsed: dict[tuple[str, int], Decimal] = {}
    errors: list[str] = []
    for number, row in enumerate(_read_lines(text), start=1):
        if not any(cell.strip() for cell in row):
            continue
        line = _parse_line(number, row, authorities)
        if isinstance(line, str):
            errors.append(line)
            continue
        ags, year, value = line
        if (ags, year) in parsed:
            errors.append(
                _("Line %(line)s: %(ags)s and %(year)s appear twice.")
                % {"line": number, "ags": ags, "year": year}
            )
        parsed[(ags, year)] = value
    if not parsed and not errors:
        errors.append(_("The file holds no values."))
    return parsed, errors


@transaction.atomic
def external_values_import(
    *, indicator: Indicator, text: str, filename: str, dry_run: bool, user: Any = None
) -> ImportResult:
    """Import `AGS;year;value` lines of an external indicator; all or nothing."""
    if indicator.source != Indicator.Source.EXTERNAL:
        raise ValidationError(_("Only external indicators are imported from a file."))
    parsed, errors = _parse_file(text)
    result = ImportResult(errors=errors)
    write = not dry_run and not errors
    indicator = queries.indicators().get(pk=indicator.pk)
    existing = {
        (v.authority_id, v.year): v
        for v in IndicatorValue.objects.filter(
            indicator=indicator, authority_id__in={a for a, _y in parsed}
        )
    }
    new_rows = []
    for (ags, year), value in parsed.items():
        row = existing.get((ags, year))
        if row is None:
            result.created += 1
            new_rows.append(
                IndicatorValue(
                    indicator=indicator,
                    version=queries.version_for(indicator, year),
                    authority_id=ags,
                    year=year,
                    value=value,
                    origin=IndicatorValue.Origin.IMPORT,
                    source_ref=filename[:200],
                    recorded_by=user,
                )
            )
        elif row.value == value:
            result.unchanged += 1
        else:
            result.changed += 1
            if write:
                model_update(
                    instance=row,
                    fields=("value", "source_ref", "recorded_by"),
                    data={"value": value, "source_ref": filename[:200], "recorded_by": user},
                )
    if write:
        IndicatorValue.objects.bulk_create(new_rows)
        audit_record(
            model=IndicatorValue,
            action=AuditEntry.Action.IMPORT,
            object_repr=f"{indicator.key}: {filename}"[:200],
            changes={"created": result.created, "changed": result.changed},
        )
    result.saved = write
    return result
