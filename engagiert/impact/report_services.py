"""Writes of the annual network report: a generation is requested, then run in the background.

Rules:
- Only the office requests a report; each request keeps its own file, with the year and the
  date it was generated, so an earlier version stays downloadable after a regeneration.
- The task records each step as it goes (committed at once, so the status page sees it); an
  error marks the generation failed with a German message instead of leaving it »running«.
"""

import logging
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from engagiert.core.logs import enqueue_on_commit

from .models import NetworkReport
from .report_pdf import report_render
from .services import _check_year

logger = logging.getLogger(__name__)


def report_request(*, year: int, user: Any = None) -> NetworkReport:
    """Queue the generation of the report of `year`; the worker starts once this commits."""
    from .tasks import report_generate

    _check_year(year)
    report = NetworkReport.objects.create(year=year, requested_by=user)
    enqueue_on_commit(report_generate, report.pk)
    return report


def _progress(report: NetworkReport) -> Any:
    def record(step: int, steps: int, label: str) -> None:
        report.status, report.step, report.steps, report.step_label = (
            NetworkReport.Status.RUNNING,
            step,
            steps,
            label[:200],
        )
        report.save(update_fields=["status", "step", "steps", "step_label", "updated_at"])

    return record


def report_generate(*, report: NetworkReport) -> NetworkReport:
    """Draw the PDF step by step and keep it; a failure is recorded, never left running."""
    if report.status != NetworkReport.Status.QUEUED:
        return report  # a task delivered twice does not draw the report again
    try:
        content, pages = report_render(report.year, _progress(report))
    except Exception:
        logger.exception("network report %s failed", report.pk)
        report.status = NetworkReport.Status.FAILED
        report.error = _(
            "The report could not be generated. Please try again; if it fails again, "
            "tell the platform's operators."
        )
        report.finished_at = timezone.now()
        report.save(update_fields=["status", "error", "finished_at", "updated_at"])
        return report
    made = timezone.localtime()
    report.file.save(
        f"jahresbericht-{report.year}-{made:%Y%m%d-%H%M%S}.pdf", ContentFile(content), save=False
    )
    report.status, report.pages, report.finished_at = NetworkReport.Status.DONE, pages, made
    report.step_label = ""
    report.save(
        update_fields=["file", "status", "pages", "finished_at", "step_label", "updated_at"]
    )
    return report
