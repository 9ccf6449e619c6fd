"""Backup and restore of the whole platform: the database and the uploaded files, in one tar
archive with a manifest of checksums.

The database comes from its own engine's tools: PostgreSQL's `pg_dump` in its custom format
(restored by `pg_restore`), SQLite's online backup API (a consistent copy while the site runs).
The files come through the media storage, so a shared directory and an S3 bucket are backed up
alike. A restore checks every checksum before it changes anything and refuses a damaged or
incomplete archive, or one made from the other database engine.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.db import connection, connections
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media/"
CHUNK = 1 << 20


class BackupError(Exception):
    """The backup or restore cannot go on; the message says why, in German."""


@dataclass(frozen=True)
class BackupSummary:
    engine: str
    files: int
    bytes: int


def _sha256(stream: Any) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def _engine() -> str:
    return str(connection.vendor)


def _pg_environment() -> dict[str, str]:
    """libpq's variables for the configured PostgreSQL database (no password on a command line)."""
    settings = connection.settings_dict
    values = {
        "PGDATABASE": settings["NAME"],
        "PGUSER": settings.get("USER") or "",
        "PGPASSWORD": settings.get("PASSWORD") or "",
        "PGHOST": settings.get("HOST") or "",
        "PGPORT": str(settings.get("PORT") or ""),
    }
    return {**os.environ, **{key: value for key, value in values.items() if value}}


def _run(command: list[str]) -> None:
    try:
        result = subprocess.run(
            command, env=_pg_environment(), capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise BackupError(
            _("%(program)s is not installed (Debian: postgresql-client).") % {"program": command[0]}
        ) from None
    if result.returncode:
        raise BackupError(f"{command[0]}: {result.stderr.strip()[-2000:]}")


def _dump_database(target: Path) -> str:
    """The database into `target`; returns the archive member's name."""
    if _engine() == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"])
        return "database.dump"
    source = sqlite3.connect(connection.settings_dict["NAME"])
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    return "database.sqlite3"


def _media_names(storage: Storage, folder: str = "") -> Iterator[str]:
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}{name}"
    for directory in sorted(directories):
        yield from _media_names(storage, f"{folder}{directory}/")


def backup_create(*, path: Path) -> BackupSummary:
    """Write the database and every media file to a new archive at `path`."""
    if path.exists():
        raise BackupError(_("%(path)s exists already; choose a new name.") % {"path": path})
    storage = storages["default"]
    entries: list[dict[str, Any]] = []
    partial = path.with_name(path.name + ".partial")
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / "database"
        member = _dump_database(dump)
        with dump.open("rb") as stream:
            entries.append({"name": member, "size": dump.stat().st_size, "sha256": _sha256(stream)})
        with tarfile.open(partial, "w") as archive:
            archive.add(dump, arcname=member)
            for name in _media_names(storage):
                with storage.open(name, "rb") as stream:
                    data = stream.read()
                info = tarfile.TarInfo(MEDIA + name)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
                entries.append(
                    {
                        "name": MEDIA + name,
                        "size": len(data),
                        "sha256": hashlib.sha256(data).hexdigest(),
                    }
                )
            manifest = json.dumps(
                {
                    "format": FORMAT,
                    "created_at": timezone.now().isoformat(),
                    "engine": _engine(),
                    "database": member,
                    "entries": entries,
                },
                indent=1,
            ).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(manifest)
            archive.addfile(info, io.BytesIO(manifest))
    partial.rename(path)
    media = entries[1:]
    return BackupSummary(_engine(), len(media), sum(entry["size"] for entry in media))


def _manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        stream = archive.extractfile(MANIFEST)
        assert stream is not None
        manifest = dict(json.load(stream))
    except (KeyError, AssertionError, ValueError):
        raise BackupError(_("The archive has no readable manifest.")) from None
    if manifest.get("format") != FORMAT:
        raise BackupError(_("The archive's format is unknown."))
    return manifest


def backup_verify(*, path: Path) -> dict[str, Any]:
    """Every member present, of the recorded size and checksum, nothing unlisted; else a
    BackupError naming the first problem. Returns the manifest."""
    try:
        archive = tarfile.open(path, "r")  # noqa: SIM115 (closed by the block below)
    except (OSError, tarfile.TarError) as error:
        raise BackupError(_("The archive cannot be read: %(error)s") % {"error": error}) from None
    with archive:
        manifest = _manifest(archive)
        listed = {entry["name"]: entry for entry in manifest["entries"]}
        try:
            members = {m.name: m for m in archive.getmembers() if m.name != MANIFEST}
        except tarfile.TarError as error:
            raise BackupError(_("The archive is damaged: %(error)s") % {"error": error}) from None
        mismatched = sorted(set(members) ^ set(listed))
        if mismatched:
            raise BackupError(
                _("The archive does not match its manifest: %(name)s") % {"name": mismatched[0]}
            )
        for name, entry in listed.items():
            member = members[name]
            stream = archive.extractfile(member) if member.isfile() else None
            if stream is None or member.size != entry["size"] or _sha256(stream) != entry["sha256"]:
                raise BackupError(
                    _("The archive is damaged: %(name)s has changed since the backup.")
                    % {"name": name}
                )
    return manifest


def _restore_database(archive: tarfile.TarFile, manifest: dict[str, Any], work: Path) -> None:
    target = work / "database"
    stream = archive.extractfile(manifest["database"])
    assert stream is not None
    with target.open("wb") as copy:
        shutil.copyfileobj(stream, copy)
    connections.close_all()
    if _engine() == "postgresql":
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={connection.settings_dict['NAME']}",
                str(target),
            ]
        )
        return
    source = sqlite3.connect(target)
    live = sqlite3.connect(connection.settings_dict["NAME"])
    try:
        source.backup(live)
    finally:
        live.close()
        source.close()


def _restore_media(archive: tarfile.TarFile, manifest: dict[str, Any]) -> int:
    storage = storages["default"]
    wanted = {e["name"][len(MEDIA) :] for e in manifest["entries"] if e["name"].startswith(MEDIA)}
    for name in set(_media_names(storage)) - wanted:
        storage.delete(name)
    for name in sorted(wanted):
        stream = archive.extractfile(MEDIA + name)
        assert stream is not None
        if storage.exists(name):
            storage.delete(name)
        saved = storage.save(name, ContentFile(stream.read()))
        if saved != name:
            raise BackupError(_("%(name)s could not be restored under its name.") % {"name": name})
    return len(wanted)


def backup_restore(*, path: Path) -> BackupSummary:
    """Make the database and the media files what the archive holds (after checking it)."""
    manifest = backup_verify(path=path)
    if manifest["engine"] != _engine():
        raise BackupError(
            _("The archive holds a %(archive)s database; this installation uses %(current)s.")
            % {"archive": manifest["engine"], "current": _engine()}
        )
    with tarfile.open(path, "r") as archive, tempfile.TemporaryDirectory() as work:
        _restore_database(archive, manifest, Path(work))
        files = _restore_media(archive, manifest)
    size = sum(e["size"] for e in manifest["entries"] if e["name"].startswith(MEDIA))
    return BackupSummary(manifest["engine"], files, size)


def default_backup_name() -> str:
    return f"engagiert-{datetime.datetime.now():%Y-%m-%d-%H%M%S}.tar"
