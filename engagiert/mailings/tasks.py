"""Background tasks of info-mails (the sending itself is the outbox's task in core)."""

from django_tasks import task

from .digest import digest_send


@task()
def send_digests(frequency: str) -> int:
    return digest_send(frequency=frequency)
