"""The ZIP of /meine-daten/ is built by the task worker: the page follows its progress, the
person is told by mail, only they download it, and it is deleted after PRIVACY_EXPORT_KEEP_DAYS."""

import datetime
import io
import zipfile

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from engagiert.core.outbox import outbox_dispatch
from engagiert.privacy import export_services
from engagiert.privacy.models import DataExport


@pytest.fixture(autouse=True)
def _no_seeded_exports(people):
    """The seeded people come with an export row each (for the declarations); start without."""
    DataExport.objects.all().delete()


def _run_worker(monkeypatch):
    """The real database worker, once through the queue. Inside the test's transaction its
    check for stale connections would close PostgreSQL's connection (autocommit is off)."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def _ask(client, person, capture):
    client.force_login(person.user)
    with capture(execute=True):
        return client.post(reverse("privacy:export_request"), headers={"HX-Request": "true"})


def test_the_worker_builds_the_zip_the_page_follows_and_the_person_is_told(
    client, people, django_capture_on_commit_callbacks, monkeypatch, settings
):
    settings.PRIVACY_EXPORT_KEEP_DAYS = 5
    person, other = people

    queued = _ask(client, person, django_capture_on_commit_callbacks).content.decode()

    export = DataExport.objects.get()
    assert "wartet auf die Hintergrundverarbeitung" in queued
    assert 'data-hx-trigger="every 2s"' in queued
    _run_worker(monkeypatch)

    done = client.get(reverse("privacy:export_status", args=[export.pk])).content.decode()
    export.refresh_from_db()
    assert export.status == DataExport.Status.DONE
    assert export.step == export.steps > 1
    assert "Ihre Daten sind fertig" in done
    assert "data-hx-trigger" not in done
    assert export.expires_at - export.finished_at == datetime.timedelta(days=5)
    download = client.get(reverse("privacy:export_download", args=[export.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    everything = b"".join(archive.read(name) for name in archive.namelist()).decode()
    assert person.email in everything
    assert other.email not in everything
    outbox_dispatch()
    (message,) = [m for m in mail.outbox if m.to == [person.email]]
    assert message.subject == "Ihre Daten stehen zum Herunterladen bereit"


def test_only_the_person_downloads_their_export(client, people):
    person, other = people
    export = DataExport.objects.create(user=person.user)
    export_services.export_build(export=export)

    client.force_login(other.user)

    assert client.get(reverse("privacy:export_download", args=[export.pk])).status_code == 404
    assert client.get(reverse("privacy:export_status", args=[export.pk])).status_code == 404


def test_asking_again_while_it_is_built_queues_nothing_more(
    client, people, django_capture_on_commit_callbacks
):
    person, _other = people
    _ask(client, person, django_capture_on_commit_callbacks)
    _ask(client, person, django_capture_on_commit_callbacks)

    assert DataExport.objects.count() == 1


def test_an_expired_export_is_deleted_with_its_file(people, settings):
    settings.PRIVACY_EXPORT_KEEP_DAYS = 2
    person, _other = people
    export = export_services.export_build(export=DataExport.objects.create(user=person.user))
    storage, name = export.file.storage, export.file.name
    assert storage.exists(name)

    assert export_services.exports_expired_delete(now=timezone.now() + datetime.timedelta(1)) == 0
    assert export_services.exports_expired_delete(now=timezone.now() + datetime.timedelta(3)) == 1

    assert not DataExport.objects.exists()
    assert not storage.exists(name)


def test_an_expired_export_is_no_longer_offered(client, people):
    person, _other = people
    export = export_services.export_build(export=DataExport.objects.create(user=person.user))
    DataExport.objects.filter(pk=export.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    client.force_login(person.user)

    assert client.get(reverse("privacy:export_download", args=[export.pk])).status_code == 404
