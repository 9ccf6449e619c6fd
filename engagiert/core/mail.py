"""E-mails of the platform's workflows, sent in the background after the change is committed."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string

from .tasks import send_email


def mail_send(*, to: Iterable[str], template: str, context: dict[str, Any]) -> None:
    """Render `template` (first line = subject) and queue it once the transaction commits.

    Nothing is sent for a change that is rolled back; each address gets its own mail so that
    no one sees the other recipients.
    """
    text = render_to_string(template, {"site_url": settings.SITE_URL, **context}).strip()
    subject, _, body = text.partition("\n")
    recipients = sorted({address for address in to if address})

    def enqueue() -> None:
        for address in recipients:
            send_email.enqueue(to=[address], subject=subject.strip(), body=body.strip() + "\n")

    transaction.on_commit(enqueue)
