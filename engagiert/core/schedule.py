"""The one schedule: every registered PeriodicJob runs when it is due, in the schedule process.

Each job has a ScheduledJob row. A process claims a due job with one UPDATE that succeeds only
while the row still reads as the process saw it (due, not claimed): of several processes one
wins, on PostgreSQL by the row lock the UPDATE takes, on SQLite because writers are serialised.
The claim moves `next_run_at` on by `every` before the job runs, so a slot is run once and
never skipped: a job that became due while no schedule ran runs once when one starts again.
A claim lasts the job's lease (longer than the job takes); a process killed mid-job leaves its
job claimed, and after the lease another process takes it over. A job that fails is tried again
after RETRY.
"""

import datetime
import logging
from dataclasses import dataclass

from django.utils import timezone

from . import extensions
from .extensions import PeriodicJob, Registry
from .models import ScheduledJob

logger = logging.getLogger(__name__)

RETRY = datetime.timedelta(minutes=1)


@dataclass(frozen=True)
class JobRun:
    """One job the schedule ran, and the error if it failed."""

    key: str
    job: PeriodicJob
    error: str = ""


def _claim(state: ScheduledJob, job: PeriodicJob, now: datetime.datetime) -> bool:
    """Take the job if it is due and nobody runs it; only one process can succeed."""
    if state.next_run_at is not None and state.next_run_at > now:
        return False
    if state.claimed_until is not None and state.claimed_until > now:
        return False
    following = (state.next_run_at or now) + job.every
    if following <= now:  # overdue by more than one slot: run once, keep the rhythm from now
        following = now + job.every
    return (
        ScheduledJob.objects.filter(
            pk=state.pk, next_run_at=state.next_run_at, claimed_until=state.claimed_until
        ).update(next_run_at=following, claimed_until=now + job.lease, last_started_at=now)
        == 1
    )


def _run(state: ScheduledJob, key: str, job: PeriodicJob, now: datetime.datetime) -> JobRun:
    done = ScheduledJob.objects.filter(pk=state.pk)
    try:
        job.run()
    except Exception as error:  # one failing job must not stop the schedule
        logger.exception("Periodic job %s failed", key)
        message = f"{type(error).__name__}: {error}"[:2000]
        retry_at = now + min(RETRY, job.every)
        done.filter(next_run_at__gt=retry_at).update(next_run_at=retry_at)
        done.update(claimed_until=None, last_finished_at=timezone.now(), last_error=message)
        return JobRun(key, job, message)
    done.update(claimed_until=None, last_finished_at=timezone.now(), last_error="")
    return JobRun(key, job)


def schedule_run_due(
    *, jobs: Registry[PeriodicJob] | None = None, now: datetime.datetime | None = None
) -> list[JobRun]:
    """Run every due job once, one after the other; the jobs this process ran."""
    entries = (extensions.periodic_jobs if jobs is None else jobs).items()
    ScheduledJob.objects.bulk_create(
        [ScheduledJob(key=key) for key, _job in entries], ignore_conflicts=True
    )
    ran = []
    for key, job in entries:
        moment = now or timezone.now()
        state = ScheduledJob.objects.get(key=key)
        if _claim(state, job, moment):
            ran.append(_run(state, key, job, moment))
    return ran
