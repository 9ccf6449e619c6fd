import io
import json
import zipfile

from engagiert.core.extensions import DataSubject, personal_data
from engagiert.privacy.exports import export_zip


def _zip(person) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(export_zip(DataSubject(person.user, person.email))))


def _everything(archive: zipfile.ZipFile) -> str:
    return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


def test_the_export_has_a_file_for_every_declaration_with_every_declared_field(people):
    person, _ = people
    archive = _zip(person)

    for key, declaration in personal_data.items():
        document = json.loads(archive.read(f"daten/{key}.json"))
        assert set(document["felder"]) == set(declaration.fields)
        assert document["eintraege"]
        for row in document["eintraege"]:
            assert set(declaration.fields) <= set(row)


def test_the_export_holds_the_persons_values_with_german_labels(people):
    person, _ = people
    archive = _zip(person)
    registration = json.loads(archive.read("daten/events.registration.json"))
    card = json.loads(archive.read("daten/volunteercard.application.json"))

    assert registration["felder"]["name"] == "Name"
    assert registration["eintraege"][0]["name"] == "Jürgen Wöllner-Bast"
    assert registration["eintraege"][0]["status"] == "bestätigt"
    assert card["felder"]["street"] == "Straße und Hausnummer"
    assert card["eintraege"][0]["street"] == "Lindenallee 7"
    assert "+49 2381 17-4401" in _everything(archive)


def test_the_export_holds_nothing_of_the_other_person(people):
    person, other = people
    text = _everything(_zip(person))

    for value in other.identifying():
        assert value not in text
    assert "Wolters" not in text


def test_the_export_holds_the_persons_files_and_a_readable_overview(people):
    person, other = people
    archive = _zip(person)
    overview = archive.read("index.html").decode()

    assert "dateien/membership.document/leitbild-Unna.pdf" in archive.namelist()
    assert archive.read("dateien/membership.document/leitbild-Unna.pdf").startswith(b"%PDF")
    assert not [name for name in archive.namelist() if "Kamen" in name]
    assert "Anmeldung zu Veranstaltungen" in overview
    assert "Lindenallee 7" in overview
