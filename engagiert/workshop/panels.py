"""What the workshop contributes to other pages: the cohort spaces on the personal start page."""

from engagiert.core.extensions import Panel, PanelRequest, Place

from .models import CohortApplication, TeamMember


def for_place(request: PanelRequest) -> list[Panel]:
    """On the personal start page: the running cohort spaces this person works in."""
    if request.place != Place.DASHBOARD or not request.user.is_authenticated:
        return []
    memberships = TeamMember.objects.filter(
        user=request.user,
        application__status=CohortApplication.Status.SELECTED,
        application__cohort__finished_at__isnull=True,
    ).select_related("application__cohort", "application__authority")
    if not memberships:
        return []
    return [Panel("workshop/_dashboard_team.html", {"memberships": memberships})]
