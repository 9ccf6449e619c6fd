"""The import of existing card holders, per issuer (the programme has run since 2008).

Rules:
- The file is a CSV (semicolon or comma, UTF-8 or Windows-1252 as Excel saves it) with the
  columns of TEMPLATE_COLUMNS; the optional ones may be missing or empty.
- A dry run first: `holders_plan` reads and checks the whole file and says what an import
  would do, writing nothing. Every bad line is named with its line number, its column and a
  German reason; an import with any bad line writes nothing (one transaction).
- Idempotent: a card already there is left alone. Its key is the issuer and the card number
  when the file gives one, else the issuer, the name and the first day of validity; the same
  key twice in one file is a bad line.
- »unbefristet« as the end of validity makes a jubilee card (valid for life). A card without a
  number gets a new unguessable one (`new_card_number`).
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from engagiert.core.audit import audit_record
from engagiert.core.locking import lock_objects
from engagiert.core.models import AuditEntry
from engagiert.core.services import statistics_refresh
from engagiert.core.text import whole_number
from engagiert.core.uploads import ImportProblemsError, spreadsheet_text
from engagiert.core.validators import no_control_characters

from .models import CARD_NUMBER_LENGTH, Card, Engagement, Issuer, new_card_number

NUMBER = "Kartennummer"
FIRST = "Vorname"
LAST = "Nachname"
EMAIL = "E-Mail"
BIRTH_YEAR = "Geburtsjahr"
FIELD = "Engagementbereich"
FROM = "gültig ab"
UNTIL = "gültig bis"
TEMPLATE_COLUMNS = (NUMBER, FIRST, LAST, EMAIL, BIRTH_YEAR, FIELD, FROM, UNTIL)
REQUIRED_COLUMNS = (FIRST, LAST, FROM, UNTIL)
UNLIMITED = "unbefristet"
NAME_MAX_LENGTH = 150
MAX_REPORTED_PROBLEMS = 50
EARLIEST_DAY = datetime.date(2008, 1, 1)
_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$|^(\d{4})-(\d{2})-(\d{2})$")
_NUMBER_CHARS = re.compile(r"^[A-Z0-9]+$")


class HoldersImportError(ImportProblemsError):
    """The holders file cannot be imported; `problems` name each bad line."""


@dataclass(frozen=True)
class Holder:
    line: int
    number: str
    first_name: str
    last_name: str
    email: str
    birth_year: int | None
    field: str
    valid_from: datetime.date
    valid_until: datetime.date | None

    @property
    def key(self) -> tuple[str, ...]:
        if self.number:
            return ("number", self.number)
        return ("name", self.first_name.casefold(), self.last_name.casefold(), str(self.valid_from))


@dataclass
class HoldersPlan:
    """What an import of the file would do (or did)."""

    new: list[Holder] = field(default_factory=list)
    existing: list[Holder] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.new) + len(self.existing)


def template_rows() -> list[list[str]]:
    """The downloadable template: the header and two example lines."""
    return [
        list(TEMPLATE_COLUMNS),
        ["", "Erika", "Mustermann", "erika@example.org", "1961", str(Engagement.Field.SPORT.label)]
        + ["01.03.2024", "28.02.2026"],
        ["", "Hans", "Beispiel", "", "", "", "15.05.2019", UNLIMITED],
    ]


def _date(value: str) -> datetime.date:
    match = _DATE.match(value.strip())
    if not match:
        raise ValueError(value)
    day, month, year, iso_year, iso_month, iso_day = match.groups()
    if iso_year:
        return datetime.date(int(iso_year), int(iso_month), int(iso_day))
    return datetime.date(int(year), int(month), int(day))


def _fields_by_name() -> dict[str, str]:
    """A field of engagement by its label as the page lists it, or by its key."""
    return {
        **{str(label).casefold(): value for value, label in Engagement.Field.choices},
        **{value: value for value in Engagement.Field.values},
    }


def _name(value: str, column: str, problems: list[str]) -> str:
    text = value.strip()
    if not text:
        problems.append(_("%(column)s: missing") % {"column": column})
    elif len(text) > NAME_MAX_LENGTH:
        problems.append(
            _("%(column)s: longer than %(max)d characters")
            % {"column": column, "max": NAME_MAX_LENGTH}
        )
    else:
        try:
            no_control_characters(text)
        except ValidationError:
            problems.append(_("%(column)s: contains control characters") % {"column": column})
    return text


def _number(value: str, problems: list[str]) -> str:
    number = re.sub(r"[\s-]", "", value).upper()
    if number and (len(number) > CARD_NUMBER_LENGTH or not _NUMBER_CHARS.match(number)):
        problems.append(
            _("%(column)s: »%(value)s« is not a card number (letters and digits, at most %(max)d)")
            % {"column": NUMBER, "value": value.strip(), "max": CARD_NUMBER_LENGTH}
        )
    return number


def _email(value: str, problems: list[str]) -> str:
    email = value.strip().lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(
                _("%(column)s: »%(value)s« is not an e-mail address")
                % {"column": EMAIL, "value": value.strip()}
            )
    return email


def _birth_year(value: str, today: datetime.date, problems: list[str]) -> int | None:
    text = value.strip()
    if not text:
        return None
    year = whole_number(text, max_digits=4)
    if year is None or not 1900 <= year <= today.year:
        problems.append(
            _("%(column)s: »%(value)s« is not a year between 1900 and %(year)d")
            % {"column": BIRTH_YEAR, "value": text, "year": today.year}
        )
        return None
    return year


def _field(value: str, problems: list[str]) -> str:
    text = value.strip()
    fields = _fields_by_name()
    if text and text.casefold() not in fields:
        problems.append(
            _("%(column)s: »%(value)s« is not one of the fields of engagement")
            % {"column": FIELD, "value": text}
        )
        return ""
    return fields.get(text.casefold(), "")


def _validity(
    record: dict[str, str], problems: list[str]
) -> tuple[datetime.date | None, datetime.date | None]:
    start: datetime.date | None = None
    end: datetime.date | None = None
    try:
        start = _date(record[FROM])
        if start < EARLIEST_DAY:
            problems.append(
                _("%(column)s: before 2008, when the programme began") % {"column": FROM}
            )
    except ValueError:
        problems.append(
            _("%(column)s: »%(value)s« is not a date like 31.12.2025")
            % {"column": FROM, "value": record[FROM].strip()}
        )
    if record[UNTIL].strip().casefold() != UNLIMITED:
        try:
            end = _date(record[UNTIL])
        except ValueError:
            problems.append(
                _("%(column)s: »%(value)s« is neither a date like 31.12.2025 nor »unbefristet«")
                % {"column": UNTIL, "value": record[UNTIL].strip()}
            )
        else:
            if start and end < start:
                problems.append(_("%(column)s: before »gültig ab«") % {"column": UNTIL})
    return start, end


def _holder(
    line: int, record: dict[str, str], today: datetime.date
) -> tuple[Holder | None, list[str]]:
    """One line as a Holder, or the problems that keep it from being one."""
    problems: list[str] = []
    number = _number(record.get(NUMBER) or "", problems)
    first = _name(record[FIRST], FIRST, problems)
    last = _name(record[LAST], LAST, problems)
    email = _email(record.get(EMAIL) or "", problems)
    birth_year = _birth_year(record.get(BIRTH_YEAR) or "", today, problems)
    engagement = _field(record.get(FIELD) or "", problems)
    start, end = _validity(record, problems)
    if problems or start is None:
        return None, problems
    return Holder(line, number, first, last, email, birth_year, engagement, start, end), []


def _reader(data: bytes) -> "csv.DictReader[str]":
    text = spreadsheet_text(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    reader.fieldnames = [name.strip() for name in reader.fieldnames or []]
    missing = [column for column in REQUIRED_COLUMNS if column not in reader.fieldnames]
    if missing:
        raise HoldersImportError(
            [_("Line 1: column(s) missing: %(columns)s") % {"columns": ", ".join(missing)}]
        )
    return reader


def _raise_if_any(problems: list[str]) -> None:
    if problems:
        shown = problems[:MAX_REPORTED_PROBLEMS]
        if len(problems) > MAX_REPORTED_PROBLEMS:
            more = len(problems) - MAX_REPORTED_PROBLEMS
            shown.append(
                ngettext("… and %(count)d more problem.", "… and %(count)d more problems.", more)
                % {"count": more}
            )
        raise HoldersImportError(shown)


def _holders(data: bytes, today: datetime.date) -> list[Holder]:
    """Every line of the file, checked; raise HoldersImportError naming every bad line."""
    reader = _reader(data)
    holders: list[Holder] = []
    seen: dict[tuple[str, ...], int] = {}
    problems: list[str] = []
    for record in reader:
        line = reader.line_num
        if None in record or any(value is None for value in record.values()):
            problems.append(_("Line %(line)d: wrong number of columns") % {"line": line})
            continue
        if not any(value.strip() for value in record.values()):
            continue  # an empty line at the end of an Excel export
        holder, line_problems = _holder(line, record, today)
        if holder is not None and holder.key in seen:
            line_problems.append(
                _("the same card as in line %(other)d") % {"other": seen[holder.key]}
            )
        problems.extend(
            _("Line %(line)d: %(problem)s") % {"line": line, "problem": problem}
            for problem in line_problems
        )
        if holder is not None and not line_problems:
            seen[holder.key] = line
            holders.append(holder)
    if not holders and not problems:
        problems.append(_("The file contains no card holders."))
    _raise_if_any(problems)
    return holders


def _existing_keys(issuer: Issuer, holders: list[Holder]) -> tuple[set[tuple[str, ...]], list[str]]:
    """The keys of the file's cards that the issuer has already, and the numbers that belong
    to another issuer's card (a bad line each)."""
    numbers = [holder.number for holder in holders if holder.number]
    taken = dict(Card.objects.filter(number__in=numbers).values_list("number", "issuer_id"))
    keys: set[tuple[str, ...]] = {
        ("number", number) for number, owner in taken.items() if owner == issuer.pk
    }
    problems = [
        _("Line %(line)d: %(column)s: the number %(number)s belongs to another issuer's card")
        % {"line": holder.line, "column": NUMBER, "number": holder.number}
        for holder in holders
        if holder.number in taken and taken[holder.number] != issuer.pk
    ]
    starts = {holder.valid_from for holder in holders if not holder.number}
    for first, last, start in Card.objects.filter(issuer=issuer, valid_from__in=starts).values_list(
        "first_name", "last_name", "valid_from"
    ):
        keys.add(("name", first.casefold(), last.casefold(), str(start)))
    return keys, problems


def holders_plan(*, issuer: Issuer, data: bytes) -> HoldersPlan:
    """The dry run: what importing the file would do. Writes nothing."""
    holders = _holders(data, timezone.localdate())
    existing, problems = _existing_keys(issuer, holders)
    _raise_if_any(problems)
    plan = HoldersPlan()
    for holder in holders:
        (plan.existing if holder.key in existing else plan.new).append(holder)
    return plan


def _card(issuer: Issuer, holder: Holder, by: Any, now: datetime.datetime) -> Card:
    issued = datetime.datetime.combine(holder.valid_from, datetime.time(12), tzinfo=now.tzinfo)
    return Card(
        number=holder.number or new_card_number(),
        kind=Card.Kind.STANDARD if holder.valid_until else Card.Kind.JUBILEE,
        issuer=issuer,
        first_name=holder.first_name,
        last_name=holder.last_name,
        email=holder.email,
        birth_year=holder.birth_year,
        field=holder.field,
        valid_from=holder.valid_from,
        valid_until=holder.valid_until,
        issued_at=min(issued, now),
        issued_by=by,
    )


@transaction.atomic
def holders_import(*, issuer: Issuer, data: bytes, by: Any, source: str) -> HoldersPlan:
    """Import the file's new cards, all or none; one summary entry goes to the audit log.

    The issuer's row is locked so that two imports of the same file cannot both find a card
    missing and create it twice."""
    lock_objects([issuer])
    plan = holders_plan(issuer=issuer, data=data)
    now = timezone.now()
    Card.objects.bulk_create(
        [_card(issuer, holder, by, now) for holder in plan.new], batch_size=1000
    )
    statistics_refresh(Card)
    audit_record(
        action=AuditEntry.Action.IMPORT,
        obj=issuer,
        changes={"source": source[-100:], "created": len(plan.new), "existing": len(plan.existing)},
    )
    return plan
