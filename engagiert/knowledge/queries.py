"""Reads of the knowledge base, and the peer finder.

Peers (»Kommunen wie meine«): every other municipality scored by what it shares with mine —
the same kind (3), a population within a factor of two (2), the same Regierungsbezirk (1),
each shared focus topic (1) and each shared structure (1) — each match names its reasons.
»Wer hat das schon gelöst?«: municipalities with published practice examples on a topic.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from engagiert.core.extensions import InboxItem
from engagiert.membership.models import Profile
from engagiert.registry.models import Authority, Topic

from .models import Answer, AssistanceOffer, KnowledgeItem, Question, Visibility


def items(*, members: bool, kind: str = "", topic: str = "") -> QuerySet[KnowledgeItem]:
    queryset = (
        KnowledgeItem.objects.filter(
            status=KnowledgeItem.Status.PUBLISHED, merged_into__isnull=True
        )
        .select_related("authority")
        .prefetch_related("topics")
    )
    if not members:
        queryset = queryset.filter(visibility=Visibility.PUBLIC)
    if kind:
        queryset = queryset.filter(kind=kind)
    if topic:
        queryset = queryset.filter(topics__slug=topic)
    return queryset.order_by("-featured", "-created_at")


def questions(topic: str = "") -> QuerySet[Question]:
    queryset = (
        Question.objects.select_related("authority", "author")
        .prefetch_related("topics")
        .annotate(
            answer_count=Count("answers"),
            solved=Exists(Answer.objects.filter(question=OuterRef("pk"), accepted=True)),
        )
    )
    queryset = queryset.order_by("-created_at")
    return queryset.filter(topics__slug=topic) if topic else queryset


def question_with_answers(pk: int) -> Question | None:
    # GROUP BY drops Meta.ordering: the accepted answer first, then the oldest, explicitly.
    answers = (
        Answer.objects.select_related("author", "authority")
        .annotate(helpful_count=Count("helpful"))
        .order_by("-accepted", "created_at")
    )
    return (
        Question.objects.select_related("author", "authority")
        .prefetch_related("topics", Prefetch("answers", queryset=answers))
        .filter(pk=pk)
        .first()
    )


def offers(topic: str = "") -> QuerySet[AssistanceOffer]:
    queryset = (
        AssistanceOffer.objects.filter(is_active=True)
        .select_related("authority")
        .prefetch_related("topics")
    )
    return queryset.filter(topics__slug=topic) if topic else queryset


@dataclass
class Peer:
    authority: Authority
    score: int
    reasons: list[str] = field(default_factory=list)


STRUCTURES = (
    ("has_staff_unit", "Stabsstelle"),
    ("has_round_table", "Runder Tisch"),
    ("has_volunteer_agency", "Freiwilligenagentur"),
)


def peers(authority: Authority, limit: int = 10) -> list[Peer]:
    """The municipalities most like mine, each with the reasons it was chosen."""
    mine = Profile.objects.filter(authority=authority).prefetch_related("topics").first()
    my_topics = {t.pk: t.name for t in mine.topics.all()} if mine else {}
    candidates = (
        Authority.objects.exclude(pk=authority.pk)
        .filter(kind__in=[*Authority.MUNICIPAL_KINDS, *Authority.DISTRICT_KINDS])
        .select_related("region", "profile")
        .prefetch_related("profile__topics")
    )
    found = []
    for other in candidates:
        peer = Peer(other, 0)
        if other.kind == authority.kind:
            peer.score += 3
            peer.reasons.append(_("same kind (%(kind)s)") % {"kind": other.get_kind_display()})
        if authority.population and 0.5 <= other.population / authority.population <= 2:
            peer.score += 2
            peer.reasons.append(_("similar size"))
        if other.region_id and other.region_id == authority.region_id:
            peer.score += 1
            peer.reasons.append(_("same Regierungsbezirk"))
        _shared_profile(peer, mine, my_topics)
        if peer.score:
            found.append(peer)
    found.sort(key=lambda p: (-p.score, p.authority.name))
    return found[:limit]


def _shared_profile(peer: Peer, mine: Profile | None, my_topics: dict[int, str]) -> None:
    theirs = getattr(peer.authority, "profile", None)
    if mine is None or theirs is None:
        return
    for topic in theirs.topics.all():
        if topic.pk in my_topics:
            peer.score += 1
            peer.reasons.append(_("topic »%(topic)s«") % {"topic": topic.name})
    for attribute, label in STRUCTURES:
        if getattr(mine, attribute) and getattr(theirs, attribute):
            peer.score += 1
            peer.reasons.append(_("also has a %(structure)s") % {"structure": label})


def solved_by(topic: Topic, *, members: bool) -> list[dict[str, Any]]:
    """Municipalities with practice examples on a topic, most examples first."""
    practice = items(members=members, kind=KnowledgeItem.Kind.PRACTICE).filter(
        topics=topic, authority__isnull=False
    )
    rows = (
        Authority.objects.filter(knowledge__in=practice)
        .annotate(examples=Count("knowledge", filter=Q(knowledge__in=practice), distinct=True))
        .order_by("-examples", "name")
    )
    return [
        {
            "authority": a,
            "examples": a.examples,
            "reason": ngettext(
                "%(count)d practice example on »%(topic)s«",
                "%(count)d practice examples on »%(topic)s«",
                a.examples,
            )
            % {"count": a.examples, "topic": topic.name},
        }
        for a in rows
    ]


def practice_examples_indicator(year: int) -> dict[str, float]:
    """Impact indicator: practice examples an authority published in `year` (merged ones not)."""
    rows = (
        KnowledgeItem.objects.filter(
            kind=KnowledgeItem.Kind.PRACTICE,
            status=KnowledgeItem.Status.PUBLISHED,
            merged_into__isnull=True,
            created_at__year=year,
            authority__isnull=False,
        )
        .values("authority_id")
        .annotate(count=Count("pk"))
    )
    return {row["authority_id"]: float(row["count"]) for row in rows}


def questions_answered_indicator(year: int) -> dict[str, float]:
    """Impact indicator: answers an authority gave in the collegial exchange in `year`."""
    rows = (
        Answer.objects.filter(created_at__year=year, authority__isnull=False)
        .values("authority_id")
        .annotate(count=Count("pk"))
    )
    return {row["authority_id"]: float(row["count"]) for row in rows}


#: A question of the collegial advice that nobody answered for this long needs the office (it
#: knows whom to ask).
UNANSWERED_AFTER = datetime.timedelta(days=3)


def inbox_unanswered_questions() -> list[InboxItem]:
    """Questions without any answer for `UNANSWERED_AFTER`, since they were asked."""
    unanswered = Question.objects.filter(
        answers__isnull=True, created_at__lte=timezone.now() - UNANSWERED_AFTER
    ).select_related("authority")
    return [
        InboxItem(
            key=f"knowledge.question:{question.pk}",
            kind=_("Question without an answer"),
            title=f"{question.title} ({question.authority.name})"
            if question.authority
            else question.title,
            url=question.get_absolute_url(),
            since=question.created_at,
        )
        for question in unanswered
    ]
