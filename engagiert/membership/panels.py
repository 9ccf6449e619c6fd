"""What the network contributes to other pages: the growth chart on the start page and the
profile and membership section on every authority page."""

from dataclasses import dataclass
from typing import Any

from engagiert.core.navigation import Panel
from engagiert.registry.models import Authority

from . import permissions, queries
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
        bars.append(Bar(year, round(index * slot + slot * 0.15, 1),
                        round(CHART_TOP + usable - height, 1), round(slot * 0.7, 1),
                        round(height, 1)))
    return bars


def for_place(place: str, **context: Any) -> list[Panel]:
    if place == "home":
        bars = growth_bars(queries.growth_per_year())
        if not bars:
            return []
        return [Panel("membership/_growth_panel.html",
                      {"bars": bars, "width": CHART_WIDTH, "height": CHART_HEIGHT,
                       "baseline": CHART_HEIGHT - CHART_BOTTOM})]
    if place == "authority_detail":
        authority: Authority = context["authority"]
        user = context["user"]
        data = queries.profile_panel(authority)
        memberships = data["memberships"]
        assert isinstance(memberships, list)
        members_only = permissions.sees_members_only(user)
        data.update(
            authority=authority,
            is_member=any(m.is_current for m in memberships),
            members_only=members_only,
            contact_cards=[(contact, contact.visible_details(members_only=members_only))
                           for contact in data["contacts"]],  # type: ignore[attr-defined]
            can_edit=permissions.can_edit_profile(user, authority),
            can_apply=permissions.can_apply(user, authority),
            can_end=permissions.can_end_membership(user, authority),
        )
        return [Panel("membership/_profile_panel.html", data)]
    return []
