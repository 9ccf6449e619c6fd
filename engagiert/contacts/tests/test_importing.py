"""Reading contact lists: Excel and CSV as offices keep them, each row checked before saving."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from engagiert.contacts.importing import (
    DUPLICATE,
    INVALID,
    NEW,
    check_rows,
    read_table,
    similar_names,
)
from engagiert.membership.tests.factories import ContactPersonFactory
from engagiert.registry.tests.factories import AuthorityFactory

pytestmark = pytest.mark.django_db

HEAD = ["Name", "Funktion", "E-Mail", "AGS"]


def xlsx(rows: list[list[object]], name: str = "kontakte.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def csv_file(text: str, encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile("kontakte.csv", text.encode(encoding))


@pytest.fixture
def unna():
    return AuthorityFactory(ags="05978036", name="Unna")


def test_an_excel_list_is_read_with_the_leading_zero_of_the_key_put_back(unna):
    table = read_table(xlsx([HEAD, ["Anna Berg", "Koordination", "anna@unna.de", 5978036]]))

    [row] = check_rows(table)

    assert (row.outcome, row.ags, row.authority_name) == (NEW, "05978036", "Unna")


def test_a_windows_csv_with_semicolons_keeps_its_umlauts(unna):
    text = "Vorname;Nachname;Funktion;Kommune;Schlagworte\nJörg;Müller;Ehrenamt;Unna;Kongress, AG\n"

    [row] = check_rows(read_table(csv_file(text, "cp1252")))

    assert (row.name, row.tags, row.outcome) == ("Jörg Müller", ["Kongress", "AG"], NEW)


def test_a_utf8_csv_with_commas_is_read(unna):
    text = '\ufeffName,Funktion,AGS\n"Berg, Anna",Leitung,05978036\n'

    [row] = check_rows(read_table(csv_file(text)))

    assert (row.name, row.function, row.outcome) == ("Berg, Anna", "Leitung", NEW)


def test_each_invalid_field_is_named(unna):
    table = read_table(
        xlsx(
            [
                HEAD,
                ["", "Koordination", "kein-at-zeichen", "05978036"],
                ["Carla Dorn", "", "", "09999999"],
            ]
        )
    )

    first, second = check_rows(table)

    assert first.outcome == second.outcome == INVALID
    assert first.problems == [
        "Name: fehlt.",
        "E-Mail: »kein-at-zeichen« ist keine E-Mail-Adresse.",
    ]
    assert second.problems == [
        "Funktion: fehlt (z. B. »Koordination Ehrenamt«).",
        "AGS: »09999999« ist kein amtlicher Schlüssel einer Kommune in NRW.",
    ]


def test_an_ambiguous_name_asks_for_the_key(unna):
    AuthorityFactory(name="Unna", ags="05978000")
    table = read_table(csv_file("Name;Funktion;Kommune\nAnna Berg;Leitung;Unna\n"))

    [row] = check_rows(table)

    assert row.problems == [
        "Kommune: Es gibt 2 Kommunen namens »Unna«; bitte geben Sie den AGS an."
    ]


def test_duplicates_by_address_and_by_a_similar_name_at_the_same_authority(unna):
    known = ContactPersonFactory(authority=unna, name="Jörg Müller", email="j.mueller@unna.de")
    elsewhere = AuthorityFactory()
    table = read_table(
        xlsx(
            [
                HEAD,
                ["Someone Else", "Leitung", "J.Mueller@unna.de", "05978036"],
                ["Dr. Joerg Mueler", "Leitung", "", "05978036"],
                ["Jörg Müller", "Leitung", "", elsewhere.ags],
            ]
        )
    )

    by_address, by_name, other_town = check_rows(table)

    assert (by_address.outcome, by_address.duplicate_of) == (DUPLICATE, known.pk)
    assert by_address.duplicate_reason == "gleiche E-Mail-Adresse"
    assert (by_name.outcome, by_name.duplicate_of) == (DUPLICATE, known.pk)
    assert by_name.duplicate_reason == "ähnlicher Name bei derselben Kommune"
    assert other_town.outcome == NEW


def test_the_same_address_twice_in_one_file_is_invalid_the_second_time(unna):
    rows = [HEAD, ["A B", "X", "a@unna.de", "05978036"], ["C D", "X", "a@unna.de", "05978036"]]

    first, second = check_rows(read_table(xlsx(rows)))

    assert first.outcome == NEW
    assert second.problems == ["E-Mail: die gleiche Adresse wie in Zeile 2 dieser Datei."]


def test_names_that_differ_by_more_than_a_typo_are_different_people():
    assert similar_names("Müller, Jörg", "Joerg Mueller")
    assert similar_names("Anna Schmidt", "Anna Schmitt")
    assert not similar_names("Anna Schmidt", "Hanna Schubert")
    assert not similar_names("Li Wu", "Li Xu Ma")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Name;Funktion\nA;B\n", "Die erste Zeile muss die Spalten benennen"),
        (b"Name;AGS\n", "Die Datei enthält unter den Überschriften keine Kontakte."),
        (b"PK\x03\x04kaputt", "Die Excel-Datei kann nicht gelesen werden."),
    ],
)
def test_an_unreadable_file_is_refused_with_a_reason(content, message):
    with pytest.raises(ValidationError) as error:
        check_rows(read_table(SimpleUploadedFile("liste.csv", content)))

    assert message in " ".join(error.value.message_dict["file"])
