"""Backup and restore: a backup of real data survives the loss of everything (every table and
every uploaded file come back as they were), and a damaged archive is refused untouched.
Runs on whichever database the tests use: SQLite's online backup or pg_dump/pg_restore."""

import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

REGISTRY = Path(settings.BASE_DIR) / "engagiert" / "registry" / "data" / "nrw_kommunen.csv"
FILES = {
    "mitglieder/05111000/strategie.pdf": b"%PDF-1.4\n% Strategie Duesseldorf\n",
    "veranstaltungen/7/protokoll.pdf": b"%PDF-1.4\n" + bytes(range(256)) * 40,
    "wirkung/berichte/2025.pdf": b"%PDF-1.7\n% Bericht\n",
}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def every_table() -> dict[str, list[str]]:
    """Each table's rows, in a stable order."""
    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            tables[table] = sorted(repr(row) for row in cursor.fetchall())
    return tables


def every_file(media: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(media)): path.read_bytes()
        for path in media.rglob("*")
        if path.is_file()
    }


@pytest.fixture
def platform(media):
    """The registry and the demo data in the database, three uploaded files."""
    call_command("import_registry", str(REGISTRY))
    call_command("load_demo")
    for name, data in FILES.items():
        default_storage.save(name, ContentFile(data))
    return every_table(), every_file(media)


def test_a_backup_brings_back_every_table_and_every_file_after_all_is_lost(
    platform, media, tmp_path
):
    tables, files = platform
    archive = tmp_path / "sicherung.tar"
    call_command("backup", str(archive))

    call_command("flush", interactive=False)  # every table emptied
    default_storage.delete("mitglieder/05111000/strategie.pdf")
    (media / "veranstaltungen" / "7" / "protokoll.pdf").write_bytes(b"overwritten")
    default_storage.save("fremd/neu.pdf", ContentFile(b"%PDF- after the backup"))
    assert every_table() != tables

    call_command("restore", str(archive), "--no-input")

    restored = every_table()
    assert restored.keys() == tables.keys()
    for table, rows in tables.items():
        assert restored[table] == rows, table
    assert sum(len(rows) for rows in restored.values()) > 1000
    assert every_file(media) == files == FILES


def test_a_damaged_archive_is_refused_and_nothing_changes(platform, media, tmp_path):
    tables, files = platform
    archive = tmp_path / "sicherung.tar"
    call_command("backup", str(archive))
    with tarfile.open(archive) as opened:
        member = opened.getmember("media/veranstaltungen/7/protokoll.pdf")
    data = bytearray(archive.read_bytes())
    data[member.offset_data + 100] ^= 0xFF  # one flipped bit pattern in one file
    archive.write_bytes(bytes(data))
    default_storage.save("neu/nach-der-sicherung.pdf", ContentFile(b"%PDF- kept"))

    with pytest.raises(CommandError, match="beschädigt.*protokoll.pdf"):
        call_command("restore", str(archive), "--check")
    with pytest.raises(CommandError, match="beschädigt"):
        call_command("restore", str(archive), "--no-input")

    assert every_table() == tables
    assert every_file(media) == {**files, "neu/nach-der-sicherung.pdf": b"%PDF- kept"}


def test_an_archive_with_a_missing_file_is_refused(platform, tmp_path):
    archive = tmp_path / "sicherung.tar"
    call_command("backup", str(archive))
    cut = tmp_path / "ohne-datei.tar"
    with tarfile.open(archive) as source, tarfile.open(cut, "w") as target:
        for member in source.getmembers():
            if not member.name.endswith("2025.pdf"):
                target.addfile(member, source.extractfile(member))

    with pytest.raises(CommandError, match="2025.pdf"):
        call_command("restore", str(cut), "--no-input")


def test_a_backup_never_overwrites_an_existing_file(tmp_path):
    existing = tmp_path / "sicherung.tar"
    existing.write_bytes(b"older backup")

    with pytest.raises(CommandError, match="gibt es schon"):
        call_command("backup", str(existing))
    assert existing.read_bytes() == b"older backup"
