"""What the impact pages share: a table as a download, a service whose errors land at a form."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpResponse

from engagiert.core.exports import csv_response, xlsx_response

from .tables import Table


def download(table: Table, fmt: str) -> HttpResponse:
    """The table as CSV or XLSX; any other ending is not found."""
    if fmt == "csv":
        return csv_response(table.rows(), filename=f"{table.filename}.csv")
    if fmt == "xlsx":
        return xlsx_response(
            table.rows(), filename=f"{table.filename}.xlsx", sheet_title=table.title
        )
    raise Http404


def run_service(form: BaseForm, service: Callable[[], object]) -> bool:
    """Run a service; its ValidationError lands at the form's fields instead of a 500."""
    try:
        service()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True
