"""What corporate volunteering and the cooperation registry contribute elsewhere (registered in
apps.py): cooperations as search documents, a panel on the authority page, a start-page figure
and the impact indicators."""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from engagiert.core.extensions import (
    Figure,
    IndicatorProvider,
    Panel,
    PanelRequest,
    Place,
    SearchDocument,
    SearchProvider,
)

from . import cooperation_permissions as perms
from . import cooperation_queries as queries
from .models import Cooperation


def cooperation_document(cooperation: Cooperation) -> SearchDocument:
    """Found by its name, purpose, partners, sectors and success factors."""
    authority = cooperation.authority
    parts = (
        cooperation.purpose,
        str(cooperation.get_kind_display()),
        ", ".join(cooperation.sector_labels),
        cooperation.partners,
        ", ".join(o.name for o in cooperation.partner_organisations.all()),
        ", ".join(cooperation.factor_labels),
        cooperation.success_notes,
        authority.name,
    )
    return SearchDocument(
        kind="cooperation",
        key=f"cooperation:{cooperation.pk}",
        title=cooperation.name,
        text="\n".join(part for part in parts if part),
        url=cooperation.get_absolute_url(),
        members_only=cooperation.members_only,
        subkind=cooperation.kind,
        topics=[t.slug for t in cooperation.topics.all()],
        authority_kind=authority.kind,
        region=authority.region.name if authority.region else "",
        year=cooperation.since,
    )


def cooperations() -> QuerySet[Cooperation]:
    return Cooperation.objects.select_related("authority__region").prefetch_related(
        "topics", "partner_organisations"
    )


def search_provider() -> SearchProvider:
    return SearchProvider(
        kind="cooperation",
        label=_("Network or cooperation"),
        model=Cooperation,
        document=cooperation_document,
        queryset=cooperations,
        m2m=("topics", "partner_organisations"),
        subkinds=tuple(Cooperation.Kind.choices),
        members=perms.sees_members_only_cooperations,
    )


def authority_panels(request: PanelRequest) -> list[Panel]:
    """The authority's cooperations (members-only ones for members), and where to add one."""
    if request.place != Place.AUTHORITY_DETAIL or request.authority is None:
        return []
    authority = request.authority
    found = queries.authority_cooperations(
        authority,
        members=perms.sees_members_only_cooperations(request.user),
    )
    can_record = perms.can_edit_cooperation(request.user, Cooperation(authority=authority))
    if not found and not can_record:
        return []
    context = {"authority": authority, "cooperations": found, "can_record": can_record}
    return [Panel("opportunities/cooperation_panel.html", context)]


def figures() -> list[Figure]:
    count = Cooperation.objects.filter(members_only=False).count()
    if not count:
        return []
    return [
        Figure(
            ngettext("local network or cooperation", "local networks and cooperations", count),
            count,
            reverse("opportunities:cooperation_list"),
        )
    ]


def indicators() -> dict[str, IndicatorProvider]:
    return {
        "opportunities.corporate_engagements": IndicatorProvider(
            label=_("Corporate engagements (Unternehmenseinsätze)"),
            unit=_("engagements"),
            values=lambda year: queries.engagement_values(year, hours=False),
        ),
        "opportunities.corporate_hours": IndicatorProvider(
            label=_("Hours of corporate engagement"),
            unit=_("hours"),
            values=lambda year: queries.engagement_values(year, hours=True),
        ),
    }
