"""Background tasks of the privacy app (run by `manage.py db_worker`)."""

from django_tasks import task

from engagiert.core.logs import carries_request_id

from . import export_services
from .models import DataExport


@task()
@carries_request_id
def export_build(export_id: int) -> None:
    """Build a person's ZIP (the export may have been deleted meanwhile)."""
    export = DataExport.objects.filter(pk=export_id).select_related("user").first()
    if export is not None:
        export_services.export_build(export=export)
