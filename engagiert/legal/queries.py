"""Reads of the legal app: the current and past versions of each legal page, feedback cases and
a person's consents (a person is their account, or their address where they have none)."""

from django.db.models import Q, QuerySet

from engagiert.core.extensions import DataSubject

from .models import ConsentRecord, FeedbackCase, PageVersion


def current_version(page: str) -> PageVersion | None:
    """What the public sees: the newest version of the page."""
    return PageVersion.objects.filter(page=page).order_by("-number").first()


def page_history(page: str) -> QuerySet[PageVersion]:
    return PageVersion.objects.filter(page=page).select_related("created_by").order_by("-number")


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
