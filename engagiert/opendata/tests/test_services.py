import csv
import datetime
import io
import json
import re
from dataclasses import replace

import pytest
from django.apps import apps
from django.db import models

from engagiert.core import schedule
from engagiert.core.extensions import ColumnType, open_datasets, periodic_jobs
from engagiert.demo.services import demo_load
from engagiert.events.tests.factories import EventFactory
from engagiert.membership.models import ContactPerson, Leader, Signature
from engagiert.opendata import queries
from engagiert.opendata.services import datasets_publish
from engagiert.registry.services import registry_import_file
from engagiert.registry.tests.conftest import REGISTRY_FILE

JSON_TYPES = {
    ColumnType.STRING: str,
    ColumnType.URL: str,
    ColumnType.DATE: str,
    ColumnType.DATETIME: str,
    ColumnType.INTEGER: int,
    ColumnType.NUMBER: float,
    ColumnType.BOOLEAN: bool,
}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def _files(media):
    return {path.name: path.read_text(encoding="utf-8") for path in (media / "opendata").iterdir()}


def _parse(value, column):
    """The value read back in the type the column declares (raises if it is not)."""
    if column.type == ColumnType.DATE:
        return datetime.date.fromisoformat(value)
    if column.type == ColumnType.DATETIME:
        return datetime.datetime.fromisoformat(value)
    if column.type == ColumnType.URL:
        assert value.startswith("http"), value
    return value


@pytest.mark.usefixtures("world")
def test_every_dataset_writes_csv_and_json_with_its_declared_columns(media):
    assert datasets_publish() == len(queries.datasets()) >= 9
    files = _files(media)

    for dataset in queries.datasets():
        names = [column.name for column in dataset.columns]
        table = list(csv.reader(io.StringIO(files[f"{dataset.slug}.csv"], newline="")))
        document = json.loads(files[f"{dataset.slug}.json"])
        assert table[0] == names, dataset.slug
        assert [column["name"] for column in document["columns"]] == names
        assert len(table) - 1 == len(document["rows"]) >= 1, dataset.slug
        assert document["license"]["uri"] == "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
        assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in document["attribution"]
        for row, line in zip(document["rows"], table[1:], strict=True):
            assert list(row) == names
            for column, cell in zip(dataset.columns, line, strict=True):
                value = row[column.name]
                if value is None:
                    assert cell == ""
                    continue
                assert isinstance(value, JSON_TYPES[column.type]), (dataset.slug, column.name)
                _parse(value, column)
                if column.type == ColumnType.BOOLEAN:
                    assert cell == ("true" if value else "false")
                elif column.type != ColumnType.NUMBER:
                    assert cell == str(value)


def _personal_values() -> set[str]:
    """Every e-mail address and phone number the database holds, of any model."""
    found = set()
    for model in apps.get_models():
        fields = [
            field.name
            for field in model._meta.fields
            if isinstance(field, models.EmailField) or "phone" in field.name
        ]
        for field in fields:
            found |= {v for v in model.objects.values_list(field, flat=True) if v}
    return found


@pytest.mark.usefixtures("world")
def test_no_file_holds_an_email_address_a_phone_number_or_members_only_content(media):
    datasets_publish()
    text = "\n".join(_files(media).values())
    personal = _personal_values()

    assert {"kontakt@ahausen.example", "02361 4711", "teilnehmerin@example.org"} <= personal
    assert [value for value in personal if value in text] == []
    assert EMAIL.findall(text) == []
    for hidden in ("Erika Beispiel", "Tina Teil", "Internes Papier", "Entwurf eines Treffens"):
        assert hidden not in text
    assert "Lesepaten in Ahausen" in text
    assert "Netzwerktreffen Ahausen" in text


@pytest.mark.django_db
def test_the_demo_data_leave_no_person_in_any_file(media):
    """The seeded people of the demo (officers, leaders, signatories, participants, partners,
    card holders) appear in no dataset: not by address, phone number or name."""
    registry_import_file(path=REGISTRY_FILE)
    demo_load()
    datasets_publish()
    text = "\n".join(_files(media).values())
    names = {name for name in Signature.objects.values_list("signed_by", flat=True) if name}
    names |= set(Leader.objects.values_list("name", flat=True))
    names |= set(ContactPerson.objects.values_list("name", flat=True))

    assert len(_personal_values()) > 20
    assert [value for value in _personal_values() if value in text] == []
    assert EMAIL.findall(text) == []
    assert names
    assert [name for name in names if name in text] == []


def test_the_daily_job_writes_the_files_anew(media, db):
    EventFactory(title="Erstes Treffen")
    job = periodic_jobs.get("opendata.publish")
    assert job is not None
    assert job.every == datetime.timedelta(days=1)
    first = datetime.datetime(2026, 3, 1, 6, tzinfo=datetime.UTC)
    [run] = [r for r in schedule.schedule_run_due(now=first) if r.key == "opendata.publish"]
    assert run.error == ""
    events = queries.dataset("veranstaltungen")
    issued = queries.published(events).issued

    EventFactory(title="Zweites Treffen")
    job.run()

    text = (media / "opendata" / "veranstaltungen.csv").read_text()
    assert "Erstes Treffen" in text
    assert "Zweites Treffen" in text
    meta = queries.published(events)
    assert meta.rows == 2
    assert meta.issued == issued
    assert meta.generated_at >= issued
    assert sorted(path.name for path in (media / "opendata").glob("veranstaltungen*")) == [
        "veranstaltungen.csv",
        "veranstaltungen.json",
        "veranstaltungen.meta.json",
    ]


def test_a_failing_dataset_keeps_its_files_and_the_others_are_written(media, db, monkeypatch):
    broken = replace(queries.dataset("wissen"), slug="kaputt", rows=lambda: [{"falsch": 1}])
    monkeypatch.setitem(open_datasets._entries, "test.broken", broken)

    written = datasets_publish()

    assert written == len(queries.datasets()) - 1
    assert not (media / "opendata" / "kaputt.csv").exists()
    assert (media / "opendata" / "veranstaltungen.csv").exists()
