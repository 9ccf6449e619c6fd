"""Shared model pieces and the audit log: no domain rules live here."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimestampedModel(models.Model):
    """Base for domain models: when a row was created and last changed."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """One change to an audited object: who, when, what; kept when the actor is deleted."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")
        IMPORT = "import", _("imported")

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("by (as recorded)"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of object"), on_delete=models.PROTECT
    )
    object_id = models.CharField(_("object key"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=200)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    #: What the object belongs to (e.g. »authority:05170020«), so one page can show the history
    #: of an authority's profile, contacts and documents together.
    scope = models.CharField(_("belongs to"), max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        when = f"{self.created_at:%Y-%m-%d %H:%M}"
        return f"{when} {self.actor_label}: {self.get_action_display()} {self.object_repr}"


class OutboundMail(models.Model):
    """One e-mail to one recipient, kept until it is sent (the outbox).

    Every e-mail of the platform goes through here: workflow messages and info-mails alike.
    A worker claims due messages, sends them and records the outcome; a failure is retried
    with growing pauses, and a message whose worker died is released again after a while.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    batch = models.CharField(
        _("batch"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("e.g. »mailing:12« – one message per address and batch"),
    )
    to_email = models.EmailField(_("to"))
    to_name = models.CharField(_("name"), max_length=200, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "to_email"],
                condition=~models.Q(batch=""),
                name="outbound_mail_once_per_batch_and_address",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.to_email}: {self.subject}"


class ScheduledJob(models.Model):
    """The schedule's memory of one periodic job: when it is due, and whether it runs now.

    A schedule process claims a due job here before running it (see core.schedule), so several
    processes or a restart neither run a job twice at the same time nor skip it.
    """

    key = models.CharField(_("job"), max_length=100, unique=True)
    next_run_at = models.DateTimeField(_("due from"), null=True, blank=True)
    claimed_until = models.DateTimeField(_("running, claimed until"), null=True, blank=True)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key
