"""The office's outbox page: the backlog, failed mails with their reason, »Erneut senden«; the
request that resends is named in the worker's log lines of the task it caused."""

import json
import logging

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from engagiert.core.logs import JsonFormatter
from engagiert.core.models import AuditEntry, OutboundMail

Status = OutboundMail.Status


def _failed(address, error="SMTPRecipientsRefused: 550 5.1.1 Mailbox unavailable"):
    return OutboundMail.objects.create(
        to_email=address,
        subject="Frühjahrstreffen",
        text="Hallo",
        status=Status.FAILED,
        attempts=8,
        last_error=error,
        next_attempt_at=timezone.now(),
    )


@pytest.fixture
def office_client(office_user):
    client = Client()
    client.force_login(office_user)
    return client


@pytest.mark.django_db
def test_office_sees_the_backlog_and_each_failed_mail_with_its_reason(
    office_client, django_assert_max_num_queries
):
    for n in range(3):
        OutboundMail.objects.create(
            to_email=f"wartet{n}@example.org", subject="S", text="T", next_attempt_at=timezone.now()
        )
    for n in range(20):
        _failed(f"kaputt{n}@example.org")

    with django_assert_max_num_queries(12):
        response = office_client.get("/infomail/postausgang/")

    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["backlog"]["due"] == 3
    assert response.context["backlog"]["failed"] == 20
    assert "kaputt19@example.org" in page
    assert "550 5.1.1 Mailbox unavailable" in page
    assert page.count('name="message"') == 20


@pytest.mark.django_db
def test_resend_one_failed_mail_queues_only_that_one_and_audits_it(office_client):
    chosen, other = _failed("eins@example.org"), _failed("zwei@example.org")

    response = office_client.post("/infomail/postausgang/erneut-senden/", {"message": chosen.pk})

    assert response.status_code == 302
    chosen.refresh_from_db()
    other.refresh_from_db()
    assert (chosen.status, chosen.attempts) == (Status.QUEUED, 0)
    assert other.status == Status.FAILED
    entry = AuditEntry.objects.get(object_id=str(chosen.pk), content_type__model="outboundmail")
    assert entry.changes == {"status": ["failed", "queued"]}


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["abc", "", "99999999"])
def test_resend_with_a_malformed_or_unknown_mail_changes_nothing(office_client, value):
    failed = _failed("eins@example.org")

    response = office_client.post("/infomail/postausgang/erneut-senden/", {"message": value})

    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == Status.FAILED


@pytest.mark.django_db
def test_only_the_office_sees_and_resends(client, django_user_model):
    failed = _failed("eins@example.org")
    client.force_login(django_user_model.objects.create_user(email="x@example.org"))

    assert client.get("/infomail/postausgang/").status_code == 403
    assert client.post("/infomail/postausgang/erneut-senden/").status_code == 403
    failed.refresh_from_db()
    assert failed.status == Status.FAILED


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_resend_all_sends_each_failed_mail_once_and_the_worker_logs_the_request_id(
    office_client, django_capture_on_commit_callbacks, caplog
):
    for n in range(3):
        _failed(f"kaputt{n}@example.org")
    caplog.set_level(logging.INFO, logger="engagiert")

    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post("/infomail/postausgang/erneut-senden/")
    request_id = response["X-Request-ID"]
    (task,) = DBTaskResult.objects.filter(task_path="engagiert.core.tasks.dispatch_outbox")
    assert task.args_kwargs["kwargs"] == {"request_id": request_id}

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    assert sorted(message.to[0] for message in mail.outbox) == [
        f"kaputt{n}@example.org" for n in range(3)
    ]
    assert OutboundMail.objects.filter(status=Status.SENT).count() == 3
    (record,) = [r for r in caplog.records if r.getMessage().startswith("Outbox: 3 sent")]
    line = json.loads(JsonFormatter().format(record))  # the console's filter named the id
    assert line["request_id"] == request_id
    assert (line["level"], line["logger"]) == ("INFO", "engagiert.core.outbox")
