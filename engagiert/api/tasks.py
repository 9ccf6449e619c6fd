"""Background work of the API app (run by `manage.py db_worker`)."""

from django_tasks import task

from engagiert.core.logs import carries_request_id, enqueue

from . import webhooks


@task()
@carries_request_id
def deliver_webhooks() -> dict[str, int]:
    """Deliver due webhooks; when some wait for a retry, come back at the earliest one."""
    result = webhooks.webhook_dispatch()
    due = webhooks.next_due()
    if due is not None and deliver_webhooks.get_backend().supports_defer:
        enqueue(deliver_webhooks.using(run_after=due))
    return vars(result)
