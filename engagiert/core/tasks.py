"""Background tasks of the platform (run by `manage.py db_worker`)."""

from django_tasks import task
from django_tasks_db.models import DBTaskResult

from . import outbox
from .logs import carries_request_id, enqueue

#: Finished heartbeats kept; the newest tells /readyz when a worker last ran a task.
HEARTBEATS_KEPT = 10


@task()
@carries_request_id
def dispatch_outbox() -> dict[str, int | bool]:
    """Send due e-mails; when some wait for a retry, come back at the earliest one."""
    result = outbox.outbox_dispatch()
    due = outbox.next_due()
    if due is not None and dispatch_outbox.get_backend().supports_defer:
        enqueue(dispatch_outbox.using(run_after=due))
    return vars(result)


@task()
def worker_heartbeat() -> None:
    """Enqueued every minute by the schedule; that a worker ran it recently shows both work.
    Keeps only the newest few of its own results."""
    mine = DBTaskResult.objects.filter(task_path=worker_heartbeat.module_path)
    old = mine.order_by("-enqueued_at").values_list("pk", flat=True)[HEARTBEATS_KEPT:]
    mine.filter(pk__in=list(old)).delete()
