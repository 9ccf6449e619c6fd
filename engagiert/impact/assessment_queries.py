"""Reads of the yearly self-assessment: questionnaires, who has answered, results, conflicts.

Rules:
- The municipalities asked are the members of the network in the questionnaire's year; one has
  answered when its self-assessment is submitted (a draft does not count).
- Results count submitted answers only: yes and no, the scale points with their median, numbers
  with median and quartiles. Free texts are shown to the office only, never in the report.
- A conflict is a submitted answer to a question linked to an indicator whose value for the year
  differs from the answer and was entered otherwise (by hand), unless the officer chose to keep
  the entered value.
"""

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from engagiert.accounts.models import Role, RoleAssignment
from engagiert.registry.models import Authority

from . import queries
from .models import (
    AssessmentAnswer,
    AssessmentQuestion,
    AssessmentResponse,
    AssessmentSection,
    IndicatorValue,
    Questionnaire,
)


def questionnaires() -> QuerySet[Questionnaire]:
    return Questionnaire.objects.all()


def sections(questionnaire: Questionnaire) -> list[AssessmentSection]:
    """The questionnaire's sections in order, each with its questions (and their indicators)."""
    questions = AssessmentQuestion.objects.select_related("indicator").order_by("position", "pk")
    return list(questionnaire.sections.prefetch_related(Prefetch("questions", queryset=questions)))


def questions(questionnaire: Questionnaire) -> list[AssessmentQuestion]:
    return [q for section in sections(questionnaire) for q in section.questions.all()]


def response_for(questionnaire: Questionnaire, authority: Authority) -> AssessmentResponse | None:
    return (
        AssessmentResponse.objects.filter(questionnaire=questionnaire, authority=authority)
        .select_related("submitted_by")
        .first()
    )


def answers_by_question(response: AssessmentResponse | None) -> dict[int, AssessmentAnswer]:
    if response is None:
        return {}
    return {a.question_id: a for a in response.answers.select_related("question")}


@dataclass
class MemberState:
    authority: Authority
    status: str  # "submitted", "draft" or "missing"
    response: AssessmentResponse | None


@dataclass
class Progress:
    members: list[MemberState] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.members)

    @property
    def submitted(self) -> int:
        return sum(1 for m in self.members if m.status == "submitted")

    @property
    def drafts(self) -> int:
        return sum(1 for m in self.members if m.status == "draft")

    @property
    def missing(self) -> list[Authority]:
        return [m.authority for m in self.members if m.status != "submitted"]


def progress(questionnaire: Questionnaire) -> Progress:
    """Every member of the year with the state of its self-assessment (two queries)."""
    responses = {
        r.authority_id: r
        for r in AssessmentResponse.objects.filter(questionnaire=questionnaire).select_related(
            "submitted_by"
        )
    }
    found = Progress()
    for authority in queries.members_in_year(questionnaire.year).order_by("name"):
        response = responses.get(authority.pk)
        status = "missing" if response is None else response.status
        found.members.append(MemberState(authority, status, response))
    return found


def officer_addresses(authorities: list[Authority]) -> list[str]:
    """The e-mail addresses of the engagement officers of these municipalities."""
    return list(
        RoleAssignment.objects.filter(role=Role.OFFICER, authority__in=authorities)
        .values_list("user__email", flat=True)
        .distinct()
    )


@dataclass
class QuestionResult:
    question: AssessmentQuestion
    count: int = 0
    #: (label, count) for yes/no and the scale points.
    counts: list[tuple[str, int]] = field(default_factory=list)
    median: float | None = None
    lower_quartile: float | None = None
    upper_quartile: float | None = None
    texts: list[tuple[str, str]] = field(default_factory=list)


def _numbers(result: QuestionResult, values: list[Decimal]) -> None:
    floats = sorted(float(v) for v in values)
    result.count = len(floats)
    if floats:
        result.median = statistics.median(floats)
    if len(floats) > 1:
        result.lower_quartile, _m, result.upper_quartile = statistics.quantiles(
            floats, n=4, method="inclusive"
        )


def results(questionnaire: Questionnaire, *, with_texts: bool) -> list[QuestionResult]:
    """Each question's aggregated submitted answers (free texts only `with_texts`)."""
    answers = AssessmentAnswer.objects.filter(
        response__questionnaire=questionnaire,
        response__status=AssessmentResponse.Status.SUBMITTED,
    ).select_related("response__authority")
    by_question: dict[int, list[AssessmentAnswer]] = defaultdict(list)
    for answer in answers:
        by_question[answer.question_id].append(answer)
    found = []
    kinds = AssessmentQuestion.Kind
    for question in questions(questionnaire):
        given = by_question.get(question.pk, [])
        result = QuestionResult(question)
        numbers = [a.number for a in given if a.number is not None]
        if question.kind == kinds.TEXT:
            texts = [(a.response.authority.name, a.text) for a in given if a.text.strip()]
            result.count = len(texts)
            result.texts = sorted(texts) if with_texts else []
        else:
            _numbers(result, numbers)
        if question.kind == kinds.YES_NO:
            tally = Counter(int(n) for n in numbers)
            result.counts = [("ja", tally[1]), ("nein", tally[0])]
            result.median = None
        elif question.kind == kinds.SCALE:
            tally = Counter(int(n) for n in numbers)
            result.counts = [
                (f"{point} {label}".strip(), tally[point])
                for point, label in enumerate(question.labels, start=1)
            ]
        found.append(result)
    return found


@dataclass(frozen=True)
class Conflict:
    answer: AssessmentAnswer
    entered: IndicatorValue


def conflicts(response: AssessmentResponse | None) -> list[Conflict]:
    """The submitted answers whose indicator holds a different value entered by hand."""
    if response is None or response.status != AssessmentResponse.Status.SUBMITTED:
        return []
    linked = list(
        response.answers.filter(
            question__indicator__isnull=False, number__isnull=False, kept_entered_value=False
        ).select_related("question__indicator")
    )
    values = {
        v.indicator_id: v
        for v in IndicatorValue.objects.filter(
            authority_id=response.authority_id,
            year=response.questionnaire.year,
            indicator__in=[a.question.indicator_id for a in linked],
        )
    }
    found = []
    for answer in linked:
        value = values.get(answer.question.indicator_id)  # type: ignore[arg-type]
        if (
            value is not None
            and value.value != answer.number
            and value.origin != IndicatorValue.Origin.ASSESSMENT
        ):
            found.append(Conflict(answer, value))
    return found
