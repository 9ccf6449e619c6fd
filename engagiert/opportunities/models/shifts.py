"""Spontaneous help in shifts (the volunteer-planner model of the refugee help of 2015).

An action (flood relief, a clothes collection) of a provider has places; at a place there are
tasks (sorting, serving food); a task has shifts with a number of helpers needed. People sign
up for a shift with name and e-mail, confirmed by a link; the organiser confirms the hours
each helper gave, and the helper downloads them as evidence (with a code the Ehrenamtskarte
application accepts as the organisation's confirmation).
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagiert.core.models import TimestampedModel
from engagiert.core.validators import no_control_characters

#: Most helpers one shift may ask for (a number beyond is a typing error, not a plan).
MAX_HELPERS_PER_SHIFT = 500


def new_signup_token() -> str:
    return secrets.token_urlsafe(24)


#: Letters of evidence codes: no 0/O or 1/I/L, so a code read from paper is typed correctly.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_evidence_code() -> str:
    """»STD-XXXXX-XXXXX-XXXXX-XXXXX«: 20 random letters of 31, about 99 bits."""
    letters = "".join(secrets.choice(CODE_ALPHABET) for _ in range(20))
    return "STD-" + "-".join(letters[i : i + 5] for i in range(0, 20, 5))


class Action(TimestampedModel):
    """A campaign of spontaneous help with its places, tasks and shifts."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")

    provider = models.ForeignKey(
        "opportunities.Provider",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    title = models.CharField(_("title"), max_length=200, validators=[no_control_characters])
    description = models.TextField(_("description"), blank=True)
    authority = models.ForeignKey(
        "registry.Authority",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="shift_actions",
        help_text=_("Where the action takes place."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    #: When it was first published (the digest's news).
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("opportunities:action_detail", args=[self.pk])


class ActionPlace(TimestampedModel):
    """Where helpers go: a hall, a collection point, a street."""

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="places"
    )
    name = models.CharField(_("name"), max_length=150, validators=[no_control_characters])
    address = models.CharField(_("address"), max_length=200, blank=True)
    authority = models.ForeignKey(
        "registry.Authority",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    class Meta:
        verbose_name = _("place of an action")
        verbose_name_plural = _("places of an action")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Task(TimestampedModel):
    """What helpers do at a place (sorting, serving food)."""

    place = models.ForeignKey(
        ActionPlace, verbose_name=_("place"), on_delete=models.CASCADE, related_name="tasks"
    )
    title = models.CharField(_("task"), max_length=150, validators=[no_control_characters])
    description = models.TextField(_("description"), blank=True)
    requirements = models.CharField(
        _("requirements"),
        max_length=300,
        blank=True,
        help_text=_("E.g. sturdy shoes, a police certificate, languages."),
    )

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title


class Shift(TimestampedModel):
    """A time slot of a task that needs a number of helpers."""

    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="shifts"
    )
    starts_at = models.DateTimeField(_("start"), db_index=True)
    ends_at = models.DateTimeField(_("end"))
    needed = models.PositiveSmallIntegerField(
        _("helpers needed"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_HELPERS_PER_SHIFT)],
    )

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="shift_ends_after_start", condition=models.Q(ends_at__gt=models.F("starts_at"))
            ),
        ]

    def __str__(self) -> str:
        start = timezone.localtime(self.starts_at)
        end = timezone.localtime(self.ends_at)
        return f"{self.task.title}, {start:%d.%m.%Y %H:%M}–{end:%H:%M}"

    @property
    def hours(self) -> Decimal:
        seconds = (self.ends_at - self.starts_at).total_seconds()
        return (Decimal(seconds) / 3600).quantize(Decimal("0.01"))


class ShiftSignup(TimestampedModel):
    """One person's sign-up for one shift; the place is taken when the address is confirmed."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for e-mail confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        CANCELLED = "cancelled", _("cancelled")

    shift = models.ForeignKey(
        Shift, verbose_name=_("shift"), on_delete=models.CASCADE, related_name="signups"
    )
    name = models.CharField(_("name"), max_length=150, validators=[no_control_characters])
    email = models.EmailField(_("e-mail"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="shift_signups",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    token = models.CharField(
        _("personal link key"),
        max_length=64,
        unique=True,
        default=new_signup_token,
        editable=False,
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    attended = models.BooleanField(_("present"), null=True, blank=True)
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
    )
    hours_confirmed_at = models.DateTimeField(_("hours confirmed"), null=True, blank=True)
    hours_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hours confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("sign-up for a shift")
        verbose_name_plural = _("sign-ups for shifts")
        ordering = ["shift__starts_at", "name", "pk"]
        indexes = [models.Index(fields=["email", "status"])]

    def __str__(self) -> str:
        return f"{self.name} – {self.shift}"

    def get_absolute_url(self) -> str:
        return reverse("opportunities:signup_manage", args=[self.token])

    @property
    def hours_confirmed(self) -> bool:
        return self.hours_confirmed_at is not None and self.attended is True


class HoursCertificate(TimestampedModel):
    """Evidence of the hours one person gave one organisation, handed out as a PDF with a code.

    The code is random (not derived from anything guessable) and bound to the person (address)
    and the provider; the Ehrenamtskarte application looks it up and gets the hours of the
    sign-ups the certificate covers that are still confirmed by the organisation."""

    code = models.CharField(
        _("evidence code"), max_length=30, unique=True, default=new_evidence_code, editable=False
    )
    provider = models.ForeignKey(
        "opportunities.Provider",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="hours_certificates",
    )
    email = models.EmailField(_("e-mail"))
    name = models.CharField(_("name"), max_length=150)
    signups = models.ManyToManyField(
        ShiftSignup, verbose_name=_("sign-ups"), related_name="certificates"
    )

    class Meta:
        verbose_name = _("evidence of hours")
        verbose_name_plural = _("evidence of hours")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.code
