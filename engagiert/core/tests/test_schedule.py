"""The one schedule: each periodic job runs when due, once, and never twice at the same time."""

import datetime
import io
import threading
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from engagiert.core import schedule
from engagiert.core.extensions import PeriodicJob, Registry, periodic_jobs
from engagiert.core.models import OutboundMail, ScheduledJob
from engagiert.core.outbox import outbox_add

MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)


class Counter:
    """A job that counts its runs (and may fail or take its time)."""

    def __init__(self, *, fail: bool = False, seconds: float = 0.0) -> None:
        self.runs = 0
        self.fail = fail
        self.seconds = seconds
        self._lock = threading.Lock()

    def __call__(self) -> int:
        with self._lock:
            self.runs += 1
        time.sleep(self.seconds)
        if self.fail:
            raise RuntimeError("SMTP server away")
        return self.runs


def jobs_of(counter: Counter, every: datetime.timedelta = HOUR) -> Registry[PeriodicJob]:
    jobs: Registry[PeriodicJob] = Registry("test_jobs")
    jobs.register("test.count", PeriodicJob("Zählen", every, counter))
    return jobs


@pytest.mark.django_db
def test_schedule_runs_a_due_job_once_per_slot():
    counter = Counter()
    jobs = jobs_of(counter)
    start = timezone.now()

    assert [run.key for run in schedule.schedule_run_due(jobs=jobs, now=start)] == ["test.count"]
    assert schedule.schedule_run_due(jobs=jobs, now=start + 30 * MINUTE) == []
    assert counter.runs == 1

    schedule.schedule_run_due(jobs=jobs, now=start + HOUR)
    assert counter.runs == 2
    state = ScheduledJob.objects.get(key="test.count")
    assert state.next_run_at == start + 2 * HOUR
    assert state.claimed_until is None


@pytest.mark.django_db
def test_schedule_runs_an_overdue_job_once_after_a_pause_then_keeps_the_rhythm():
    counter = Counter()
    jobs = jobs_of(counter)
    start = timezone.now()
    schedule.schedule_run_due(jobs=jobs, now=start)

    back = start + 5 * HOUR + 10 * MINUTE  # no schedule ran for five hours
    schedule.schedule_run_due(jobs=jobs, now=back)
    schedule.schedule_run_due(jobs=jobs, now=back + MINUTE)

    assert counter.runs == 2
    assert ScheduledJob.objects.get(key="test.count").next_run_at == back + HOUR


@pytest.mark.django_db
def test_schedule_does_not_run_a_job_another_process_is_running():
    counter = Counter()
    jobs = jobs_of(counter)
    now = timezone.now()
    ScheduledJob.objects.create(key="test.count", claimed_until=now + 10 * MINUTE)

    assert schedule.schedule_run_due(jobs=jobs, now=now) == []
    assert counter.runs == 0

    # The other process was killed: after its lease the job is taken over.
    schedule.schedule_run_due(jobs=jobs, now=now + 11 * MINUTE)
    assert counter.runs == 1


@pytest.mark.django_db
def test_a_killed_schedule_holds_the_outbox_up_for_a_minute_at_most():
    """The outbox job may overlap itself, so its lease is a minute, not the default 15."""
    now = timezone.now()
    OutboundMail.objects.create(
        to_email="leserin@example.org", subject="Einladung", text="Hallo", next_attempt_at=now
    )
    # A schedule process claimed the outbox job and was killed (SIGKILL) before it ran it.
    state = ScheduledJob.objects.create(key="core.outbox", next_run_at=now)
    assert schedule._claim(state, periodic_jobs.get("core.outbox"), now)

    assert not [run.key for run in schedule.schedule_run_due(now=now) if run.key == "core.outbox"]
    later = now + MINUTE + datetime.timedelta(seconds=1)
    ran = [run for run in schedule.schedule_run_due(now=later) if run.key == "core.outbox"]

    assert [run.error for run in ran] == [""]
    assert [message.to for message in mail.outbox] == [["leserin@example.org"]]


@pytest.mark.django_db
def test_schedule_tries_a_failed_job_again_after_a_minute_and_reports_it_in_german():
    counter = Counter(fail=True)
    jobs = jobs_of(counter)
    start = timezone.now()

    (run,) = schedule.schedule_run_due(jobs=jobs, now=start)
    assert run.error == "RuntimeError: SMTP server away"
    assert schedule.schedule_run_due(jobs=jobs, now=start + datetime.timedelta(seconds=30)) == []
    assert counter.runs == 1  # not yet: the minute is not over
    schedule.schedule_run_due(jobs=jobs, now=start + MINUTE)
    assert counter.runs == 2
    assert ScheduledJob.objects.get(key="test.count").last_error == run.error


@pytest.mark.django_db
def test_run_schedule_sends_a_mail_for_which_no_task_was_ever_enqueued():
    OutboundMail.objects.create(
        to_email="leserin@example.org",
        subject="Einladung",
        text="Hallo",
        next_attempt_at=timezone.now(),
    )
    output = io.StringIO()

    call_command("run_schedule", "--once", stdout=output)

    assert [message.to for message in mail.outbox] == [["leserin@example.org"]]
    assert "Erledigt: Fällige E-Mails versenden" in output.getvalue()


@pytest.mark.django_db
def test_run_schedule_sends_a_mail_whose_dispatch_task_hangs_in_a_killed_worker(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        outbox_add(to_email="leserin@example.org", subject="Einladung", text="Hallo")
    # The worker took the task and was killed (SIGKILL): the task stays »running« for good.
    (task,) = DBTaskResult.objects.filter(task_path__endswith="dispatch_outbox")
    DBTaskResult.objects.filter(pk=task.pk).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now()
    )
    assert mail.outbox == []

    call_command("run_schedule", "--once", stdout=io.StringIO())

    assert [message.to for message in mail.outbox] == [["leserin@example.org"]]
    assert OutboundMail.objects.get().status == OutboundMail.Status.SENT


@pytest.mark.django_db(transaction=True)
def test_two_schedules_at_once_run_a_due_job_once_postgresql(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip(
            "concurrent writers in threads need PostgreSQL (SQLite's test database is in memory)"
        )
    counter = Counter(seconds=0.3)
    monkeypatch.setattr(schedule.extensions, "periodic_jobs", jobs_of(counter))
    barrier = threading.Barrier(2)
    errors: list[Exception] = []

    def run_schedule() -> None:
        try:
            barrier.wait(timeout=10)
            call_command("run_schedule", "--once", stdout=io.StringIO())
        except Exception as error:  # the test looks at it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run_schedule) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert counter.runs == 1
    assert ScheduledJob.objects.get(key="test.count").last_finished_at is not None
