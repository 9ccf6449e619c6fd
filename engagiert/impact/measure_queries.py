"""Reads of measures on the impact ladder and of the municipalities' goals.

Rules:
- A measure has reached the highest stage for which it has evidence; the stages below count
  as climbed, evidence or not (the ladder is read from the top reached step down). Without any
  evidence it has reached no stage yet.
- Who sees a municipality's measures and goals: `permissions.can_view_measures`; everybody else
  in the network sees its published measures only, and never its goals.
- A goal is compared with the indicator's value in the goal's year, or, while that year has no
  value, with the latest value before it. It is reached when that value is at least the
  target (higher is better) or at most the target (lower is better); »no value« when the
  municipality has no value up to the goal's year.
- Every list loads its rows in a fixed number of queries, whatever the number of measures.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db.models import Count, Max, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from engagiert.registry.models import Authority, Topic

from . import permissions, queries
from .models import (
    Evidence,
    Goal,
    Indicator,
    IndicatorValue,
    IndicatorVersion,
    Measure,
    Stage,
    stage_level,
)


def reached_stage(stages: list[int]) -> int:
    """The highest stage with evidence, 0 for none."""
    return max(stages, default=0)


def _with_details(measures: QuerySet[Measure]) -> QuerySet[Measure]:
    return (
        measures.select_related("authority", "topic")
        .annotate(reached=Max("evidence__stage"), evidence_count=Count("evidence"))
        .prefetch_related(Prefetch("indicators", queryset=queries.indicators()))
    )


def measures_of(authority: Authority, user: Any) -> QuerySet[Measure]:
    """The municipality's measures this user sees (all, or the published ones), by title."""
    found = Measure.objects.filter(authority=authority)
    if not permissions.can_view_measures(user, authority):
        found = found.filter(is_published=True)
    return _with_details(found).order_by("title", "pk")


def published_measures(*, topic: Topic | None = None) -> QuerySet[Measure]:
    """Every published measure of the network, the most recently changed first."""
    found = Measure.objects.filter(is_published=True)
    if topic is not None:
        found = found.filter(topic=topic)
    return _with_details(found).order_by("-updated_at", "pk")


def measure_for(user: Any, ags: str, pk: int) -> Measure | None:
    """The measure, if it belongs to that municipality and this user may see it."""
    measure = _with_details(Measure.objects.filter(authority_id=ags, pk=pk)).first()
    if measure is None or not permissions.can_view_measure(user, measure):
        return None
    return measure


def used_topics() -> QuerySet[Topic]:
    """The topics of published measures, for the network list's filter."""
    return Topic.objects.filter(
        pk__in=Measure.objects.filter(is_published=True).values("topic_id")
    ).order_by("name")


@dataclass(frozen=True)
class Step:
    """One stage of a measure's ladder, with its evidence."""

    stage: int
    label: str
    level: str
    reached: bool
    evidence: list[Evidence]

    @property
    def level_label(self) -> str:
        return str(Indicator.Level(self.level).label)


def stage_label(stage: int) -> str:
    return str(Stage(stage).label) if stage else ""


def level_label(stage: int) -> str:
    return str(Indicator.Level(stage_level(stage)).label) if stage else ""


def ladder(measure: Measure) -> list[Step]:
    """The seven stages from the first up, each with its evidence and whether it is reached."""
    by_stage: dict[int, list[Evidence]] = defaultdict(list)
    for item in measure.evidence.select_related("recorded_by").order_by("date", "pk"):
        by_stage[item.stage].append(item)
    top = reached_stage(list(by_stage))
    return [
        Step(
            stage=stage.value,
            label=str(stage.label),
            level=stage_level(stage.value),
            reached=stage.value <= top,
            evidence=by_stage.get(stage.value, []),
        )
        for stage in Stage
    ]


@dataclass(frozen=True)
class Summary:
    """A measure in a list: the stage it has reached, as words and as seven steps."""

    measure: Measure
    reached: int
    stage_label: str
    level_label: str
    steps: list[bool]


def summaries(measures: QuerySet[Measure] | list[Measure]) -> list[Summary]:
    """The measures of a list (loaded by `measures_of` or `published_measures`)."""
    found = []
    for measure in measures:
        reached = measure.reached or 0  # type: ignore[attr-defined]
        found.append(
            Summary(
                measure,
                reached,
                stage_label(reached),
                level_label(reached),
                [stage.value <= reached for stage in Stage],
            )
        )
    return found


def evidence_for(measure: Measure, pk: int) -> Evidence | None:
    return Evidence.objects.filter(measure=measure, pk=pk).first()


# --- Goals ----------------------------------------------------------------------------------


class GoalState(StrEnum):
    REACHED = "reached"
    NOT_YET = "not_yet"
    NO_VALUE = "no_value"

    @property
    def label(self) -> str:
        return str(GOAL_STATE_LABELS[self])


GOAL_STATE_LABELS = {
    GoalState.REACHED: _("reached"),
    GoalState.NOT_YET: _("not yet reached"),
    GoalState.NO_VALUE: _("no value yet"),
}


@dataclass(frozen=True)
class GoalStatus:
    goal: Goal
    state: GoalState
    #: The value the goal is compared with, and its year.
    value: Decimal | None = None
    value_year: int | None = None


def goal_status(goal: Goal, by_year: dict[int, Decimal], *, higher_is_better: bool) -> GoalStatus:
    """Compare a goal with the value of its year, or the latest one before it."""
    years = [year for year in by_year if year <= goal.year]
    if not years:
        return GoalStatus(goal, GoalState.NO_VALUE)
    year = max(years)
    value = by_year[year]
    reached = value >= goal.target if higher_is_better else value <= goal.target
    return GoalStatus(goal, GoalState.REACHED if reached else GoalState.NOT_YET, value, year)


def goals_of(authority: Authority) -> QuerySet[Goal]:
    """The municipality's goals, by the catalogue's order and year, indicators loaded."""
    return (
        Goal.objects.filter(authority=authority)
        .select_related("indicator")
        .prefetch_related(
            Prefetch("indicator__versions", queryset=IndicatorVersion.objects.order_by("number"))
        )
        .order_by("indicator__position", "indicator__key", "year")
    )


def goal_statuses(
    goals: list[Goal], values: dict[int, dict[int, IndicatorValue]]
) -> list[GoalStatus]:
    """Each goal's status, given the municipality's values (`queries.authority_values`)."""
    return [
        goal_status(
            goal,
            {year: row.value for year, row in values.get(goal.indicator_id, {}).items()},
            higher_is_better=goal.indicator.higher_is_better,
        )
        for goal in goals
    ]


def goal_for(authority: Authority, pk: int) -> Goal | None:
    return Goal.objects.filter(authority=authority, pk=pk).first()


def goal_rows(
    authority: Authority, values: dict[int, dict[int, IndicatorValue]] | None = None
) -> list[GoalStatus]:
    """Every goal of the municipality with its state."""
    if values is None:
        values = queries.authority_values(authority)
    return goal_statuses(list(goals_of(authority)), values)


def measure_goals(measure: Measure) -> list[GoalStatus]:
    """The goals of the indicators the measure aims at."""
    aimed = {indicator.pk for indicator in measure.indicators.all()}
    return [row for row in goal_rows(measure.authority) if row.goal.indicator_id in aimed]
