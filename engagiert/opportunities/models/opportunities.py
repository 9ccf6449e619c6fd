import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from engagiert.core.models import TimestampedModel
from engagiert.core.validators import no_control_characters


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Opportunity(TimestampedModel):
    """A long-term way to help that a provider publishes (Engagementangebot).

    Public while it is open, its provider is verified and its end date has not passed; after the
    end date it counts as expired without anyone changing it (`is_expired`, and the public
    queries filter on the date)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FILLED = "filled", _("Filled")
        PAUSED = "paused", _("Paused")

    class Schedule(models.TextChoices):
        ONE_OFF = "one_off", _("One-off")
        REGULAR = "regular", _("Regular")

    provider = models.ForeignKey(
        "opportunities.Provider",
        verbose_name=_("provider"),
        on_delete=models.CASCADE,
        related_name="opportunities",
    )
    title = models.CharField(_("title"), max_length=200, validators=[no_control_characters])
    description = models.TextField(_("description"))
    topic = models.ForeignKey(
        "registry.Topic", verbose_name=_("topic"), on_delete=models.PROTECT, related_name="+"
    )
    target_groups = models.CharField(
        _("target groups"),
        max_length=200,
        blank=True,
        help_text=_("Who benefits, e.g. »Kinder, Geflüchtete, Seniorinnen und Senioren«."),
    )
    authority = models.ForeignKey(
        "registry.Authority",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="opportunities",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.FloatField(
        _("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    schedule = models.CharField(
        _("one-off or regular"), max_length=10, choices=Schedule.choices, default=Schedule.REGULAR
    )
    hours_per_week = models.DecimalField(
        _("hours per week"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(80)],
    )
    on_weekdays = models.BooleanField(_("on weekdays"), default=False)
    on_weekends = models.BooleanField(_("at weekends"), default=False)
    in_evenings = models.BooleanField(_("in the evenings"), default=False)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    skills = models.CharField(
        _("skills"),
        max_length=300,
        blank=True,
        help_text=_("Separated by commas, e.g. »Deutsch, Führerschein, Handwerk«."),
    )
    requirements = models.CharField(
        _("requirements"),
        max_length=300,
        blank=True,
        help_text=_("E.g. an extended police certificate (erweitertes Führungszeugnis)."),
    )
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    accessibility = models.CharField(_("accessibility"), max_length=300, blank=True)
    remote_possible = models.BooleanField(_("possible from home"), default=False)
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(99)]
    )
    contact_name = models.CharField(
        _("contact person"), max_length=150, validators=[no_control_characters]
    )
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    is_demo = models.BooleanField(_("demo entry"), default=False)

    class Meta:
        verbose_name = _("engagement opportunity")
        verbose_name_plural = _("engagement opportunities")
        ordering = ["-created_at"]
        # Matching: open ones in a latitude band (the bounding box), longitude checked in the index.
        indexes = [
            models.Index(fields=["status", "latitude", "longitude"], name="opportunity_open_place")
        ]
        constraints = [
            models.CheckConstraint(
                name="opportunity_dates_in_order",
                condition=models.Q(starts_on__isnull=True)
                | models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("opportunities:opportunity_detail", args=[self.pk])

    @property
    def is_expired(self) -> bool:
        return self.ends_on is not None and self.ends_on < timezone.localdate()

    @property
    def status_label(self) -> str:
        return str(_("Expired")) if self.is_expired else str(self.get_status_display())

    @property
    def skill_list(self) -> list[str]:
        return [s.strip() for s in self.skills.split(",") if s.strip()]

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date lies before the start date.")})


class Interest(TimestampedModel):
    """A volunteer's interest in an opportunity (Interessensbekundung), answered by the provider.

    Without an account the address is confirmed first (PENDING until the link is used); the
    provider sees only confirmed interests, and only its own. The volunteer may withdraw it by
    the personal link. Interests that were not accepted are deleted after
    OPPORTUNITIES_KEEP_DECLINED_DAYS (`retention.py`)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("E-mail address not yet confirmed")
        NEW = "new", _("Sent, no answer yet")
        IN_CONTACT = "in_contact", _("In contact")
        ACCEPTED = "accepted", pgettext_lazy("interest", "Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn by the volunteer")

    #: What the provider may answer.
    ANSWERS = (Status.IN_CONTACT, Status.ACCEPTED, Status.DECLINED)
    #: Interests the provider sees.
    VISIBLE = (Status.NEW, Status.IN_CONTACT, Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN)
    #: Interests the volunteer still stands by (the volunteer agency's view).
    CURRENT = (Status.NEW, Status.IN_CONTACT, Status.ACCEPTED, Status.DECLINED)
    #: Interests the volunteer may still withdraw.
    WITHDRAWABLE = (Status.PENDING, Status.NEW, Status.IN_CONTACT, Status.ACCEPTED)

    opportunity = models.ForeignKey(
        Opportunity,
        verbose_name=_("opportunity"),
        on_delete=models.CASCADE,
        related_name="interests",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunity_interests",
    )
    name = models.CharField(_("name"), max_length=150, validators=[no_control_characters])
    email = models.EmailField(_("e-mail address"))
    message = models.TextField(_("message"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    answer = models.TextField(_("answer"), max_length=2000, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    token = models.CharField(
        _("personal link key"), max_length=64, unique=True, default=new_token, editable=False
    )

    class Meta:
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "email"], name="interest_one_per_address"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.opportunity}"

    def get_absolute_url(self) -> str:
        return reverse("opportunities:interest_status", args=[self.token])


class SavedSearch(TimestampedModel):
    """A volunteer's profile of interests: place and radius, topics, availability, skills.

    Kept searches are run again from »Meine Suchen«; with `notify`, new opportunities that match
    are news for their owner alone, told at once, in the digest or never as they chose (the
    digest of the mailings app remembers up to when it told each person)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="opportunity_searches",
    )
    name = models.CharField(_("name"), max_length=100, validators=[no_control_characters])
    query = models.CharField(_("search"), max_length=1000, editable=False)
    notify = models.BooleanField(_("tell me about new opportunities by e-mail"), default=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("opportunities:home") + "?" + self.query
