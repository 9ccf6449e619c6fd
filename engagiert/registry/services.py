"""Writes to the registry.

The import takes the official list of local authorities (one CSV row each, parents before their
children) and makes the registry equal to it in one transaction: new keys are created, changed
official facts updated, nothing duplicated. Any bad line stops the import before anything is
written, and every problem is reported with its line number. What officers keep about their
authority lives in the membership profile, which an import never touches.
"""

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from engagiert.core.audit import audit_record
from engagiert.core.models import AuditEntry
from engagiert.core.services import statistics_refresh
from engagiert.core.text import search_key
from engagiert.core.uploads import ImportProblemsError

from .models import Authority
from .signals import registry_imported

Kind = Authority.Kind
COLUMNS = ("ags", "name", "kind", "parent_ags", "population", "area_km2", "lat", "lon")
#: The length of the official key for each kind, and which kinds may be its parent.
KEY_LENGTH: dict[str, int] = {Kind.REGION: 3, Kind.DISTRICT: 5, Kind.CITY_REGION: 5}
#: Numeric columns: decimal places kept (as the model stores them) and the plausible range.
NUMBER_COLUMNS = (
    ("population", 0, 0, 10**9),
    ("area_km2", 2, 0, 10**6),
    ("lat", 6, -90, 90),
    ("lon", 6, -180, 180),
)
NAME_MAX_LENGTH = 200
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
PARENT_KINDS: dict[str, tuple[str, ...]] = {
    Kind.REGION: (),
    Kind.DISTRICT: (Kind.REGION,),
    Kind.CITY_REGION: (Kind.REGION,),
    Kind.INDEPENDENT_CITY: (Kind.REGION,),
    Kind.TOWN: Authority.DISTRICT_KINDS,
    Kind.MUNICIPALITY: Authority.DISTRICT_KINDS,
}
OFFICIAL_FIELDS = [
    "name",
    "kind",
    "parent",
    "district",
    "region",
    "population",
    "area_km2",
    "latitude",
    "longitude",
    "search_key",
]
MAX_REPORTED_PROBLEMS = 20


class RegistryImportError(ImportProblemsError):
    """The registry file cannot be imported; `problems` name each bad line."""


@dataclass(frozen=True)
class Row:
    line: int
    ags: str
    name: str
    kind: str
    parent_ags: str
    population: int
    area_km2: Decimal
    latitude: Decimal
    longitude: Decimal


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise RegistryImportError(
            [
                _(
                    "Line %(line)d: the file is not UTF-8 encoded (byte 0x%(byte)02x). "
                    "Please save it as UTF-8."
                )
                % {"line": line, "byte": data[error.start]}
            ]
        ) from None


def _number(value: str, places: int) -> Decimal:
    """A plain decimal number (ASCII digits, point as separator), rounded as the model stores it."""
    text = value.strip()
    if not _NUMBER.fullmatch(text) or (places == 0 and "." in text):
        raise ValueError(value)
    return Decimal(text).quantize(Decimal(1).scaleb(-places))


def _parse_row(line: int, record: dict[str, str]) -> tuple[Row | None, list[str]]:
    """One CSV record as a Row, or the problems that keep it from being one."""
    problems: list[str] = []
    ags, kind, name = record["ags"].strip(), record["kind"].strip(), record["name"].strip()
    if kind not in PARENT_KINDS:
        problems.append(_("unknown kind »%(kind)s«") % {"kind": kind})
    elif not (ags.isdigit() and ags.isascii() and len(ags) == KEY_LENGTH.get(kind, 8)):
        problems.append(
            _("official key »%(ags)s« must have %(digits)d digits for kind »%(kind)s«")
            % {"ags": ags, "digits": KEY_LENGTH.get(kind, 8), "kind": kind}
        )
    if not name:
        problems.append(_("the name is empty"))
    elif len(name) > NAME_MAX_LENGTH:
        problems.append(_("the name is longer than %(max)d characters") % {"max": NAME_MAX_LENGTH})
    numbers: dict[str, Decimal] = {}
    for column, places, low, high in NUMBER_COLUMNS:
        try:
            numbers[column] = _number(record[column], places)
            if not low <= numbers[column] <= high:
                raise ValueError(record[column])
        except ValueError:
            problems.append(
                _("column »%(column)s« has the invalid value »%(value)s«")
                % {"column": column, "value": record[column]}
            )
    if problems:
        return None, problems
    return Row(
        line,
        ags,
        name,
        kind,
        record["parent_ags"].strip(),
        int(numbers["population"]),
        numbers["area_km2"],
        numbers["lat"],
        numbers["lon"],
    ), []


def _parent_problem(row: Row, parent_kind: str | None) -> str | None:
    allowed = PARENT_KINDS[row.kind]
    if not allowed:
        return (
            _("a Regierungsbezirk has no parent, but »%(parent)s« is given")
            % {"parent": row.parent_ags}
            if row.parent_ags
            else None
        )
    if parent_kind is None:
        return _("parent »%(parent)s« is unknown (parents must come before their children)") % {
            "parent": row.parent_ags or "—"
        }
    if parent_kind not in allowed or not row.ags.startswith(row.parent_ags):
        return _("parent »%(parent)s« does not fit key »%(ags)s«") % {
            "parent": row.parent_ags,
            "ags": row.ags,
        }
    return None


def _relation_problems(row: Row, seen: dict[str, Row], known_kinds: dict[str, str]) -> list[str]:
    """Problems between rows: a repeated key, a parent that is missing or does not fit."""
    problems = []
    if row.ags in seen:
        problems.append(
            _("key »%(ags)s« already appears in line %(first)d")
            % {"ags": row.ags, "first": seen[row.ags].line}
        )
    parent = seen.get(row.parent_ags)
    if problem := _parent_problem(row, parent.kind if parent else known_kinds.get(row.parent_ags)):
        problems.append(problem)
    return problems


def _raise_if_any(problems: list[str]) -> None:
    if problems:
        shown = problems[:MAX_REPORTED_PROBLEMS]
        if len(problems) > MAX_REPORTED_PROBLEMS:
            more = len(problems) - MAX_REPORTED_PROBLEMS
            shown.append(
                ngettext("… and %(count)d more problem.", "… and %(count)d more problems.", more)
                % {"count": more}
            )
        raise RegistryImportError(shown)


def registry_rows(data: bytes) -> list[Row]:
    """Parse and check the whole file; raise RegistryImportError listing every bad line."""
    reader = csv.DictReader(io.StringIO(_decode(data), newline=""))
    missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise RegistryImportError(
            [_("Line 1: column(s) missing: %(columns)s") % {"columns": ", ".join(missing)}]
        )
    known_kinds = dict(Authority.objects.values_list("ags", "kind"))
    seen: dict[str, Row] = {}
    problems: list[str] = []
    for record in reader:
        line = reader.line_num
        if None in record or any(value is None for value in record.values()):
            problems.append(_("Line %(line)d: wrong number of columns") % {"line": line})
            continue
        row, row_problems = _parse_row(line, record)
        if row is not None:
            row_problems += _relation_problems(row, seen, known_kinds)
        problems.extend(
            _("Line %(line)d: %(problem)s") % {"line": line, "problem": p} for p in row_problems
        )
        if row is not None and not row_problems:
            seen[row.ags] = row
    if not seen and not problems:
        problems.append(_("The file contains no authorities."))
    _raise_if_any(problems)
    return list(seen.values())


def _placement(
    row: Row, kinds: dict[str, str], parents: dict[str, str]
) -> tuple[str | None, str | None]:
    """The (district, region) keys above a row: a Gemeinde's Kreis and that Kreis's Bezirk."""
    if row.kind == Kind.REGION:
        return None, None
    if kinds[row.parent_ags] == Kind.REGION:
        return None, row.parent_ags
    return row.parent_ags, parents[row.parent_ags]


@transaction.atomic
def registry_import(*, data: bytes, source: str) -> ImportResult:
    """Make the registry equal to the file; one summary entry goes to the audit log."""
    rows = registry_rows(data)
    existing = {authority.ags: authority for authority in Authority.objects.all()}
    kinds = {ags: authority.kind for ags, authority in existing.items()}
    parents = {ags: authority.parent_id or "" for ags, authority in existing.items()}
    kinds.update((row.ags, row.kind) for row in rows)
    parents.update((row.ags, row.parent_ags) for row in rows)
    new: list[Authority] = []
    changed: list[Authority] = []
    now = timezone.now()
    for row in rows:
        district, region = _placement(row, kinds, parents)
        facts = {
            "name": row.name,
            "kind": row.kind,
            "parent_id": row.parent_ags or None,
            "district_id": district,
            "region_id": region,
            "population": row.population,
            "area_km2": row.area_km2,
            "latitude": row.latitude,
            "longitude": row.longitude,
            "search_key": search_key(row.name),
        }
        authority = existing.get(row.ags)
        if authority is None:
            new.append(Authority(ags=row.ags, **facts))
        elif any(getattr(authority, name) != value for name, value in facts.items()):
            for name, value in facts.items():
                setattr(authority, name, value)
            authority.updated_at = now  # bulk_update bypasses auto_now
            changed.append(authority)
    Authority.objects.bulk_create(new, batch_size=500)
    Authority.objects.bulk_update(changed, [*OFFICIAL_FIELDS, "updated_at"], batch_size=500)
    statistics_refresh(Authority)
    result = ImportResult(
        created=len(new), updated=len(changed), unchanged=len(rows) - len(new) - len(changed)
    )
    transaction.on_commit(lambda: registry_imported.send(sender=Authority))
    audit_record(
        action=AuditEntry.Action.IMPORT,
        model=Authority,
        object_id=source[-64:],
        object_repr=_("Registry import from %(source)s") % {"source": source},
        changes={
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
        },
    )
    return result


def registry_import_file(*, path: Path) -> ImportResult:
    return registry_import(data=path.read_bytes(), source=path.name)
