"""Background tasks of the platform (run by `manage.py db_worker`)."""

from django_tasks import task

from . import outbox


@task()
def dispatch_outbox() -> dict[str, int | bool]:
    """Send due e-mails; when some wait for a retry, come back at the earliest one."""
    result = outbox.outbox_dispatch()
    due = outbox.next_due()
    if due is not None and dispatch_outbox.get_backend().supports_defer:
        dispatch_outbox.using(run_after=due).enqueue()
    return vars(result)
