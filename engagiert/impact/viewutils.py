"""What every page module of the impact app shares (views import it; it imports no view)."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from engagiert.core.exports import csv_response, xlsx_response

from . import permissions
from .tables import Table


def office_only(request: HttpRequest) -> None:
    if not permissions.can_manage_catalogue(request.user):
        raise PermissionDenied(_("Only the network office may do this."))


def download(table: Table, fmt: str) -> HttpResponse:
    """The table as CSV or XLSX; any other ending is not found."""
    if fmt == "csv":
        return csv_response(table.rows(), filename=f"{table.filename}.csv")
    if fmt == "xlsx":
        return xlsx_response(
            table.rows(), filename=f"{table.filename}.xlsx", sheet_title=table.title
        )
    raise Http404


def run_service(form: BaseForm, service: Callable[[], Any]) -> bool:
    """Run a service; its ValidationError lands at the form's fields instead of a 500."""
    try:
        service()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True
