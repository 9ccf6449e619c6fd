"""Background work of the API app (run by `manage.py db_worker`)."""

from django_tasks import task

from . import webhooks


@task()
def deliver_webhooks() -> dict[str, int]:
    """Deliver due webhooks; when some wait for a retry, come back at the earliest one."""
    result = webhooks.webhook_dispatch()
    due = webhooks.next_due()
    if due is not None and deliver_webhooks.get_backend().supports_defer:
        deliver_webhooks.using(run_after=due).enqueue()
    return vars(result)
