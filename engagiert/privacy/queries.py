"""Reads of the privacy app: a person's data as the apps declare it, the requests, the record.

Which data are personal is never decided here: every app declares its models in its
`apps.py` (`core.extensions.personal_data`); this app only reads the declarations.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Model, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from engagiert.core.extensions import DataSubject, InboxItem, PersonalData, personal_data

from .models import DataExport, DataRequest

#: Open requests due within this many days are sent to the office as a reminder.
REMINDER_DAYS = 7


def subject_for(*, user: Any = None, email: str = "") -> DataSubject:
    """The person a request is about: the account, or the account with that address, if any."""
    if user is None and email:
        user = get_user_model()._default_manager.filter(email__iexact=email).first()
    return DataSubject(user=user, email=(email or (user.email if user else "")).lower())


def subject_of(request: DataRequest) -> DataSubject:
    return subject_for(user=request.user, email=request.email)


def model_of(declaration: PersonalData) -> type[Model]:
    return apps.get_model(declaration.model)


@dataclass(frozen=True)
class Section:
    """A person's rows of one declaration, each as {field name: text}."""

    key: str
    declaration: PersonalData
    labels: dict[str, str]
    rows: list[dict[str, Any]]
    files: list[Any]


def field_label(model: type[Model], name: str) -> str:
    """The German label of a field (its verbose name)."""
    return str(getattr(model._meta.get_field(name), "verbose_name", name))


def _text(row: Model, name: str) -> Any:
    field = row._meta.get_field(name)
    if getattr(field, "choices", None):
        return getattr(row, f"get_{name}_display")()
    value = getattr(row, name)
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "name") and hasattr(value, "storage"):  # a file
        return value.name
    return str(value)


def section(key: str, declaration: PersonalData, subject: DataSubject) -> Section:
    model = model_of(declaration)
    labels = {name: field_label(model, name) for name in declaration.fields}
    rows: list[dict[str, Any]] = []
    files: list[Any] = []
    for row in declaration.rows_of(subject):
        rows.append({"id": row.pk, **{name: _text(row, name) for name in declaration.fields}})
        if declaration.files is not None:
            files.extend(file for file in declaration.files(row) if file)
    return Section(key=key, declaration=declaration, labels=labels, rows=rows, files=files)


def sections(subject: DataSubject) -> list[Section]:
    """Everything the platform keeps about one person, declaration by declaration."""
    return [section(key, declaration, subject) for key, declaration in personal_data.items()]


def requests_for_office() -> QuerySet[DataRequest]:
    """Open requests first, the most urgent on top."""
    return DataRequest.objects.select_related("user", "created_by", "completed_by").order_by(
        "-status", "due_on", "pk"
    )


def open_requests_of(user: Any) -> QuerySet[DataRequest]:
    return DataRequest.objects.filter(user=user, status=DataRequest.Status.OPEN)


def requests_due_soon(today: datetime.date) -> QuerySet[DataRequest]:
    """Open requests due within REMINDER_DAYS, overdue ones included."""
    return DataRequest.objects.filter(
        status=DataRequest.Status.OPEN, due_on__lte=today + datetime.timedelta(days=REMINDER_DAYS)
    ).order_by("due_on", "pk")


def record_of_processing() -> list[tuple[str, list[tuple[str, PersonalData]]]]:
    """The declarations grouped by app (its German name), for the Art. 30 record."""
    groups: dict[str, list[tuple[str, PersonalData]]] = defaultdict(list)
    for key, declaration in personal_data.items():
        groups[str(apps.get_app_config(key.split(".")[0]).verbose_name)].append((key, declaration))
    return list(groups.items())


def erased_kinds(request: DataRequest) -> list[tuple[str, int]]:
    """What a completed erasure touched, as (purpose of the data, number of rows)."""
    return [
        (str(declaration.purpose) if (declaration := personal_data.get(key)) else key, count)
        for key, count in request.result.items()
    ]


def latest_export(user: Any) -> DataExport | None:
    """The person's newest export still on its way or still downloadable, for »My data«."""
    current = ~Q(status=DataExport.Status.DONE) | Q(expires_at__gt=timezone.now())
    return DataExport.objects.filter(current, user=user).order_by("-created_at", "-pk").first()


def inbox_open_requests() -> list[InboxItem]:
    """Open requests of access or erasure, each with the date the law sets for the answer."""
    waiting = DataRequest.objects.filter(status=DataRequest.Status.OPEN)
    return [
        InboxItem(
            key=f"privacy.request:{request.pk}",
            kind=_("Data protection request"),
            title=f"{request.get_kind_display()}: {request.email or request.user}",
            url=reverse("privacy:request_detail", args=[request.pk]),
            since=request.created_at,
            due=request.due_on,
        )
        for request in waiting.select_related("user")
    ]
