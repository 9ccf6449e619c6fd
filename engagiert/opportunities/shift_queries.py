"""Reads of spontaneous help in shifts: public actions, the plan with fill levels, helpers."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Min, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from engagiert.accounts.permissions import is_office
from engagiert.core.extensions import NewsItem

from .models import Action, ActionPlace, Provider, Shift, ShiftSignup, Task
from .permissions import can_manage, member_providers
from .shifts import confirmed_hours

CONFIRMED = ShiftSignup.Status.CONFIRMED


def public_actions(authority: str = "") -> QuerySet[Action]:
    """Published actions of verified providers with shifts still to come, soonest first."""
    now = timezone.now()
    actions = (
        Action.objects.filter(
            status=Action.Status.PUBLISHED, provider__status=Provider.Status.VERIFIED
        )
        .annotate(
            next_shift=Min(
                "places__tasks__shifts__starts_at",
                filter=Q(places__tasks__shifts__starts_at__gt=now),
            )
        )
        .filter(next_shift__isnull=False)
        .select_related("provider__organisation", "authority")
        .order_by("next_shift", "pk")
    )
    if authority:
        actions = actions.filter(authority_id=authority)
    return actions


def actions_news(since: datetime.datetime, until: datetime.datetime) -> list[NewsItem]:
    """Digest news: actions first published in the window that still have shifts to come."""
    new = public_actions().filter(published_at__gt=since, published_at__lte=until)
    return [
        NewsItem(
            action.title,
            f"{action.provider} · {action.authority} · " + _("helpers wanted in shifts"),
            settings.SITE_URL + action.get_absolute_url(),
        )
        for action in new.order_by("published_at")
    ]


def action_authorities() -> list[tuple[str, str]]:
    """The municipalities that have public actions now (for the filter)."""
    rows = public_actions().order_by().values_list("authority_id", "authority__name").distinct()
    return sorted(set(rows), key=lambda row: row[1])


def action_for(pk: int, user: Any) -> Action | None:
    """The action if this user may see it: public, or one they manage (drafts included)."""
    action = (
        Action.objects.filter(pk=pk).select_related("provider__organisation", "authority").first()
    )
    if action is None:
        return None
    if action.status == Action.Status.PUBLISHED and action.provider.is_verified:
        return action
    return action if can_manage(user, action.provider) else None


@dataclass
class TaskPlan:
    task: Task
    shifts: list[Shift] = field(default_factory=list)


@dataclass
class PlacePlan:
    place: ActionPlace
    tasks: list[TaskPlan] = field(default_factory=list)


def _with_counts(shifts: QuerySet[Shift]) -> QuerySet[Shift]:
    return shifts.annotate(
        taken=Count("signups", filter=Q(signups__status=CONFIRMED)),
    ).select_related("task__place")


def plan(action: Action, *, upcoming_only: bool) -> list[PlacePlan]:
    """Places → tasks → shifts (each with `taken` and `free`), in three queries."""
    places = {p.pk: PlacePlan(p) for p in action.places.select_related("authority")}
    tasks: dict[int, TaskPlan] = {}
    for task in Task.objects.filter(place__action=action).order_by("title", "pk"):
        tasks[task.pk] = TaskPlan(task)
        places[task.place_id].tasks.append(tasks[task.pk])
    shifts = Shift.objects.filter(task__place__action=action)
    if upcoming_only:
        shifts = shifts.filter(starts_at__gt=timezone.now())
    for shift in _with_counts(shifts).order_by("starts_at", "pk"):
        shift.free = max(shift.needed - shift.taken, 0)  # type: ignore[attr-defined]
        tasks[shift.task_id].shifts.append(shift)
    return list(places.values())


def shift_public(pk: int) -> Shift | None:
    """A shift still to come of a public action, with its count of confirmed helpers."""
    shift = (
        _with_counts(Shift.objects.filter(pk=pk, starts_at__gt=timezone.now()))
        .select_related("task__place__action__provider__organisation")
        .first()
    )
    if shift is None:
        return None
    action = shift.task.place.action
    if action.status != Action.Status.PUBLISHED or not action.provider.is_verified:
        return None
    shift.free = max(shift.needed - shift.taken, 0)  # type: ignore[attr-defined]
    return shift


def managed_actions(user: Any) -> QuerySet[Action]:
    """The actions of the providers this user acts for (all of them for the office)."""
    actions = Action.objects.select_related("provider__organisation", "authority").order_by(
        "-created_at"
    )
    if is_office(user):
        return actions
    return actions.filter(provider__in=member_providers(user))


def helpers(shift: Shift) -> QuerySet[ShiftSignup]:
    """Who signed up for a shift (not cancelled), for its organiser only."""
    return (
        ShiftSignup.objects.filter(shift=shift)
        .exclude(status=ShiftSignup.Status.CANCELLED)
        .select_related("hours_confirmed_by")
        .order_by("status", "name", "pk")
    )


def my_signups(user: Any) -> QuerySet[ShiftSignup]:
    """A logged-in person's sign-ups (by account or by their address), latest shifts first."""
    return (
        ShiftSignup.objects.filter(Q(user=user) | Q(email=user.email.lower()))
        .exclude(status=ShiftSignup.Status.CANCELLED)
        .select_related("shift__task__place__action__provider__organisation")
        .order_by("-shift__starts_at")
    )


def hours_by_provider(email: str) -> list[tuple[Provider, float]]:
    """Confirmed hours of one address per organisation."""
    totals: dict[int, tuple[Provider, float]] = {}
    for signup in confirmed_hours(email=email):
        provider = signup.shift.task.place.action.provider
        before = totals.get(provider.pk, (provider, 0.0))[1]
        totals[provider.pk] = (provider, before + float(signup.hours or 0))
    return list(totals.values())


def signed_up_this_month() -> int:
    start = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return (
        ShiftSignup.objects.filter(status=CONFIRMED, confirmed_at__gte=start)
        .values("email")
        .distinct()
        .count()
    )


def open_shifts() -> int:
    """Shifts of public actions still to come that need more helpers."""
    return (
        Shift.objects.filter(
            starts_at__gt=timezone.now(),
            task__place__action__status=Action.Status.PUBLISHED,
            task__place__action__provider__status=Provider.Status.VERIFIED,
        )
        .annotate(taken=Count("signups", filter=Q(signups__status=CONFIRMED)))
        .filter(taken__lt=F("needed"))
        .count()
    )
