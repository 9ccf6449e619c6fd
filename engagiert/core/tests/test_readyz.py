"""/readyz: database, caches, a task worker's heartbeat and the outbox backlog, each named
when it fails; /healthz stays the liveness check."""

import datetime
import json
import logging
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from engagiert.core.models import OutboundMail
from engagiert.core.schedule import schedule_run_due
from engagiert.core.tasks import HEARTBEATS_KEPT, worker_heartbeat


def _heartbeat():
    """The schedule enqueues the heartbeat, a worker runs it."""
    schedule_run_due()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_ready_when_a_worker_ran_the_heartbeat(client):
    _heartbeat()

    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "failed": [],
        "checks": {"database": "ok", "cache": "ok", "worker": "ok", "outbox": "ok"},
    }


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_not_ready_without_a_worker_says_so(client):
    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["failed"] == ["worker"]
    assert response.json()["checks"]["worker"] == "no heartbeat yet"


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_not_ready_when_the_worker_fell_silent(client):
    _heartbeat()
    DBTaskResult.objects.update(finished_at=timezone.now() - datetime.timedelta(minutes=6))

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["worker"].startswith("silent since ")


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_not_ready_when_the_outbox_falls_behind(client, settings):
    _heartbeat()
    settings.READYZ_OUTBOX_BACKLOG = 2
    long_ago = timezone.now() - datetime.timedelta(minutes=20)
    OutboundMail.objects.bulk_create(
        OutboundMail(to_email=f"a{n}@example.org", subject="S", text="T", next_attempt_at=long_ago)
        for n in range(3)
    )

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["failed"] == ["outbox"]
    assert response.json()["checks"]["outbox"].startswith("3 messages overdue")


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_not_ready_when_a_cache_fails(client, settings):
    _heartbeat()
    away = {  # a Redis server that is not there
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }

    with override_settings(CACHES={**settings.CACHES, "default": away}):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["failed"] == ["cache"]
    assert response.json()["checks"]["cache"] == "failing: default"


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_heartbeat_keeps_only_its_newest_results():
    for _beat in range(HEARTBEATS_KEPT + 5):
        worker_heartbeat.enqueue()
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    assert DBTaskResult.objects.count() <= HEARTBEATS_KEPT + 1


def test_production_logs_are_json_lines_with_the_request_id():
    """DEBUG off and no LOG_FORMAT: one JSON object per line."""
    script = (
        "import django, logging; django.setup();"
        "from engagiert.core.logs import current_request_id;"
        "current_request_id.set('req-42');"
        "logging.getLogger('engagiert.test').warning('Grüße %s', 'Köln')"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "engagiert.settings",
        "DEBUG": "0",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "example.org",
        "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )

    line = json.loads(done.stderr.strip().splitlines()[-1])
    assert line["message"] == "Grüße Köln"
    assert (line["level"], line["logger"], line["request_id"]) == (
        "WARNING",
        "engagiert.test",
        "req-42",
    )
    assert logging.getLevelName(line["level"]) == logging.WARNING
