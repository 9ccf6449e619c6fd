"""Writes of a person's data export (Art. 15 and 20 DSGVO), built in the background.

Rules:
- A person asks for their ZIP; while one is queued or being built, asking again returns it.
- The task records each step as it goes (committed at once, so the page polling it sees it);
  an error marks the export failed instead of leaving it »being built«.
- The file is kept PRIVACY_EXPORT_KEEP_DAYS after it was built, then the daily job deletes it
  with its row; the person is told by mail when it is ready and until when.
"""

import datetime
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from engagiert.accounts.models import User
from engagiert.core.logs import enqueue_on_commit
from engagiert.core.mail import mail_send

from .exports import export_zip
from .models import DataExport
from .queries import subject_for

logger = logging.getLogger(__name__)

UNFINISHED = (DataExport.Status.QUEUED, DataExport.Status.RUNNING)


def export_request(*, user: User) -> DataExport:
    """Queue the build of the person's ZIP; the worker starts once this commits."""
    from .tasks import export_build as build_task

    running = DataExport.objects.filter(user=user, status__in=UNFINISHED).first()
    if running is not None:
        return running
    export = DataExport.objects.create(user=user)
    enqueue_on_commit(build_task, export.pk)
    return export


def _progress(export: DataExport) -> Callable[[int, int], None]:
    def record(step: int, steps: int) -> None:
        export.status, export.step, export.steps = DataExport.Status.RUNNING, step, steps
        export.save(update_fields=["status", "step", "steps", "updated_at"])

    return record


def export_build(*, export: DataExport) -> DataExport:
    """Build and keep the ZIP, then tell the person; a failure is recorded, never left running."""
    if export.status != DataExport.Status.QUEUED:
        return export  # a task delivered twice builds nothing again
    try:
        content = export_zip(subject_for(user=export.user), _progress(export))
    except Exception:
        logger.exception("data export %s failed", export.pk)
        export.status, export.finished_at = DataExport.Status.FAILED, timezone.now()
        export.save(update_fields=["status", "finished_at", "updated_at"])
        return export
    now = timezone.now()
    export.file.save("export.zip", ContentFile(content), save=False)
    export.status, export.size, export.finished_at = DataExport.Status.DONE, len(content), now
    export.expires_at = now + datetime.timedelta(days=settings.PRIVACY_EXPORT_KEEP_DAYS)
    export.save(update_fields=["file", "status", "size", "finished_at", "expires_at", "updated_at"])
    mail_send(
        to=[export.user.email],
        template="privacy/email/export_ready.txt",
        context={"export": export, "url": settings.SITE_URL + reverse("privacy:mydata")},
    )
    return export


def exports_expired_delete(*, now: datetime.datetime | None = None) -> int:
    """Delete the files and rows of exports past their time (and of failed ones a day old)."""
    now = now or timezone.now()
    failed_before = now - datetime.timedelta(days=1)
    due = DataExport.objects.filter(expires_at__lt=now) | DataExport.objects.filter(
        status=DataExport.Status.FAILED, finished_at__lt=failed_before
    )
    count = 0
    for export in due:
        export_delete(export=export)
        count += 1
    return count


def export_delete(*, export: DataExport) -> None:
    """Delete an export and its file (also when the person's data are erased)."""
    if export.file:
        export.file.delete(save=False)
    export.delete()
