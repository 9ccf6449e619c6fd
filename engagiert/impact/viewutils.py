"""What every page module of the impact app shares (views import it; it imports no view)."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest
from django.utils.translation import gettext as _

from . import permissions


def office_only(request: HttpRequest) -> None:
    if not permissions.can_manage_catalogue(request.user):
        raise PermissionDenied(_("Only the network office may do this."))


def run_service(form: BaseForm, service: Callable[[], Any]) -> bool:
    """Run a service; its ValidationError lands at the form's fields instead of a 500."""
    try:
        service()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True
