"""The health check that load balancers and monitoring ask."""

import json
import os
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import OperationalError, connection

#: Nothing listens on port 1, so PostgreSQL is unreachable whatever backend the tests use.
UNREACHABLE_DATABASE_URL = "postgres://postgres@127.0.0.1:1/none"

#: A fresh process with its own settings; ALLOWED_HOSTS outside tests has no "testserver".
HEALTHZ_SCRIPT = """
import django
django.setup()
from django.test import Client
response = Client().get("/healthz", headers={"host": "localhost"})
print(response.status_code)
print(response.content.decode())
"""


@pytest.mark.django_db
def test_healthz_view_ok_when_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "pages": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_view_only_answers_get(client):
    response = client.post("/healthz")

    assert response.status_code == 405


def _healthz_in_fresh_process(database_url: str, **variables: str) -> tuple[str, dict]:
    environment = {
        **os.environ,
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "engagiert.settings",
        "DATABASE_URL": database_url,
        **variables,
    }
    result = subprocess.run(
        [sys.executable, "-c", HEALTHZ_SCRIPT],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    status, body = result.stdout.strip().split("\n", 1)
    return status, json.loads(body)


def test_healthz_view_503_when_database_unreachable():
    status, body = _healthz_in_fresh_process(UNREACHABLE_DATABASE_URL)

    assert status == "503"
    assert body == {"status": "unavailable", "database": "unreachable", "pages": "unchecked"}


def test_healthz_view_503_quickly_when_database_accepts_but_never_answers():
    """A socket that completes the TCP handshake and then stays silent, like a hung server."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        started = time.monotonic()

        status, body = _healthz_in_fresh_process(
            f"postgres://postgres@127.0.0.1:{port}/none", DATABASE_CONNECT_TIMEOUT="2"
        )

    assert status == "503"
    assert body["database"] == "unreachable"
    assert time.monotonic() - started < 20


@pytest.mark.django_db
def test_statements_running_too_long_are_cancelled_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("statement_timeout is a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "30s"
        cursor.execute("SET LOCAL statement_timeout = 100")
        with pytest.raises(OperationalError, match="statement timeout"):
            cursor.execute("SELECT pg_sleep(2)")
