"""The card applications on the personal start page: one's own, and the queue for card staff."""

from engagiert.core.extensions import Panel, PanelRequest, Place

from . import queries
from .models import Application
from .permissions import can_review, staff_issuers


def for_place(request: PanelRequest) -> list[Panel]:
    if request.place != Place.DASHBOARD or not request.user.is_authenticated:
        return []
    own = list(queries.applications_of(request.user)[:5])
    waiting = (
        Application.objects.filter(
            issuer__in=staff_issuers(request.user), status=Application.Status.IN_REVIEW
        ).count()
        if can_review(request.user)
        else None
    )
    if not own and waiting is None:
        return []
    return [Panel("volunteercard/_dashboard_applications.html", {"own": own, "waiting": waiting})]
