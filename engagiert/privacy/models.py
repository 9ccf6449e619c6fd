"""Requests of data subjects (Art. 15–17 DSGVO): a copy of one's data, or its erasure.

A request is received on a day and is due one month later (Art. 12 Abs. 3 DSGVO). A completed
erasure keeps its request as proof that it was done, without the address it was done for.
"""

import calendar
import datetime
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagiert.core.models import TimestampedModel


def one_month_after(day: datetime.date) -> datetime.date:
    """The same day of the next month, or its last day (31 January → 28/29 February)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


class DataRequest(TimestampedModel):
    class Kind(models.TextChoices):
        EXPORT = "export", _("Copy of the data (access)")
        ERASURE = "erasure", _("Erasure")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        COMPLETED = "completed", _("completed")

    kind = models.CharField(_("request"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    received_on = models.DateField(_("received"), default=timezone.localdate)
    due_on = models.DateField(_("due"))
    note = models.TextField(_("note of the office"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("completed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: Rows erased per declaration (»events.registration«: 2), recorded on completion.
    result = models.JSONField(_("result"), default=dict, blank=True)

    class Meta:
        verbose_name = _("data protection request")
        verbose_name_plural = _("data protection requests")
        ordering = ["-status", "due_on", "pk"]  # open ones first
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "email"],
                condition=models.Q(status="open"),
                name="one_open_request_per_kind_and_address",
                violation_error_message=_("There is an open request of this kind already."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Request no. %(number)s") % {"number": self.pk})

    def get_absolute_url(self) -> str:
        return reverse("privacy:request_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.is_open and self.due_on < (today or timezone.localdate())


def export_path(instance: "DataExport", filename: str) -> str:
    """A name no one can guess: the file is served only through the owner's download view."""
    return f"datenschutz/exporte/{uuid.uuid4().hex}.zip"


class DataExport(TimestampedModel):
    """A person's ZIP of their data, built in the background and kept for a few days
    (PRIVACY_EXPORT_KEEP_DAYS); only that person downloads it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("being built")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="data_exports",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    step = models.PositiveSmallIntegerField(_("step"), default=0)
    steps = models.PositiveSmallIntegerField(_("steps"), default=0)
    file = models.FileField(_("ZIP file"), upload_to=export_path, max_length=300, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("deleted after"), null=True, blank=True)

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
