"""Reads of the development workshop.

The topic board counts votes per proposal in one query; the selection overview shows the spread
of applicants across Regierungsbezirke and kinds of municipality.
"""

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Exists, OuterRef, Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import InboxItem, Recipient
from engagiert.registry.models import Authority

from .models import (
    Cohort,
    CohortApplication,
    ConsultationSlot,
    EvaluationResponse,
    PanelScore,
    Resource,
    Session,
    TeamMember,
    Thread,
    TopicProposal,
    TopicVote,
)


def cohorts() -> QuerySet[Cohort]:
    selected = (
        CohortApplication.objects.filter(status=CohortApplication.Status.SELECTED)
        .select_related("authority")
        .order_by("authority__name")
    )
    return Cohort.objects.select_related("operator", "evaluator").prefetch_related(
        Prefetch("applications", queryset=selected, to_attr="selected_applications")
    )


def cohort_by_number(number: int) -> Cohort | None:
    return cohorts().filter(number=number).first()


def applications(cohort: Cohort) -> QuerySet[CohortApplication]:
    """The cohort's applications with the panel's average score and number of scores."""
    scores = PanelScore.objects.select_related("reviewer").order_by("created_at")
    return (
        cohort.applications.select_related("authority__region", "submitted_by")
        .prefetch_related("team", Prefetch("scores", queryset=scores))
        .annotate(score_average=Avg("scores__score"), score_count=Count("scores", distinct=True))
        .order_by("authority__name")
    )


def panel_score_of(application: CohortApplication, reviewer: Any) -> PanelScore | None:
    return PanelScore.objects.filter(application=application, reviewer=reviewer).first()


EVALUATION_HEADER: list[object] = [
    "Kommune",
    "Fragebogen",
    "Strategische Verankerung",
    "Kooperation",
    "Kompetenz",
    "Anmerkung",
    "Eingegangen",
]


def evaluation_rows(cohort: Cohort) -> list[list[object]]:
    """Every team's answers, one row per questionnaire, for the office's export."""
    responses = (
        EvaluationResponse.objects.filter(cohort=cohort)
        .select_related("authority")
        .order_by("authority__name", "-phase")
    )
    return [
        EVALUATION_HEADER,
        *(
            [
                r.authority.name,
                r.get_phase_display(),
                r.strategy,
                r.cooperation,
                r.competence,
                r.comment,
                timezone.localtime(r.created_at).strftime("%d.%m.%Y"),
            ]
            for r in responses
        ),
    ]


@dataclass(frozen=True)
class Spread:
    regions: list[tuple[str, int]]
    kinds: list[tuple[str, int]]


def spread(items: list[CohortApplication]) -> Spread:
    """How the applications (or the selected ones) spread across regions and kinds."""
    regions = Counter(
        a.authority.region.name if a.authority.region else a.authority.name for a in items
    )
    kinds = Counter(a.authority.get_kind_display() for a in items)
    return Spread(sorted(regions.items()), sorted(kinds.items()))


def application_of(cohort: Cohort, authority: Authority) -> CohortApplication | None:
    return cohort.applications.filter(authority=authority).prefetch_related("team").first()


def sessions(cohort: Cohort) -> QuerySet[Session]:
    return cohort.sessions.prefetch_related("topics", "inputs").order_by("number")


def proposals(cohort: Cohort, authority: Authority | None) -> QuerySet[TopicProposal]:
    """Open proposals with their vote count, most votes first, and whether my team voted."""
    mine = TopicVote.objects.filter(proposal=OuterRef("pk"), authority=authority)
    return (
        cohort.proposals.filter(adopted_for__isnull=True)
        .annotate(vote_count=Count("votes"), my_vote=Exists(mine))
        .select_related("authority")
        .order_by("-vote_count", "created_at")
    )


def votes_used(cohort: Cohort, authority: Authority | None) -> int:
    if authority is None:
        return 0
    return TopicVote.objects.filter(proposal__cohort=cohort, authority=authority).count()


def slots(cohort: Cohort) -> QuerySet[ConsultationSlot]:
    return cohort.slots.select_related("booked_by").order_by("starts_at")


def resources(cohort: Cohort, tag: str = "") -> QuerySet[Resource]:
    queryset = cohort.resources.select_related("added_by").order_by("-created_at")
    return queryset.filter(tags__icontains=tag) if tag else queryset


def threads(cohort: Cohort) -> QuerySet[Thread]:
    return (
        cohort.threads.select_related("author")
        .annotate(post_count=Count("posts"))
        .order_by("-updated_at")
    )


def teams(cohort: Cohort) -> QuerySet[TeamMember]:
    return (
        TeamMember.objects.filter(
            application__cohort=cohort, application__status=CohortApplication.Status.SELECTED
        )
        .select_related("application__authority")
        .order_by("application__authority__name", "position")
    )


def evaluation_summary(cohort: Cohort) -> list[dict[str, Any]]:
    """Average answers per questionnaire (start, end) and how many teams answered."""
    rows = (
        EvaluationResponse.objects.filter(cohort=cohort)
        .values("phase")
        .annotate(
            teams=Count("pk"),
            strategy=Avg("strategy"),
            cooperation=Avg("cooperation"),
            competence=Avg("competence"),
        )
        .order_by("-phase")
    )
    return [dict(row) for row in rows]


def evaluation_comments(cohort: Cohort) -> QuerySet[EvaluationResponse]:
    return EvaluationResponse.objects.filter(cohort=cohort).exclude(comment="").order_by("phase")


def cohort_recipients(segment: Any) -> list[Recipient]:
    """The audience rule »development teams of one cohort«: every member of a selected team."""
    if not segment.cohort_number:
        return []
    members = TeamMember.objects.filter(
        application__cohort__number=segment.cohort_number,
        application__status=CohortApplication.Status.SELECTED,
    ).select_related("application")
    return [Recipient(m.email, m.name, m.application.authority_id) for m in members]


def participation_indicator(year: int) -> dict[str, float]:
    """Impact indicator: selected teams per authority in cohorts running during `year`."""
    rows = (
        CohortApplication.objects.filter(
            status=CohortApplication.Status.SELECTED,
            cohort__starts_on__year__lte=year,
            cohort__ends_on__year__gte=year,
        )
        .values("authority_id")
        .annotate(count=Count("pk"))
    )
    return {row["authority_id"]: float(row["count"]) for row in rows}


def inbox_applications() -> list[InboxItem]:
    """Applications to a cohort that still wait for the selection, since they came in."""
    waiting = CohortApplication.objects.filter(
        status=CohortApplication.Status.SUBMITTED, cohort__finished_at__isnull=True
    ).select_related("cohort", "authority")
    return [
        InboxItem(
            key=f"workshop.application:{application.pk}",
            kind=_("Workshop application"),
            title=f"{application.authority.name} – {application.cohort}",
            url=reverse("workshop:selection", args=[application.cohort.number]),
            since=application.created_at,
        )
        for application in waiting
    ]
