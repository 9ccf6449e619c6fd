"""The import of existing holders: dry run, every bad line named, all or nothing, idempotent."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.models import AuditEntry
from engagiert.core.testing import run_at_once
from engagiert.volunteercard.holders_import import (
    HoldersImportError,
    holders_import,
    holders_plan,
)
from engagiert.volunteercard.models import CARD_NUMBER_ALPHABET, Card

from .partner_factories import CardFactory, issuer_for, kreis_with_towns

HEADER = "Kartennummer;Vorname;Nachname;E-Mail;Geburtsjahr;Engagementbereich;gültig ab;gültig bis\n"
GOOD = (
    HEADER
    + "EAK-2015-0042;Erika;Mustermann;erika@example.org;1961;Sport und Bewegung;"
    + "01.03.2024;28.02.2026\n"
    + ";Hans;Beispiel;;;;15.05.2019;unbefristet\n"
    + ";Zoë;Łukasiewicz;;2001;youth;2025-01-01;2026-12-31\n"
).encode()


@pytest.fixture
def issuer(db):
    kreis, town = kreis_with_towns("Kreis Coesfeld", ["Dülmen"])
    return issuer_for(kreis, [town])


def test_holders_plan_writes_nothing_and_says_what_would_happen(issuer):
    plan = holders_plan(issuer=issuer, data=GOOD)

    assert [holder.line for holder in plan.new] == [2, 3, 4]
    assert plan.existing == []
    assert not Card.objects.exists()


def test_holders_import_creates_the_cards_as_given(issuer):
    user = UserFactory()

    holders_import(issuer=issuer, data=GOOD, by=user, source="alt.csv")

    erika = Card.objects.get(last_name="Mustermann")
    assert erika.number == "EAK20150042"
    assert (erika.valid_from, erika.valid_until) == (
        datetime.date(2024, 3, 1),
        datetime.date(2026, 2, 28),
    )
    assert (erika.birth_year, erika.field, erika.email, erika.kind) == (
        1961,
        "sport",
        "erika@example.org",
        "standard",
    )
    assert erika.issuer == issuer
    assert erika.issued_by == user
    hans = Card.objects.get(last_name="Beispiel")
    assert (hans.kind, hans.valid_until) == (Card.Kind.JUBILEE, None)
    assert len(hans.number) == 16
    assert set(hans.number) <= set(CARD_NUMBER_ALPHABET)
    assert Card.objects.get(first_name="Zoë").field == "youth"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.IMPORT)
    assert entry.changes == {"source": "alt.csv", "created": 3, "existing": 0}


def test_holders_import_is_idempotent(issuer):
    holders_import(issuer=issuer, data=GOOD, by=None, source="a.csv")
    numbers = set(Card.objects.values_list("number", flat=True))

    plan = holders_import(issuer=issuer, data=GOOD, by=None, source="a.csv")

    assert (len(plan.new), len(plan.existing)) == (0, 3)
    assert set(Card.objects.values_list("number", flat=True)) == numbers


def test_holders_import_matches_names_without_number_regardless_of_case(issuer):
    CardFactory(
        issuer=issuer,
        first_name="HANS",
        last_name="beispiel",
        valid_from=datetime.date(2019, 5, 15),
    )

    plan = holders_plan(issuer=issuer, data=GOOD)

    assert [holder.line for holder in plan.existing] == [3]


def test_holders_import_names_every_bad_line_and_imports_nothing(issuer):
    data = (
        HEADER
        + "EAK-1;Erika;Mustermann;erika@example.org;1961;Sport und Bewegung;01.03.2024;28.02.2026\n"
        + ";;Ohnevorname;;;;01.01.2024;31.12.2025\n"
        + ";Max;Datum;keine-mail;1850;Kochen;31.02.2024;bald\n"
        + ";Eva;Rückwärts;;;;01.01.2025;31.12.2024\n"
        + "EAK-1;Erika;Doppelt;;;;01.01.2024;31.12.2025\n"
        + ";Alt;Karte;;;;01.01.2007;31.12.2009\n"
        + "zu;viele;Spalten;;;;01.01.2024;31.12.2025;x\n"
    ).encode()

    with pytest.raises(HoldersImportError) as error:
        holders_import(issuer=issuer, data=data, by=None, source="x.csv")

    assert error.value.problems == [
        "Zeile 3: Vorname: fehlt",
        "Zeile 4: E-Mail: »keine-mail« ist keine E-Mail-Adresse",
        "Zeile 4: Geburtsjahr: »1850« ist kein Jahr zwischen 1900 und "
        f"{datetime.date.today().year}",
        "Zeile 4: Engagementbereich: »Kochen« ist keiner der Engagementbereiche",
        "Zeile 4: gültig ab: »31.02.2024« ist kein Datum wie 31.12.2025",
        "Zeile 4: gültig bis: »bald« ist weder ein Datum wie 31.12.2025 noch »unbefristet«",
        "Zeile 5: gültig bis: liegt vor »gültig ab«",
        "Zeile 6: dieselbe Karte wie in Zeile 2",
        "Zeile 7: gültig ab: vor 2008, dem Beginn des Programms",
        "Zeile 8: falsche Anzahl von Spalten",
    ]
    assert not Card.objects.exists()


def test_holders_import_refuses_a_number_of_another_issuers_card(issuer):
    kreis, town = kreis_with_towns("Kreis Borken", ["Ahaus"])
    CardFactory(issuer=issuer_for(kreis, [town]), number="EAK20150042")

    with pytest.raises(HoldersImportError) as error:
        holders_plan(issuer=issuer, data=GOOD)

    assert error.value.problems == [
        "Zeile 2: Kartennummer: die Nummer EAK20150042 gehört zur Karte eines anderen Ausgebers"
    ]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"Vorname,Nachname\nA,B\n", "Zeile 1: Es fehlen Spalten: gültig ab, gültig bis"),
        (HEADER.encode(), "Die Datei enthält keine Karteninhaber."),
    ],
)
def test_holders_import_explains_a_file_it_cannot_read(issuer, data, problem):
    with pytest.raises(HoldersImportError) as error:
        holders_plan(issuer=issuer, data=data)

    assert error.value.problems == [problem]


def test_holders_import_reads_excel_windows_1252_with_commas(issuer):
    data = "Vorname,Nachname,gültig ab,gültig bis\nJürgen,Groß,01.01.2024,31.12.2025\n".encode(
        "cp1252"
    )

    holders_import(issuer=issuer, data=data, by=None, source="excel.csv")

    assert Card.objects.get().holder_name == "Jürgen Groß"


# --- The page: dry run, then import of what was shown ----------------------------------------


@pytest.fixture
def staff(issuer):
    user = UserFactory(email="karte@coesfeld.example")
    role_grant(user=user, role=Role.CARD_STAFF, authority=issuer.authority)
    return user


def test_holders_import_view_dry_run_then_import(client, issuer, staff):
    client.force_login(staff)
    url = f"/ehrenamtskarte/verwaltung/ausgeber/{issuer.pk}/import/"

    checked = client.post(url, {"file": SimpleUploadedFile("alt.csv", GOOD)})
    assert "3 neue Karten würden angelegt." in checked.content.decode()
    assert not Card.objects.exists()
    imported = client.post(url, {"digest": checked.context["digest"]}, follow=True)

    assert "Importiert: 3 neue Karten; 0 waren schon vorhanden." in imported.content.decode()
    assert Card.objects.count() == 3
    again = client.post(url, {"digest": checked.context["digest"]}, follow=True)
    assert "Bitte prüfen Sie die Datei erneut" in again.content.decode()
    assert Card.objects.count() == 3


def test_holders_import_view_shows_the_problems(client, issuer, staff):
    client.force_login(staff)

    response = client.post(
        f"/ehrenamtskarte/verwaltung/ausgeber/{issuer.pk}/import/",
        {"file": SimpleUploadedFile("alt.csv", (HEADER + ";;X;;;;01.01.2024;x\n").encode())},
    )

    page = response.content.decode()
    assert "Zeile 2: Vorname: fehlt" in page
    assert "digest" not in page


def test_holders_template_view_downloads_the_columns(client, staff):
    client.force_login(staff)

    response = client.get("/ehrenamtskarte/verwaltung/import-vorlage.csv")

    text = response.content.decode("utf-8-sig")
    assert (
        text.splitlines()[0]
        == "Kartennummer;Vorname;Nachname;E-Mail;Geburtsjahr;Engagementbereich;gültig ab;gültig bis"
    )
    assert "unbefristet" in text


def test_the_template_imports_cleanly(issuer, client, staff):
    client.force_login(staff)
    template = client.get("/ehrenamtskarte/verwaltung/import-vorlage.csv").content

    plan = holders_plan(issuer=issuer, data=template)

    assert len(plan.new) == 2


def test_the_same_file_imported_twice_at_once_creates_each_card_once(threads_database):
    """The issuer's row lock makes the second import wait and then find every card there
    (SQLite here; with DATABASE_URL on PostgreSQL the same test runs on row locks)."""
    kreis, town = kreis_with_towns("Kreis Coesfeld", ["Dülmen"])
    issuer = issuer_for(kreis, [town])

    outcomes = run_at_once(
        [lambda: holders_import(issuer=issuer, data=GOOD, by=None, source="a.csv")] * 4
    )

    assert sorted(len(plan.new) for plan in outcomes) == [0, 0, 0, 3], outcomes
    assert Card.objects.count() == 3


def test_holders_import_names_a_birth_year_of_other_digits_instead_of_failing(issuer):
    data = (HEADER + ";Erika;Hochzahl;;¹⁹⁶¹;;01.03.2024;28.02.2026\n").encode()

    with pytest.raises(HoldersImportError) as error:
        holders_plan(issuer=issuer, data=data)

    assert error.value.problems == [
        f"Zeile 2: Geburtsjahr: »¹⁹⁶¹« ist kein Jahr zwischen 1900 und {datetime.date.today().year}"
    ]
