"""Background tasks of the knowledge base (run by `manage.py db_worker`)."""

from django_tasks import task

from . import services
from .models import Attachment


@task()
def attachment_extract_text(attachment_id: int) -> None:
    """Read the text of an uploaded PDF (it may have been deleted meanwhile)."""
    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is not None:
        services.attachment_extract_text(attachment=attachment)
