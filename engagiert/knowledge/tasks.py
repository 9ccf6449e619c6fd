"""Background tasks of the knowledge base (run by `manage.py db_worker`)."""

from django_tasks import task

from engagiert.core.logs import carries_request_id

from . import services
from .models import Attachment


@task()
@carries_request_id
def attachment_extract_text(attachment_id: int) -> None:
    """Read the text of an uploaded PDF (it may have been deleted meanwhile)."""
    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is not None:
        services.attachment_extract_text(attachment=attachment)
