"""Membership by application: the application, its history and the membership it leads to."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from engagiert.core.models import TimestampedModel
from engagiert.registry.models import Authority

from .declarations import SigningWave
from .profiles import ContactPerson, VolunteerCardStatus


class Application(TimestampedModel):
    """An authority's application for membership, reviewed by the network office."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted, under review")
        INFO_REQUESTED = "info_requested", _("more information requested")
        ADMITTED = "admitted", _("admitted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    #: States in which an application is still being worked on; only one per authority.
    OPEN = (Status.SUBMITTED, Status.INFO_REQUESTED)

    authority = models.ForeignKey(
        Authority,
        verbose_name=_("authority"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    contact_person = models.ForeignKey(
        ContactPerson,
        verbose_name=_("named contact person"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cross_cutting = models.TextField(
        _("engagement promotion as a cross-cutting task"),
        help_text=_("How is the promotion of civic engagement anchored across the administration?"),
    )
    volunteer_card = models.CharField(
        _("Ehrenamtskarte NRW"), max_length=20, choices=VolunteerCardStatus.choices
    )
    motivation = models.TextField(_("what you expect from the network"), blank=True)
    accepts_declaration = models.BooleanField(
        _(
            "we will sign the joint declaration »Zukunftsfaktor Bürgerengagement – Gemeinsam und "
            "vernetzt handeln«"
        ),
        default=False,
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority"],
                condition=Q(status__in=["submitted", "info_requested"]),
                name="one_open_application_per_authority",
                violation_error_message=_("This municipality has an open application already."),
            )
        ]

    def __str__(self) -> str:
        return str(_("Application of %(name)s") % {"name": self.authority.name})

    def get_absolute_url(self) -> str:
        return reverse("membership:application_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class ApplicationEvent(models.Model):
    """One step of an application's history: who did what, with which message."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        INFO_REQUESTED = "info_requested", _("asked for more information")
        ANSWERED = "answered", _("answered and resubmitted")
        ADMITTED = "admitted", _("admitted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("step"), max_length=20, choices=Action.choices)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        verbose_name = _("application step")
        verbose_name_plural = _("application steps")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.created_at:%d.%m.%Y})"


class Membership(TimestampedModel):
    """An authority's membership from admission until it leaves (`until` empty while it lasts)."""

    authority = models.ForeignKey(
        Authority, verbose_name=_("authority"), on_delete=models.CASCADE, related_name="memberships"
    )
    since = models.DateField(_("member since"))
    #: An admission knows its day; a membership from an early signing wave perhaps only the year.
    since_precision = models.CharField(
        _("date known to the"),
        max_length=5,
        choices=SigningWave.Precision.choices,
        default=SigningWave.Precision.DAY,
    )
    until = models.DateField(_("member until"), null=True, blank=True)
    end_reason = models.TextField(_("reason for leaving"), blank=True)
    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="membership",
    )
    is_demo = models.BooleanField(_("demo entry"), default=False)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-since"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority"],
                condition=Q(until__isnull=True),
                name="one_current_membership_per_authority",
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="membership_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.authority} ({self.since:%Y}–{self.until:%Y})"
            if self.until
            else (f"{self.authority} ({self.since:%Y}–)")
        )

    @property
    def is_current(self) -> bool:
        return self.until is None
