"""E-mails of the platform's workflows: rendered now, queued in the outbox, sent by a worker
once the change is committed (nothing is sent for a change that is rolled back)."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from .outbox import outbox_add


def mail_send(*, to: Iterable[str], template: str, context: dict[str, Any]) -> None:
    """Render `template` (first line = subject) and queue one message per address.

    Each address gets its own mail, so that no one sees the other recipients.
    """
    text = render_to_string(template, {"site_url": settings.SITE_URL, **context}).strip()
    subject, _, body = text.partition("\n")
    for address in sorted({address.lower() for address in to if address}):
        outbox_add(to_email=address, subject=subject.strip(), text=body.strip() + "\n")
