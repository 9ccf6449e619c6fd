"""The joint declaration, its signing waves and signatures, and the partner institutions."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from engagiert.core.models import TimestampedModel
from engagiert.core.validators import phone_validator
from engagiert.registry.models import Authority, Organisation


class Declaration(TimestampedModel):
    """A version of the joint declaration »Zukunftsfaktor Bürgerengagement …«."""

    title = models.CharField(_("title"), max_length=300)
    version = models.CharField(_("version"), max_length=50, unique=True)
    adopted = models.DateField(_("adopted"))
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("joint declaration")
        verbose_name_plural = _("joint declarations")
        ordering = ["-adopted"]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"


class SigningWave(TimestampedModel):
    """One signing of the declaration: date, occasion, place."""

    class Precision(models.TextChoices):
        DAY = "day", _("exact day")
        MONTH = "month", _("month")
        YEAR = "year", _("year")

    declaration = models.ForeignKey(
        Declaration, verbose_name=_("declaration"), on_delete=models.PROTECT, related_name="waves"
    )
    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("date known to the"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    occasion = models.CharField(_("occasion"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("signing wave")
        verbose_name_plural = _("signing waves")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.occasion} ({self.date:%Y})"


def known_part(date: datetime.date | None, precision: str | None) -> str | None:
    """A date as far as it is known, in ISO 8601: »2016« when only the year is, »2016-03« for
    a month, else the day; None for no date."""
    if date is None:
        return None
    if precision == SigningWave.Precision.YEAR:
        return f"{date:%Y}"
    if precision == SigningWave.Precision.MONTH:
        return f"{date:%Y-%m}"
    return date.isoformat()


class Signature(TimestampedModel):
    """A signatory in a wave: an authority (signed by a person) or an organisation."""

    wave = models.ForeignKey(
        SigningWave,
        verbose_name=_("signing wave"),
        on_delete=models.CASCADE,
        related_name="signatures",
    )
    authority = models.ForeignKey(
        Authority,
        verbose_name=_("authority"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signatures",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signatures",
    )
    signed_by = models.CharField(_("signed by"), max_length=200, blank=True)
    signer_role = models.CharField(_("in the role of"), max_length=200, blank=True)
    is_demo = models.BooleanField(_("demo entry"), default=False)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["wave", "authority__name", "organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(authority__isnull=False, organisation__isnull=True)
                | Q(authority__isnull=True, organisation__isnull=False),
                name="signature_by_authority_or_organisation",
            ),
            models.UniqueConstraint(
                fields=["wave", "authority"], name="signature_once_per_authority"
            ),
            models.UniqueConstraint(
                fields=["wave", "organisation"], name="signature_once_per_organisation"
            ),
        ]

    def __str__(self) -> str:
        return str(self.authority or self.organisation)


class Partnership(TimestampedModel):
    """A partner institution's role in the network."""

    class Role(models.TextChoices):
        FACILITATOR = "facilitator", _("Network facilitation")
        WORKSHOP_OPERATOR = "workshop_operator", _("Operator of the development workshop")
        EVALUATOR = "evaluator", _("Scientific evaluation")
        UMBRELLA = "umbrella", _("Municipal umbrella association")
        FEDERAL_NETWORK = "federal_network", _("Federal network")
        MINISTRY = "ministry", _("Funding ministry")
        OTHER = "other", _("Other partner")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="partnerships",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    since = models.PositiveSmallIntegerField(_("since (year)"), null=True, blank=True)
    until = models.PositiveSmallIntegerField(_("until (year)"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=40, blank=True, validators=[phone_validator]
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "role"], name="partnership_once_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.get_role_display()}"
