"""The event a request names, as the visitor may see it: the one lookup the participants' pages
and the office's pages share (404 for an event they may not see, 403 for participant data)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from . import permissions, queries
from .models import Event


def event_or_404(request: HttpRequest, pk: int) -> Event:
    event = queries.event_detail(pk, request.user)
    if event is None:
        raise Http404(_("There is no such event."))
    return event


def managed_event(request: HttpRequest, pk: int) -> Event:
    event = event_or_404(request, pk)
    if not permissions.can_manage_event(request.user, event):
        raise PermissionDenied(_("Participant data is for the network office and the organisers."))
    return event
