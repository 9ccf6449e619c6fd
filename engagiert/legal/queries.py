"""Reads of the legal app: the current and past versions of each legal page and privacy note,
feedback cases and a person's consents (a person is their account, or their address where they
have none)."""

from django.db.models import Max, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from engagiert.core.extensions import DataSubject, InboxItem

from .models import ConsentRecord, FeedbackCase, NoteVersion, PageVersion


def current_version(page: str) -> PageVersion | None:
    """What the public sees: the newest version of the page."""
    return PageVersion.objects.filter(page=page).order_by("-number").first()


def page_history(page: str) -> QuerySet[PageVersion]:
    return PageVersion.objects.filter(page=page).select_related("created_by").order_by("-number")


def current_notes() -> dict[str, NoteVersion]:
    """The newest version of every form's privacy note, by key, in one query."""
    newest = (
        NoteVersion.objects.filter(key=OuterRef("key"))
        .values("key")
        .annotate(last=Max("number"))
        .values("last")
    )
    return {
        note.key: note
        for note in NoteVersion.objects.filter(number=Subquery(newest)).order_by("key")
    }


def current_note(key: str) -> NoteVersion | None:
    return NoteVersion.objects.filter(key=key).order_by("-number").first()


def note_history(key: str) -> QuerySet[NoteVersion]:
    return NoteVersion.objects.filter(key=key).select_related("created_by").order_by("-number")


def feedback_cases() -> QuerySet[FeedbackCase]:
    """Open cases first, each group newest first."""
    return FeedbackCase.objects.select_related("answered_by").order_by(
        "-status", "-created_at", "-pk"
    )


def consents_of(person: DataSubject) -> QuerySet[ConsentRecord]:
    """Every consent a person gave: through their account, or under their address."""
    where = Q(email=person.email.lower()) if person.email else Q(pk__in=[])
    if getattr(person.user, "is_authenticated", False):
        where |= Q(user=person.user)
    return ConsentRecord.objects.filter(where)


def active_consents(
    person: DataSubject, *, purpose: str, reference: str = ""
) -> QuerySet[ConsentRecord]:
    return consents_of(person).filter(purpose=purpose, reference=reference, withdrawn_at=None)


def consent_active(person: DataSubject, purpose: str, reference: str = "") -> bool:
    """Has this person agreed to the purpose, and not withdrawn it?"""
    return active_consents(person, purpose=purpose, reference=reference).exists()


def inbox_open_feedback() -> list[InboxItem]:
    """Reported barriers the office has not answered yet, since they were reported."""
    waiting = FeedbackCase.objects.filter(status=FeedbackCase.Status.OPEN)
    return [
        InboxItem(
            key=f"legal.feedback:{case.pk}",
            kind=_("Report of a barrier"),
            title=_("»%(text)s« (reported by %(name)s)")
            % {
                "text": Truncator(" ".join(case.description.split())).words(10),
                "name": case.name or _("someone without a name"),
            },
            url=reverse("legal:feedback_detail", args=[case.pk]),
            since=case.created_at,
        )
        for case in waiting
    ]
