"""Production settings chosen by environment variables: persistent database connections and
where uploaded files go. Each case starts a fresh process with its own variables."""

import json
import subprocess
import sys

from django.conf import settings

SCRIPT = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
default_storage = storages["default"]
database = settings.DATABASES["default"]
storage = {"class": type(default_storage).__name__}
if storage["class"] == "S3Storage":
    storage.update(
        bucket=default_storage.bucket_name,
        acl=default_storage.default_acl,
        overwrite=default_storage.file_overwrite,
        url=default_storage.url("veranstaltungen/programm.pdf"),
    )
else:
    storage["location"] = default_storage.location
print(json.dumps({"max_age": database["CONN_MAX_AGE"],
                  "health_checks": database["CONN_HEALTH_CHECKS"], "storage": storage}))
"""

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "engagiert.example.org",
    "VOLUNTEERCARD_SIGNING_KEY": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    "DATABASE_URL": "postgres://engagiert@db.example.org:5432/engagiert",
}


def run(variables: dict[str, str]) -> subprocess.CompletedProcess[str]:
    environment = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "engagiert.settings"}
    return subprocess.run(
        [sys.executable, "-c", SCRIPT],
        env={**environment, **variables},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def settings_with(variables: dict[str, str]) -> dict[str, object]:
    result = run(variables)
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def test_production_keeps_database_connections_for_ten_minutes_with_health_checks():
    chosen = settings_with(PRODUCTION)

    assert chosen["max_age"] == 600
    assert chosen["health_checks"] is True


def test_connection_lifetime_is_a_variable_and_a_developer_machine_reconnects():
    assert settings_with({**PRODUCTION, "DATABASE_CONN_MAX_AGE": "60"})["max_age"] == 60
    assert settings_with({"DEBUG": "1", "DATABASE_URL": "sqlite:///:memory:"})["max_age"] == 0


def test_media_go_to_the_local_directory_by_default():
    chosen = settings_with({**PRODUCTION, "MEDIA_ROOT": "/srv/geteilt/medien"})

    assert chosen["storage"] == {"class": "FileSystemStorage", "location": "/srv/geteilt/medien"}


def test_a_bucket_sends_media_to_s3_compatible_storage_privately():
    chosen = settings_with(
        {
            **PRODUCTION,
            "MEDIA_S3_BUCKET": "engagiert-medien",
            "MEDIA_S3_ENDPOINT_URL": "https://s3.rechenzentrum.example",
            "MEDIA_S3_REGION": "eu-central-1",
            "MEDIA_S3_ACCESS_KEY_ID": "zugang",
            "MEDIA_S3_SECRET_ACCESS_KEY": "geheim",
            "MEDIA_S3_PREFIX": "nrw",
        }
    )

    storage = chosen["storage"]
    assert isinstance(storage, dict)
    assert storage["class"] == "S3Storage"
    assert storage["bucket"] == "engagiert-medien"
    assert storage["acl"] == "private"
    assert storage["overwrite"] is False
    # A signed, expiring address on the configured service, inside the instance's folder.
    url = str(storage["url"])
    assert url.startswith("https://s3.rechenzentrum.example/engagiert-medien/nrw/veranstaltungen/")
    assert "Signature=" in url or "X-Amz-Signature=" in url


def test_a_bucket_without_keys_stops_the_start_with_a_clear_message():
    result = run({**PRODUCTION, "MEDIA_S3_BUCKET": "engagiert-medien"})

    assert result.returncode != 0
    assert "MEDIA_S3_ACCESS_KEY_ID is required" in result.stderr
