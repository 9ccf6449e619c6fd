from decimal import Decimal
from pathlib import Path

import pytest

from engagiert.core.models import AuditEntry
from engagiert.registry.models import Authority
from engagiert.registry.services import (
    OFFICIAL_FIELDS,
    RegistryImportError,
    registry_import,
    registry_rows,
)

from .factories import AuthorityFactory

REGISTRY_FILE = Path(__file__).resolve().parents[1] / "data" / "nrw_kommunen.csv"
HEADER = "ags,name,kind,parent_ags,population,area_km2,lat,lon"
# One authority of each kind, parents before children; the line numbers count the header as 1.
REGION = "051,Regierungsbezirk Düsseldorf,regierungsbezirk,,5244379,5292.33,51.22422,6.780068"
DISTRICT = "05170,Kreis Wesel,kreis,051,457918,1042.76,51.65733,6.617306"
CITY = "05116000,Mönchengladbach,kreisfreie_stadt,051,267213,170.47,51.194473,6.43161"
TOWN = "05170020,Kamp-Lintfort,stadt,05170,38217,63.14,51.500257,6.55139"
MUNICIPALITY = "05170004,Alpen,gemeinde,05170,12515,59.60,51.575134,6.511241"
GOOD = (REGION, DISTRICT, CITY, TOWN, MUNICIPALITY)


def csv_bytes(*rows: str, header: str = HEADER) -> bytes:
    return "".join(f"{line}\n" for line in (header, *rows)).encode()


def good_with(line: int, row: str) -> bytes:
    """The good file with the row on `line` (2 to 6) replaced, or appended as line 7."""
    rows = list(GOOD)
    if line - 2 < len(rows):
        rows[line - 2] = row
    else:
        rows.append(row)
    return csv_bytes(*rows)


def official_facts() -> dict[str, dict[str, object]]:
    return {row["ags"]: row for row in Authority.objects.values("ags", *OFFICIAL_FIELDS)}


def import_counts() -> list[dict[str, int]]:
    """The counts of every import in the audit log, oldest first."""
    return list(
        AuditEntry.objects.filter(action="import").order_by("pk").values_list("changes", flat=True)
    )


def import_problems(data: bytes) -> list[str]:
    with pytest.raises(RegistryImportError) as raised:
        registry_import(data=data, source="kommunen.csv")
    return raised.value.problems


# --- registry_import: a good file -----------------------------------------------------------


def test_registry_import_creates_every_kind_with_its_hierarchy(db):
    result = registry_import(data=csv_bytes(*GOOD), source="kommunen.csv")

    assert (result.created, result.updated, result.unchanged, result.total) == (5, 0, 0, 5)
    placed = {
        ags: (kind, parent, district, region)
        for ags, kind, parent, district, region in Authority.objects.values_list(
            "ags", "kind", "parent_id", "district_id", "region_id"
        )
    }
    assert placed == {
        "051": ("regierungsbezirk", None, None, None),
        "05170": ("kreis", "051", None, "051"),
        "05116000": ("kreisfreie_stadt", "051", None, "051"),
        "05170020": ("stadt", "05170", "05170", "051"),
        "05170004": ("gemeinde", "05170", "05170", "051"),
    }
    kamp_lintfort = Authority.objects.get(ags="05170020")
    assert [a.name for a in kamp_lintfort.hierarchy()] == [
        "Regierungsbezirk Düsseldorf",
        "Kreis Wesel",
        "Kamp-Lintfort",
    ]
    assert kamp_lintfort.population == 38217
    assert kamp_lintfort.area_km2 == Decimal("63.14")
    assert (kamp_lintfort.latitude, kamp_lintfort.longitude) == (
        Decimal("51.500257"),
        Decimal("6.55139"),
    )


def test_registry_import_stores_a_search_key_for_every_spelling(db):
    registry_import(data=csv_bytes(*GOOD), source="kommunen.csv")

    keys = dict(Authority.objects.values_list("name", "search_key"))
    assert set(keys["Mönchengladbach"].split()) == {"moenchengladbach", "monchengladbach"}
    assert keys["Regierungsbezirk Düsseldorf"].split() == [
        "regierungsbezirk",
        "duesseldorf",
        "regierungsbezirk",
        "dusseldorf",
    ]
    assert keys["Alpen"] == "alpen"


def test_registry_import_writes_one_audit_entry_with_the_counts(db):
    registry_import(data=csv_bytes(*GOOD), source="kommunen.csv")

    entry = AuditEntry.objects.get()
    assert entry.action == "import"
    assert entry.content_type.model_class() is Authority
    assert entry.changes == {"created": 5, "updated": 0, "unchanged": 0}
    assert entry.object_repr == "Import des Verzeichnisses aus kommunen.csv"


def test_registry_import_accepts_a_file_saved_by_excel_with_bom_and_crlf(db):
    data = ("\ufeff" + "\r\n".join((HEADER, *GOOD)) + "\r\n").encode()

    result = registry_import(data=data, source="excel.csv")

    assert result.created == 5
    assert Authority.objects.get(ags="05116000").name == "Mönchengladbach"


def test_registry_import_places_new_gemeinden_under_a_kreis_already_in_the_registry(db):
    registry_import(data=csv_bytes(REGION, DISTRICT), source="kreise.csv")

    result = registry_import(data=csv_bytes(TOWN, MUNICIPALITY), source="gemeinden.csv")

    assert (result.created, result.unchanged) == (2, 0)
    assert set(
        Authority.objects.filter(kind__in=["stadt", "gemeinde"]).values_list(
            "parent_id", "district_id", "region_id"
        )
    ) == {("05170", "05170", "051")}


# --- registry_import: importing again ---------------------------------------------------------


def test_registry_import_of_the_same_file_again_changes_nothing(db):
    registry_import(data=csv_bytes(*GOOD), source="kommunen.csv")
    before = dict(Authority.objects.values_list("ags", "updated_at"))

    result = registry_import(data=csv_bytes(*GOOD), source="kommunen.csv")

    assert (result.created, result.updated, result.unchanged) == (0, 0, 5)
    assert Authority.objects.count() == 5
    assert dict(Authority.objects.values_list("ags", "updated_at")) == before
    assert import_counts() == [
        {"created": 5, "updated": 0, "unchanged": 0},
        {"created": 0, "updated": 0, "unchanged": 5},
    ]


def test_registry_import_updates_exactly_the_changed_row(db):
    registry_import(data=csv_bytes(*GOOD), source="kommunen.csv")
    before = official_facts()

    result = registry_import(
        data=good_with(5, TOWN.replace(",38217,", ",39000,")), source="kommunen-2025.csv"
    )

    assert (result.created, result.updated, result.unchanged) == (0, 1, 4)
    after = official_facts()
    assert {ags for ags in before if after[ags] != before[ags]} == {"05170020"}
    assert after["05170020"] == {**before["05170020"], "population": 39000}
    assert import_counts() == [
        {"created": 5, "updated": 0, "unchanged": 0},
        {"created": 0, "updated": 1, "unchanged": 4},
    ]


def test_registry_import_stamps_the_time_of_the_change(db):
    registry_import(data=csv_bytes(*GOOD), source="kommunen.csv")
    before = Authority.objects.get(ags="05170020").updated_at

    registry_import(data=good_with(5, TOWN.replace(",38217,", ",39000,")), source="neu.csv")

    assert Authority.objects.get(ags="05170020").updated_at > before


def test_registry_import_renames_and_refreshes_the_search_key(db):
    registry_import(data=csv_bytes(*GOOD), source="kommunen.csv")

    registry_import(
        data=good_with(6, MUNICIPALITY.replace("Alpen", "Alpen am Niederrhein")), source="neu.csv"
    )

    alpen = Authority.objects.get(ags="05170004")
    assert alpen.name == "Alpen am Niederrhein"
    assert alpen.search_key == "alpen am niederrhein"


# --- registry_import: bad files stop everything ------------------------------------------------

BAD_FILES = {
    "letters in the key": (
        good_with(5, TOWN.replace("05170020", "05X70020")),
        5,
        "amtlicher Schlüssel »05X70020« muss für die Art »stadt« 8 Ziffern haben",
    ),
    "key too short for the kind": (
        good_with(4, CITY.replace("05116000", "05116")),
        4,
        "amtlicher Schlüssel »05116« muss für die Art »kreisfreie_stadt« 8 Ziffern haben",
    ),
    "kreis with a gemeinde key": (
        good_with(7, "05166000,Kreis Viersen,kreis,051,298935,563.28,51.25,6.39"),
        7,
        "»05166000« muss für die Art »kreis« 5 Ziffern haben",
    ),
    "unknown kind": (
        good_with(6, MUNICIPALITY.replace("gemeinde", "dorf")),
        6,
        "unbekannte Art »dorf«",
    ),
    "unknown parent": (
        good_with(6, MUNICIPALITY.replace(",05170,", ",05199,")),
        6,
        "übergeordnete Einheit »05199« ist unbekannt",
    ),
    "parent after its child": (
        csv_bytes(REGION, TOWN, DISTRICT),
        3,
        "übergeordnete Einheit »05170« ist unbekannt",
    ),
    "kreis without a parent": (
        good_with(3, DISTRICT.replace(",051,", ",,")),
        3,
        "übergeordnete Einheit »—« ist unbekannt",
    ),
    "parent key not a prefix": (
        good_with(6, MUNICIPALITY.replace("05170004", "05166004")),
        6,
        "übergeordnete Einheit »05170« passt nicht zum Schlüssel »05166004«",
    ),
    "stadt directly under the Regierungsbezirk": (
        good_with(5, TOWN.replace(",05170,", ",051,")),
        5,
        "übergeordnete Einheit »051« passt nicht zum Schlüssel »05170020«",
    ),
    "Regierungsbezirk with a parent": (
        good_with(2, REGION.replace(",regierungsbezirk,,", ",regierungsbezirk,05,")),
        2,
        "ein Regierungsbezirk hat keine übergeordnete Einheit, angegeben ist aber »05«",
    ),
    "duplicate key": (
        good_with(7, TOWN.replace("Kamp-Lintfort", "Kamp Lintfort")),
        7,
        "Schlüssel »05170020« steht bereits in Zeile 5",
    ),
    "empty name": (good_with(5, TOWN.replace("Kamp-Lintfort", " ")), 5, "der Name ist leer"),
    "population not a number": (
        good_with(5, TOWN.replace(",38217,", ",viele,")),
        5,
        "Spalte »population« enthält den ungültigen Wert »viele«",
    ),
    "negative population": (
        good_with(5, TOWN.replace(",38217,", ",-1,")),
        5,
        "Spalte »population« enthält den ungültigen Wert »-1«",
    ),
    "area not finite": (
        good_with(5, TOWN.replace(",63.14,", ",NaN,")),
        5,
        "Spalte »area_km2« enthält den ungültigen Wert »NaN«",
    ),
    "latitude out of range": (
        good_with(6, MUNICIPALITY.replace(",51.575134,", ",151.575134,")),
        6,
        "Spalte »lat« enthält den ungültigen Wert »151.575134«",
    ),
    "longitude out of range": (
        good_with(6, MUNICIPALITY.replace(",6.511241", ",-200")),
        6,
        "Spalte »lon« enthält den ungültigen Wert »-200«",
    ),
    "a column too many": (good_with(5, TOWN + ",x"), 5, "falsche Anzahl von Spalten"),
    "a column too few": (good_with(5, TOWN.rsplit(",", 1)[0]), 5, "falsche Anzahl von Spalten"),
    "missing column": (
        csv_bytes(*(row.rsplit(",", 1)[0] for row in GOOD), header=HEADER.replace(",lon", "")),
        1,
        "Es fehlen Spalten: lon",
    ),
    "semicolons from a German spreadsheet": (
        csv_bytes(*(row.replace(",", ";") for row in GOOD), header=HEADER.replace(",", ";")),
        1,
        "Es fehlen Spalten: ags, name, kind, parent_ags, population, area_km2, lat, lon",
    ),
    "latin-1 instead of UTF-8": (
        csv_bytes(*GOOD) + "05978024,Lünen,stadt,05170,86163,59.39,51.61,7.52\n".encode("latin-1"),
        7,
        "nicht UTF-8-kodiert (Byte 0xfc)",
    ),
}


@pytest.mark.parametrize(("data", "line", "message"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_registry_import_of_a_bad_file_imports_nothing_and_names_the_line(db, data, line, message):
    problems = import_problems(data)

    assert any(p.startswith(f"Zeile {line}: ") and message in p for p in problems), problems
    assert Authority.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_registry_import_of_a_bad_file_leaves_the_registry_as_it_was(db):
    registry_import(data=csv_bytes(*GOOD), source="kommunen.csv")

    bad = csv_bytes(REGION, DISTRICT, CITY, TOWN.replace(",38217,", ",39000,"), MUNICIPALITY + ",x")
    assert import_problems(bad) == ["Zeile 6: falsche Anzahl von Spalten"]

    assert Authority.objects.get(ags="05170020").population == 38217
    assert AuditEntry.objects.count() == 1


def test_registry_import_reports_every_bad_line_in_order(db):
    data = good_with(5, TOWN.replace(",38217,", ",viele,")).replace(b",6.511241", b",-200")

    assert import_problems(data) == [
        "Zeile 5: Spalte »population« enthält den ungültigen Wert »viele«",
        "Zeile 6: Spalte »lon« enthält den ungültigen Wert »-200«",
    ]


def test_registry_import_shows_twenty_problems_and_counts_the_rest(db):
    bad_rows = [f"0517{n:04d},Ort {n},gemeinde,05170,x,1,51,7" for n in range(25)]

    problems = import_problems(csv_bytes(REGION, DISTRICT, *bad_rows))

    assert len(problems) == 21
    assert problems[0] == "Zeile 4: Spalte »population« enthält den ungültigen Wert »x«"
    assert problems[19].startswith("Zeile 23: ")
    assert problems[20] == "… und 5 weitere Probleme."


def test_registry_import_of_a_file_without_authorities_says_so(db):
    assert import_problems(csv_bytes()) == ["Die Datei enthält keine Kommunen."]
    assert AuditEntry.objects.count() == 0


def test_registry_import_of_extra_decimals_is_unchanged_the_second_time(db):
    data = good_with(5, TOWN.replace(",51.500257,", ",51.5002571,"))
    registry_import(data=data, source="kommunen.csv")

    assert registry_import(data=data, source="kommunen.csv").unchanged == 5


def test_registry_import_of_an_overlong_name_names_the_line(db):
    problems = import_problems(good_with(6, MUNICIPALITY.replace("Alpen", "A" * 201)))

    assert problems[0].startswith("Zeile 6: ")


# --- registry_rows -----------------------------------------------------------------------------


def test_registry_rows_parses_numbers_and_line_numbers_without_writing(db):
    rows = registry_rows(csv_bytes(*GOOD))

    assert [(row.line, row.ags) for row in rows] == [
        (2, "051"),
        (3, "05170"),
        (4, "05116000"),
        (5, "05170020"),
        (6, "05170004"),
    ]
    town = rows[3]
    assert (town.name, town.kind, town.parent_ags) == ("Kamp-Lintfort", "stadt", "05170")
    assert town.population == 38217
    assert town.area_km2 == Decimal("63.14")
    assert (town.latitude, town.longitude) == (Decimal("51.500257"), Decimal("6.55139"))
    assert Authority.objects.count() == 0


def test_registry_rows_trims_spaces_around_values(db):
    padded = " 05170020 , Kamp-Lintfort ,stadt, 05170 , 38217 ,63.14,51.5,6.5"

    town = registry_rows(csv_bytes(REGION, DISTRICT, padded))[2]

    assert (town.ags, town.name, town.parent_ags, town.population) == (
        "05170020",
        "Kamp-Lintfort",
        "05170",
        38217,
    )


def test_registry_rows_accepts_parents_already_in_the_registry(db):
    data = csv_bytes(TOWN)
    with pytest.raises(RegistryImportError) as raised:
        registry_rows(data)
    assert raised.value.problems == [
        "Zeile 2: übergeordnete Einheit »05170« ist unbekannt "
        "(sie muss vor ihren Untereinheiten stehen)"
    ]

    AuthorityFactory(ags="051", name="Regierungsbezirk Düsseldorf", kind="regierungsbezirk")
    AuthorityFactory(ags="05170", name="Kreis Wesel", kind="kreis", parent_id="051")

    assert [row.ags for row in registry_rows(data)] == ["05170020"]
