"""The health check that load balancers and monitoring ask."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

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
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_view_only_answers_get(client):
    response = client.post("/healthz")

    assert response.status_code == 405


def test_healthz_view_503_when_database_unreachable():
    environment = {
        **os.environ,
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "engagiert.settings",
        "DATABASE_URL": UNREACHABLE_DATABASE_URL,
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
    assert status == "503"
    assert json.loads(body) == {"status": "unavailable", "database": "unreachable"}
