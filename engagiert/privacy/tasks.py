"""Background tasks of the privacy app (run by `manage.py db_worker`)."""

from django_tasks import task

from . import export_services
from .models import DataExport


@task()
def export_build(export_id: int) -> None:
    """Build a person's ZIP (the export may have been deleted meanwhile)."""
    export = DataExport.objects.filter(pk=export_id).select_related("user").first()
    if export is not None:
        export_services.export_build(export=export)
