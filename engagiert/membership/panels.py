"""What the network contributes to other pages: the growth chart on the start page, the
profile and membership section on every authority page, and cards on the personal start page."""

from dataclasses import dataclass
from typing import Any

from engagiert.accounts.models import Role
from engagiert.accounts.permissions import authorities_for_role, is_office
from engagiert.core.extensions import Panel, PanelRequest, Place
from engagiert.registry.models import Authority

from . import permissions, queries
from .models import Application
from .queries import GrowthYear

CHART_WIDTH, CHART_HEIGHT, CHART_TOP, CHART_BOTTOM = 640, 240, 24, 28


@dataclass(frozen=True)
class Bar:
    year: GrowthYear
    x: float
    y: float
    width: float
    height: float


def growth_bars(years: list[GrowthYear]) -> list[Bar]:
    """Bars of members per year, scaled into the chart's box."""
    if not years:
        return []
    top = max(year.total for year in years) or 1
    slot = CHART_WIDTH / len(years)
    usable = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    bars = []
    for index, year in enumerate(years):
        height = usable * year.total / top
        bars.append(
            Bar(
                year,
                round(index * slot + slot * 0.15, 1),
                round(CHART_TOP + usable - height, 1),
                round(slot * 0.7, 1),
                round(height, 1),
            )
        )
    return bars


def for_place(request: PanelRequest) -> list[Panel]:
    if request.place == Place.HOME:
        return _home_panels()
    if request.place == Place.AUTHORITY_DETAIL:
        return [_authority_panel(request.authority, request.user)]
    if request.place == Place.DASHBOARD:
        return _dashboard_panels(request.user)
    return []


def _home_panels() -> list[Panel]:
    bars = growth_bars(queries.growth_per_year())
    if not bars:
        return []
    return [
        Panel(
            "membership/_growth_panel.html",
            {
                "bars": bars,
                "width": CHART_WIDTH,
                "height": CHART_HEIGHT,
                "baseline": CHART_HEIGHT - CHART_BOTTOM,
            },
        )
    ]


def _authority_panel(authority: Authority, user: Any) -> Panel:
    data = queries.profile_panel(authority)
    can_edit = permissions.can_edit_profile(user, authority)
    members_only = can_edit or permissions.sees_members_only(user)
    contacts: list[Any] = data["contacts"]  # type: ignore[assignment]
    memberships: list[Any] = data["memberships"]  # type: ignore[assignment]
    data.update(
        authority=authority,
        is_member=any(m.is_current for m in memberships),
        members_only=members_only,
        contact_cards=[(c, c.visible_details(members_only=members_only)) for c in contacts],
        can_edit=can_edit,
        can_apply=permissions.can_apply(user, authority),
        can_end=permissions.can_end_membership(user, authority),
    )
    return Panel("membership/_profile_panel.html", data)


def _dashboard_panels(user: Any) -> list[Panel]:
    """The office sees the open applications; an officer sees their authority's network state;
    a contact person of a municipality decides whether the public sees their details."""
    result = []
    contacts = queries.contacts_of_person(user)
    if contacts:
        result.append(Panel("membership/_dashboard_contact_consent.html", {"contacts": contacts}))
    if is_office(user):
        waiting = queries.applications_for_review().filter(status__in=Application.OPEN).count()
        result.append(Panel("membership/_dashboard_office.html", {"open_applications": waiting}))
    for authority in authorities_for_role(user, Role.OFFICER):
        result.append(
            Panel(
                "membership/_dashboard_officer.html",
                {
                    "authority": authority,
                    "is_member": queries.is_member(authority),
                    "open_application": queries.open_application(authority),
                },
            )
        )
    return result
