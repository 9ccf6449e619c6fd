"""Building blocks for the personal-data declarations (`extensions.PersonalData`).

Every app declares its personal data in its `apps.py` with these helpers, so the rule of each
erasure reads in one line: `deleting(rows)` removes a person's rows; `blanking(rows, …)` keeps
the rows (a registration counts for the attendance figures, a card for the statistics) and
replaces their personal fields. Rows are found by the account or, for records kept without one,
by the e-mail address (case-insensitive).
"""

from collections.abc import Callable
from typing import Any

from django.db import models
from django.db.models import CharField, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.dispatch import Signal

from .audit import ERASED
from .extensions import DataSubject, PersonalData

__all__ = [
    "ERASED",
    "NOTICE_BATCH",
    "anonymous_address",
    "blanking",
    "deleting",
    "full_name",
    "rows_by",
]

#: Messages in a batch with this prefix are a person's notice about their own erasure: one not
#: yet delivered stays queued (the outbox's erasure leaves it) until it is sent.
NOTICE_BATCH = "privacy:"

#: Sent once a person's data have been erased everywhere; derived data (the search index)
#: is built anew, since the erasure's bulk writes send no per-row signals.
personal_data_erased = Signal()

RowsOf = Callable[[DataSubject], QuerySet[Any]]
Erase = Callable[[DataSubject], int]


def rows_by(
    model: type[models.Model],
    *,
    user: str | None = None,
    email: str | None = None,
) -> RowsOf:
    """A person's rows: those whose `user` field is their account or whose `email` field is
    their address; each may be a path (»registration__user«)."""

    def rows_of(subject: DataSubject) -> QuerySet[Any]:
        match = Q(pk__in=[])
        if user and subject.user is not None:
            match |= Q(**{user: subject.user})
        if email and subject.email:
            match |= Q(**{f"{email}__iexact": subject.email})
        return model._default_manager.filter(match).distinct().order_by("pk")

    return rows_of


def _pks(rows_of: RowsOf, subject: DataSubject) -> tuple[type[models.Model], list[Any]]:
    rows = rows_of(subject)
    return rows.model, list(rows.values_list("pk", flat=True))


def deleting(rows_of: RowsOf) -> Erase:
    """Erase by deleting the person's rows (and what cascades from them)."""

    def erase(subject: DataSubject) -> int:
        model, pks = _pks(rows_of, subject)
        model._default_manager.filter(pk__in=pks).delete()
        return len(pks)

    return erase


def blanking(rows_of: RowsOf, **values: Any) -> Erase:
    """Erase by overwriting the personal fields of the person's rows with `values`; the rows
    stay for the figures and histories they count in."""

    def erase(subject: DataSubject) -> int:
        model, pks = _pks(rows_of, subject)
        return model._default_manager.filter(pk__in=pks).update(**values)

    return erase


def anonymous_address() -> Concat:
    """An address that is no one's and differs per row (»geloescht-12@anonym.invalid«), for
    e-mail fields that must stay filled and unique among a kept row's neighbours."""
    return Concat(
        Value("geloescht-"),
        Cast("pk", output_field=CharField()),
        Value("@anonym.invalid"),
        output_field=CharField(),
    )


def full_name(subject: DataSubject) -> str:
    """The account's name as written on the platform, or empty without an account."""
    return subject.user.get_full_name().strip() if subject.user is not None else ""


# The legal bases the declarations name most often (German, as the record prints them).
PUBLIC_TASK = (
    "Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 3 DSG NRW (Aufgabe im öffentlichen Interesse: "
    "Förderung des bürgerschaftlichen Engagements)"
)
USE_OF_PLATFORM = "Art. 6 Abs. 1 lit. b DSGVO (Nutzung der Plattform auf eigenen Wunsch)"
CONSENT = "Art. 6 Abs. 1 lit. a DSGVO (Einwilligung)"
HEALTH_CONSENT = "Art. 9 Abs. 2 lit. a DSGVO (ausdrückliche Einwilligung, Gesundheitsdaten)"
UNTIL_ERASURE = "Bis zur Löschung des Kontos oder auf Antrag."
LINK_REMOVED = "Der Eintrag bleibt; der Verweis auf die Person wird bei Löschung entfernt."


def authorship(
    model: type[models.Model],
    *,
    user: str,
    fields: tuple[str, ...],
    purpose: str,
    legal_basis: str = PUBLIC_TASK,
    retention: str = LINK_REMOVED,
    data_subjects: str = "Nutzerinnen und Nutzer mit Konto",
    recipients: str = "",
) -> PersonalData:
    """A row that belongs to something else (an authority, a cohort, a card) and names the
    account that wrote, uploaded or decided it: the row stays, erasure removes the link."""
    rows = rows_by(model, user=user)
    return PersonalData(
        model=model._meta.label,
        fields=fields,
        purpose=purpose,
        legal_basis=legal_basis,
        retention=retention,
        rows_of=rows,
        erase=blanking(rows, **{user: None}),
        data_subjects=data_subjects,
        recipients=recipients,
    )
