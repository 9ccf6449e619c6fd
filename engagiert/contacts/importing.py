"""Reading a contact list (Excel .xlsx or CSV) and checking each row before anything is saved.

Columns are recognised by their headings (German or English, any case, umlauts spelled out or
not): Name (or Vorname and Nachname), Funktion, Abteilung, Telefon, E-Mail, AGS and/or Kommune,
Schlagworte. An authority is found by its official key (AGS; Excel's lost leading zero is put
back) or by its exact name. A row is a duplicate of a current contact person when it has the
same e-mail address, or a similar name (umlauts folded, titles dropped, at most a small number
of typing differences) at the same authority.
"""

import csv
import io
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from engagiert.core.text import fold
from engagiert.core.uploads import spreadsheet_text
from engagiert.core.validators import phone_validator
from engagiert.membership.models import ContactPerson
from engagiert.registry.models import Authority

#: Largest file accepted, and most rows read.
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000

NEW, DUPLICATE, INVALID = "new", "duplicate", "invalid"

HEADINGS: dict[str, tuple[str, ...]] = {
    "name": ("name", "vollstaendiger name", "ansprechperson", "kontakt", "person"),
    "first_name": ("vorname", "first name"),
    "last_name": ("nachname", "familienname", "last name", "surname"),
    "function": ("funktion", "function", "position", "rolle", "aufgabe"),
    "department": ("abteilung", "fachbereich", "amt", "department", "organisationseinheit"),
    "phone": ("telefon", "tel", "tel.", "telefonnummer", "phone"),
    "email": ("e-mail", "email", "mail", "e-mail-adresse", "emailadresse"),
    "ags": ("ags", "gemeindeschluessel", "amtlicher gemeindeschluessel", "kennziffer"),
    "authority": ("kommune", "gemeinde", "stadt", "kreis", "behoerde", "institution", "authority"),
    "tags": ("schlagworte", "schlagwort", "tags", "tag", "stichworte"),
}
_TITLES = re.compile(r"\b(dr|prof|dipl|ing|med|phil|rer|nat|herr|frau|mag)\b\.?")


@dataclass
class Row:
    """One row of the file as the preview shows it."""

    line: int
    name: str = ""
    function: str = ""
    department: str = ""
    phone: str = ""
    email: str = ""
    ags: str = ""
    authority_name: str = ""
    tags: list[str] = field(default_factory=list)
    outcome: str = NEW
    #: For an invalid row: what is wrong, one German sentence per field.
    problems: list[str] = field(default_factory=list)
    #: For a duplicate: the person it matches and why.
    duplicate_of: int | None = None
    duplicate_name: str = ""
    duplicate_reason: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def name_key(name: str) -> str:
    """A name as compared for duplicates: folded, without titles and punctuation, the words in
    order (»Dr. Jörg Müller« and »Müller, Jörg« compare equal)."""
    words = re.sub(r"[^\w\s]", " ", _TITLES.sub(" ", fold(name))).split()
    return " ".join(sorted(words))


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions)."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


def similar_names(a: str, b: str) -> bool:
    """The same person's name, allowing a typo: two differences in a long name, one in a short."""
    key_a, key_b = name_key(a), name_key(b)
    if not key_a or not key_b:
        return False
    allowed = 2 if min(len(key_a), len(key_b)) >= 10 else 1
    return edit_distance(key_a, key_b) <= allowed


def read_table(file: UploadedFile) -> list[list[str]]:
    """The file's cells as text, first row the headings; a German ValidationError at »file«
    when it cannot be read."""
    if file.size is not None and file.size > MAX_BYTES:
        raise ValidationError({"file": _("The file is larger than 5 MB.")})
    data = file.read()
    if data[:4] == b"PK\x03\x04":  # an .xlsx is a zip archive
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise ValidationError(
                {"file": _("The Excel file cannot be read. Please save it again as .xlsx.")}
            ) from error
        sheet = workbook.worksheets[0]
        table = [
            [_cell_text(value) for value in row]
            for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 1)
        ]
        workbook.close()
    else:
        if b"\x00" in data[:1024]:
            raise ValidationError({"file": _("Please upload an Excel file (.xlsx) or a CSV file.")})
        text = spreadsheet_text(data)
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
        table = [
            row
            for _n, row in zip(
                range(MAX_ROWS + 1),
                csv.reader(io.StringIO(text), delimiter=delimiter),
                strict=False,
            )
        ]
    table = [row for row in table if any(cell.strip() for cell in row)]
    if len(table) < 2:
        raise ValidationError({"file": _("The file holds no contacts below its headings.")})
    return table


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _columns(headings: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, heading in enumerate(headings):
        folded = fold(heading).strip().rstrip(":")
        for key, names in HEADINGS.items():
            if folded in names and key not in columns:
                columns[key] = index
    has_name = "name" in columns or "last_name" in columns
    if not has_name or not ({"ags", "authority"} & columns.keys()):
        raise ValidationError(
            {
                "file": _(
                    "The first row must name the columns; needed are »Name« (or »Vorname« and "
                    "»Nachname«) and »AGS« or »Kommune«."
                )
            }
        )
    return columns


class Authorities:
    """The registry's authorities by key and by folded name, read once per file."""

    def __init__(self) -> None:
        self.by_key: dict[str, Authority] = {}
        self.by_name: dict[str, list[Authority]] = {}
        for authority in Authority.objects.order_by("ags"):
            self.by_key[authority.ags] = authority
            self.by_name.setdefault(fold(authority.name), []).append(authority)

    def find(self, ags: str, name: str) -> tuple[Authority | None, str]:
        """The authority, or None and why not."""
        if ags:
            key = ags.replace(" ", "")
            if key.isdigit() and len(key) < 8:
                key = key.zfill(8)  # Excel drops the leading zero of »05…«
            authority = self.by_key.get(key)
            if authority is None:
                return None, _("AGS: »%(ags)s« is no official key of an authority in NRW.") % {
                    "ags": ags
                }
            return authority, ""
        if not name:
            return None, _("Municipality: please give the AGS or the name.")
        found = self.by_name.get(fold(name), [])
        if len(found) == 1:
            return found[0], ""
        if not found:
            return None, _("Municipality: no authority is called »%(name)s«.") % {"name": name}
        return None, _(
            "Municipality: there are %(count)d authorities called »%(name)s«; please give the AGS."
        ) % {"count": len(found), "name": name}


def check_rows(table: list[list[str]]) -> list[Row]:
    """Every row of the file with its outcome: new, duplicate (and of whom), or invalid (why)."""
    columns = _columns(table[0])
    authorities = Authorities()
    existing = list(
        ContactPerson.objects.filter(ended_on__isnull=True, authority__isnull=False).only(
            "pk", "name", "email", "authority_id"
        )
    )
    by_email = {person.email.lower(): person for person in existing if person.email}
    by_authority: dict[str, list[ContactPerson]] = {}
    for person in existing:
        by_authority.setdefault(str(person.authority_id), []).append(person)
    seen_emails: dict[str, int] = {}
    rows = []
    for number, cells in enumerate(table[1:], start=2):

        def cell(key: str, cells: list[str] = cells) -> str:
            index = columns.get(key)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        name = cell("name") or " ".join(filter(None, [cell("first_name"), cell("last_name")]))
        row = Row(
            line=number,
            name=name,
            function=cell("function"),
            department=cell("department"),
            phone=cell("phone"),
            email=cell("email").lower(),
            ags=cell("ags"),
            authority_name=cell("authority"),
            tags=[t.strip() for t in re.split(r"[,|]", cell("tags")) if t.strip()][:10],
        )
        authority = _check(row, authorities)
        if not row.problems and row.email in seen_emails:
            row.problems.append(
                _("E-mail: the same address as in row %(line)d of this file.")
                % {"line": seen_emails[row.email]}
            )
        if row.problems:
            row.outcome = INVALID
            rows.append(row)
            continue
        assert authority is not None
        row.ags, row.authority_name = authority.ags, authority.name
        if row.email:
            seen_emails[row.email] = number
        match = by_email.get(row.email) if row.email else None
        if match is not None:
            row.duplicate_reason = _("same e-mail address")
        else:
            match = next(
                (p for p in by_authority.get(authority.ags, []) if similar_names(p.name, row.name)),
                None,
            )
            if match is not None:
                row.duplicate_reason = _("similar name at the same authority")
        if match is not None:
            row.outcome, row.duplicate_of, row.duplicate_name = DUPLICATE, match.pk, match.name
        rows.append(row)
    return rows


def _check(row: Row, authorities: Authorities) -> Authority | None:
    problems = row.problems
    if not row.name:
        problems.append(_("Name: missing."))
    if not row.function:
        problems.append(_("Function: missing (e.g. »Koordination Ehrenamt«)."))
    for label, value in (
        (_("Name"), row.name),
        (_("Function"), row.function),
        (_("Department"), row.department),
    ):
        if len(value) > 200:
            problems.append(_("%(field)s: longer than 200 characters.") % {"field": label})
    checks = (
        (row.email, validate_email, _("E-mail: »%(value)s« is not an e-mail address.")),
        (row.phone, phone_validator, _("Phone: »%(value)s« is not a phone number.")),
    )
    for value, validate, problem in checks:
        try:
            if value:
                validate(value)
        except ValidationError:
            problems.append(problem % {"value": value})
    if any(len(tag) > 60 for tag in row.tags):
        problems.append(_("Tags: a tag is longer than 60 characters."))
    authority, problem = authorities.find(row.ags, row.authority_name)
    if problem:
        problems.append(problem)
    return authority
