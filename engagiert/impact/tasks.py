"""Background tasks of the impact app (run by `manage.py db_worker`)."""

from django_tasks import task

from engagiert.core.logs import carries_request_id

from . import report_services
from .models import NetworkReport


@task()
@carries_request_id
def report_generate(report_id: int) -> None:
    """Generate the annual network report (it may have been deleted meanwhile)."""
    report = NetworkReport.objects.filter(pk=report_id).first()
    if report is not None:
        report_services.report_generate(report=report)
