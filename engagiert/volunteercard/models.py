"""The Ehrenamtskarte (C6): who issues cards for whom, the criteria by date, applications with
the organisations' confirmations, and the cards themselves.

Criteria are stored by date: a statewide `RuleSet` version applies from its `valid_from`, an
issuer's `LocalRule` likewise; an application is judged by the versions in force on its
submission date and records which it used. Personal data is kept to what the card needs; the
card shows and the verification reveals no address and no birth date.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from engagiert.core.models import TimestampedModel
from engagiert.core.validators import no_control_characters

#: Card numbers: 16 characters of an alphabet without look-alikes (0/O, 1/I/L) – 80 bits,
#: printed in groups of four. Not derived from anything, so they cannot be enumerated.
CARD_NUMBER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CARD_NUMBER_LENGTH = 16


def new_card_number() -> str:
    return "".join(secrets.choice(CARD_NUMBER_ALPHABET) for _ in range(CARD_NUMBER_LENGTH))


class Issuer(TimestampedModel):
    """A participating authority that issues cards: a kreisfreie Stadt for itself, a Kreis for
    its kreisangehörige Gemeinden, a Gemeinde for itself. Which Gemeinden it serves is its
    `area` (`CoveredArea`); one Gemeinde has at most one issuer."""

    authority = models.OneToOneField(
        "registry.Authority",
        verbose_name=_("authority"),
        on_delete=models.PROTECT,
        related_name="card_issuer",
    )
    participating_since = models.DateField(_("participating since"))
    validity_years = models.PositiveSmallIntegerField(
        _("validity of a card in years"),
        default=2,
        help_text=_("How long a standard card is valid (a jubilee card has no end)."),
    )
    contact_email = models.EmailField(_("contact e-mail for applicants"), blank=True)
    is_active = models.BooleanField(_("issues cards"), default=True)

    class Meta:
        verbose_name = _("issuing authority")
        verbose_name_plural = _("issuing authorities")
        ordering = ["authority__name"]

    def __str__(self) -> str:
        return str(self.authority)


class CoveredArea(models.Model):
    """A Gemeinde whose residents (or whose engagement) an issuer serves."""

    issuer = models.ForeignKey(
        Issuer, verbose_name=_("issuing authority"), on_delete=models.CASCADE, related_name="area"
    )
    authority = models.OneToOneField(
        "registry.Authority",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="card_coverage",
    )

    class Meta:
        verbose_name = _("covered municipality")
        verbose_name_plural = _("covered municipalities")

    def __str__(self) -> str:
        return f"{self.authority} ← {self.issuer}"


class RuleSet(TimestampedModel):
    """One version of the statewide criteria, in force from `valid_from` until the next one."""

    name = models.CharField(_("name"), max_length=200)
    valid_from = models.DateField(_("valid from"), unique=True)
    hours_per_week = models.DecimalField(
        _("hours per week (average)"), max_digits=4, decimal_places=1
    )
    hours_per_year = models.PositiveSmallIntegerField(_("hours per year"))
    allowance_allowed = models.BooleanField(
        _("flat-rate allowance allowed"),
        help_text=_("If not, nothing beyond actual expenses may be paid."),
    )
    allowance_max_eur = models.DecimalField(
        _("highest allowance per year (€)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("e.g. the Übungsleiterpauschale; empty when no allowance is allowed."),
    )
    juleica_exempts_hours = models.BooleanField(
        _("a valid JuLeiCa replaces the proof of hours"), default=True
    )
    jubilee_years = models.PositiveSmallIntegerField(
        _("years of engagement for the jubilee card"), default=25
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("statewide rule set")
        verbose_name_plural = _("statewide rule sets")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return self.name


class LocalRule(TimestampedModel):
    """An issuer's own criteria, in force from `valid_from` until its next version."""

    issuer = models.ForeignKey(
        Issuer, verbose_name=_("issuing authority"), on_delete=models.CASCADE, related_name="rules"
    )
    valid_from = models.DateField(_("valid from"))
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=16)
    min_years_engaged = models.PositiveSmallIntegerField(
        _("minimum years of prior engagement"), default=0
    )
    requires_local_link = models.BooleanField(
        _("residence or engagement in the area required"), default=True
    )

    class Meta:
        verbose_name = _("local rule")
        verbose_name_plural = _("local rules")
        ordering = ["issuer", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "valid_from"], name="local_rule_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.issuer} ab {self.valid_from:%d.%m.%Y}"


class Application(TimestampedModel):
    class Kind(models.TextChoices):
        NEW = "new", _("First card")
        RENEWAL = "renewal", _("Renewal")
        JUBILEE = "jubilee", _("Jubilee card (25 years or more)")

    class Status(models.TextChoices):
        EMAIL_PENDING = "email_pending", _("E-mail address not yet confirmed")
        CONFIRMATIONS_OPEN = "confirmations_open", _("Waiting for the organisations")
        IN_REVIEW = "in_review", _("In review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    #: Used in links (the applicant's status page, the organisations' confirmations).
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    issuer = models.ForeignKey(
        Issuer,
        verbose_name=_("issuing authority"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NEW)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.EMAIL_PENDING,
        db_index=True,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="card_applications",
    )
    previous_card = models.ForeignKey(
        "Card",
        verbose_name=_("previous card"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="renewals",
    )
    first_name = models.CharField(
        _("first name"), max_length=150, validators=[no_control_characters]
    )
    last_name = models.CharField(_("last name"), max_length=150, validators=[no_control_characters])
    birth_date = models.DateField(_("date of birth"))
    email = models.EmailField(_("e-mail address"))
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    residence = models.ForeignKey(
        "registry.Authority",
        verbose_name=_("municipality of residence"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    juleica_number = models.CharField(_("JuLeiCa number"), max_length=40, blank=True)
    juleica_valid_until = models.DateField(_("JuLeiCa valid until"), null=True, blank=True)
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    submitted_on = models.DateField(
        _("submitted on"),
        null=True,
        blank=True,
        help_text=_("The day the e-mail address was confirmed; the rules of this day apply."),
    )
    rule_set = models.ForeignKey(
        RuleSet,
        verbose_name=_("statewide rules applied"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    local_rule = models.ForeignKey(
        LocalRule,
        verbose_name=_("local rules applied"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: The automatic check as shown to the staff: [{"criterion", "met", "reason"}, …].
    check_result = models.JSONField(_("result of the check"), default=list, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    personal_data_erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    class Meta:
        verbose_name = _("card application")
        verbose_name_plural = _("card applications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["issuer", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} ({self.get_status_display()})"

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Engagement(TimestampedModel):
    """One organisation an applicant names (up to five), and its confirmation."""

    class Field(models.TextChoices):
        SOCIAL = "social", _("Social services and care")
        SPORT = "sport", _("Sport and exercise")
        CULTURE = "culture", _("Culture and music")
        YOUTH = "youth", _("Children and young people")
        EDUCATION = "education", _("School and education")
        RESCUE = "rescue", _("Fire brigade and rescue services")
        ENVIRONMENT = "environment", _("Environment and animal protection")
        CHURCH = "church", _("Church and religion")
        INTEGRATION = "integration", _("Integration and refugee help")
        POLITICS = "politics", _("Local politics and civic interests")
        OTHER = "other", _("Other")

    class Confirmation(models.TextChoices):
        OPEN = "open", _("Not yet confirmed")
        CONFIRMED = "confirmed", _("Confirmed")
        CORRECTED = "corrected", _("Confirmed with corrected hours")
        DECLINED = "declined", _("Declined")

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="engagements",
    )
    organisation = models.CharField(
        _("organisation"), max_length=200, validators=[no_control_characters]
    )
    field = models.CharField(_("field of engagement"), max_length=20, choices=Field.choices)
    place = models.ForeignKey(
        "registry.Authority",
        verbose_name=_("municipality of the engagement"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    activity = models.CharField(_("activity"), max_length=300, blank=True)
    contact_name = models.CharField(
        _("contact person"), max_length=150, validators=[no_control_characters]
    )
    contact_email = models.EmailField(_("contact person's e-mail"))
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    hours_per_year = models.PositiveSmallIntegerField(_("hours per year"), null=True, blank=True)
    since = models.DateField(_("engaged since"))
    allowance_eur_per_year = models.DecimalField(
        _("allowance received per year (€)"), max_digits=8, decimal_places=2, default=0
    )
    #: An evidence code from another app (confirmed shift hours) instead of a confirmation link.
    evidence_code = models.CharField(_("evidence code"), max_length=64, blank=True)
    confirmation = models.CharField(
        _("confirmation"),
        max_length=10,
        choices=Confirmation.choices,
        default=Confirmation.OPEN,
    )
    confirmed_hours_per_week = models.DecimalField(
        _("confirmed hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    confirmed_hours_per_year = models.PositiveSmallIntegerField(
        _("confirmed hours per year"), null=True, blank=True
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmation_note = models.TextField(_("note of the organisation"), blank=True)
    reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["application", "pk"]
        constraints = [
            models.CheckConstraint(
                name="engagement_hours_given",
                condition=Q(hours_per_week__isnull=False) | Q(hours_per_year__isnull=False),
                violation_error_message=_("Give the hours per week or per year."),
            ),
        ]

    def __str__(self) -> str:
        return self.organisation


class Card(TimestampedModel):
    class Kind(models.TextChoices):
        STANDARD = "standard", _("Ehrenamtskarte")
        JUBILEE = "jubilee", _("Jubilee card")

    class RevocationCategory(models.TextChoices):
        """What the public verification says about a revoked card (never the free text)."""

        REPLACED = "replaced", _("replaced by a new card")
        ENDED = "ended", _("engagement ended")
        MISUSE = "misuse", _("misuse")
        OTHER = "other", _("other reason")

    number = models.CharField(
        _("card number"), max_length=CARD_NUMBER_LENGTH, unique=True, default=new_card_number
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.STANDARD)
    issuer = models.ForeignKey(
        Issuer, verbose_name=_("issuing authority"), on_delete=models.PROTECT, related_name="cards"
    )
    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="card",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("holder's account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer_cards",
    )
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("e-mail address"), blank=True)
    #: Kept for the statistics (age band), never shown on the card or the verification.
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    field = models.CharField(
        _("main field of engagement"), max_length=20, choices=Engagement.Field.choices, blank=True
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: The signing key the QR code was made with (for key rotation).
    key_id = models.CharField(_("key id"), max_length=20, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revocation_category = models.CharField(
        _("kind of revocation"), max_length=10, choices=RevocationCategory.choices, blank=True
    )
    revocation_reason = models.CharField(_("reason for revocation"), max_length=300, blank=True)
    replaced_by = models.OneToOneField(
        "self",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    expiry_reminded_at = models.DateTimeField(_("expiry reminder sent"), null=True, blank=True)
    personal_data_erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    class Meta:
        verbose_name = _("Ehrenamtskarte")
        verbose_name_plural = _("Ehrenamtskarten")
        ordering = ["-issued_at"]
        indexes = [
            models.Index(fields=["issuer", "valid_until"]),
            models.Index(fields=["valid_from", "valid_until"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="card_jubilee_has_no_end",
                condition=Q(kind="jubilee", valid_until__isnull=True)
                | Q(kind="standard", valid_until__isnull=False),
                violation_error_message=_(
                    "A jubilee card is valid for life; any other card has an end date."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.display_number

    @property
    def display_number(self) -> str:
        return " ".join(self.number[i : i + 4] for i in range(0, len(self.number), 4))

    @property
    def holder_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


# --- Benefit partners and their benefits (Akzeptanzstellen) -----------------------------------


class BenefitPartner(TimestampedModel):
    """A business or institution that grants card holders a benefit (an Akzeptanzstelle).

    It registers itself; the card staff of the issuer whose area covers its first location (or
    the office, when no issuer covers it) approve it. Only an approved partner's benefits are
    public. The organisation is the registry's, so a partner is known across the platform."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    organisation = models.OneToOneField(
        "registry.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="benefit_partner",
    )
    issuer = models.ForeignKey(
        Issuer,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partners",
        help_text=_("The issuer whose area covers the first location; empty: the office."),
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_name = models.CharField(
        _("contact person"), max_length=150, validators=[no_control_characters]
    )
    contact_email = models.EmailField(_("contact e-mail"))
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    description = models.TextField(_("what card holders should know"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    is_demo = models.BooleanField(
        _("demo entry"),
        default=False,
        help_text=_("Invented for demonstration; not a real partner."),
    )

    class Meta:
        verbose_name = _("benefit partner")
        verbose_name_plural = _("benefit partners")
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def name(self) -> str:
        return self.organisation.name


class PartnerLocation(TimestampedModel):
    """A place where a partner grants its benefits, placed on the map by its coordinates (as
    entered, or the Gemeinde's centre from the registry: there is no geocoding service)."""

    partner = models.ForeignKey(
        BenefitPartner,
        verbose_name=_("benefit partner"),
        on_delete=models.CASCADE,
        related_name="locations",
    )
    name = models.CharField(
        _("name of the location"), max_length=200, validators=[no_control_characters]
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    authority = models.ForeignKey(
        "registry.Authority",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    at_municipality_centre = models.BooleanField(
        _("placed at the municipality's centre"),
        default=False,
        help_text=_("No coordinates were given; the map shows the municipality's centre."),
    )

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["partner", "name", "pk"]

    def __str__(self) -> str:
        return f"{self.name}, {self.authority}"


class Benefit(TimestampedModel):
    """What a card holder gets, as structured data: a category of a fixed list, a kind with its
    value, conditions, a validity and the locations it applies at."""

    class Category(models.TextChoices):
        CULTURE = "culture", _("Culture")
        SPORT = "sport", _("Sport and leisure")
        EDUCATION = "education", _("Education")
        GASTRONOMY = "gastronomy", _("Gastronomy")
        MOBILITY = "mobility", _("Mobility")
        HEALTH = "health", _("Health")
        SHOPPING = "shopping", _("Shopping")
        OTHER = "other", _("Other")

    class Kind(models.TextChoices):
        PERCENT = "percent", _("Percent off")
        AMOUNT = "amount", _("Amount off")
        FREE_ENTRY = "free_entry", _("Free entry")
        OTHER = "other", _("Other benefit")

    partner = models.ForeignKey(
        BenefitPartner,
        verbose_name=_("benefit partner"),
        on_delete=models.CASCADE,
        related_name="benefits",
    )
    title = models.CharField(_("title"), max_length=200, validators=[no_control_characters])
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    kind = models.CharField(_("kind of benefit"), max_length=12, choices=Kind.choices)
    percent = models.PositiveSmallIntegerField(_("percent off"), null=True, blank=True)
    amount_eur = models.DecimalField(
        _("amount off (€)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    conditions = models.TextField(_("conditions"), blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    statewide = models.BooleanField(
        _("for holders of every card in NRW"),
        default=True,
        help_text=_("Otherwise only for holders of a card of the local issuing authority."),
    )
    locations = models.ManyToManyField(
        PartnerLocation, verbose_name=_("locations"), related_name="benefits"
    )

    class Meta:
        verbose_name = _("benefit")
        verbose_name_plural = _("benefits")
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["category", "kind"])]
        constraints = [
            models.CheckConstraint(
                name="benefit_percent_in_range",
                condition=~Q(kind="percent") | Q(percent__gte=1, percent__lte=100),
                violation_error_message=_("Give a percentage between 1 and 100."),
            ),
            models.CheckConstraint(
                name="benefit_amount_positive",
                condition=~Q(kind="amount") | Q(amount_eur__gt=0),
                violation_error_message=_("Give an amount greater than 0 €."),
            ),
            models.CheckConstraint(
                name="benefit_validity_in_order",
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                violation_error_message=_("The end of the validity lies before its start."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def towns(self) -> list[str]:
        """The towns of its locations, each once (reads the prefetched locations)."""
        return sorted({location.authority.name for location in self.locations.all()})

    @property
    def value_label(self) -> str:
        """»20 %«, »5,00 € Rabatt«, »Freier Eintritt« – the benefit at a glance."""
        if self.kind == self.Kind.PERCENT and self.percent:
            return _("%(percent)s %% off") % {"percent": self.percent}
        if self.kind == self.Kind.AMOUNT and self.amount_eur:
            amount = f"{self.amount_eur:.2f}".replace(".", ",")
            return _("%(amount)s € off") % {"amount": amount}
        return str(self.get_kind_display())
