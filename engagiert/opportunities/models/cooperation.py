"""Corporate volunteering and the cooperation registry (seed 000: how municipalities promote
corporate engagement; mono- and multi-sector networks and cooperations, their success factors).

Businesses publish offers (a team day, skills, pro bono work …), organisations post needs; a
match proposed by one side and accepted by the other becomes a recorded engagement that the
municipality sees. Municipalities record their local networks and cooperations so that others
find one like theirs."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from engagiert.core.models import TimestampedModel
from engagiert.core.validators import no_control_characters

#: The farthest an offer reaches (km); matching searches needs this far around.
MAX_RADIUS_KM = 200


class CorporateKind(models.TextChoices):
    """What a business gives and what an organisation asks for."""

    TEAM_DAY = "team_day", _("Team day (Social Day)")
    SKILLS = "skills", _("Skills-based volunteering")
    PRO_BONO = "pro_bono", _("Pro bono service")
    IN_KIND = "in_kind", _("Donation in kind")
    MENTORING = "mentoring", _("Mentoring")


class CorporateOffer(TimestampedModel):
    """What a verified business offers: a kind of help, a team, a time frame and an area."""

    provider = models.ForeignKey(
        "opportunities.Provider",
        verbose_name=_("business"),
        on_delete=models.CASCADE,
        related_name="corporate_offers",
    )
    kind = models.CharField(_("kind of engagement"), max_length=12, choices=CorporateKind.choices)
    title = models.CharField(_("title"), max_length=150, validators=[no_control_characters])
    description = models.TextField(_("description"))
    team_size = models.PositiveSmallIntegerField(
        _("people taking part"),
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_("How many employees take part at most."),
    )
    available_from = models.DateField(_("available from"))
    available_until = models.DateField(_("available until"))
    authority = models.ForeignKey(
        "registry.Authority",
        verbose_name=_("Gemeinde"),
        on_delete=models.PROTECT,
        related_name="corporate_offers",
    )
    radius_km = models.PositiveSmallIntegerField(
        _("radius in km"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_RADIUS_KM)],
        help_text=_("How far from the Gemeinde the team will travel."),
    )
    topics = models.ManyToManyField(
        "registry.Topic", verbose_name=_("topics"), blank=True, related_name="+"
    )
    skills = models.CharField(
        _("skills offered"),
        max_length=300,
        blank=True,
        validators=[no_control_characters],
        help_text=_("Separated by commas, e.g. »Buchhaltung, Webseiten, Handwerk«."),
    )
    is_open = models.BooleanField(
        _("open for requests"), default=True, help_text=_("Closed offers are not listed.")
    )
    is_demo = models.BooleanField(_("demo entry"), default=False)

    class Meta:
        verbose_name = _("corporate offer")
        verbose_name_plural = _("corporate offers")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if (
            self.available_from
            and self.available_until
            and self.available_until < self.available_from
        ):
            raise ValidationError(
                {"available_until": _("The end of the time frame lies before its start.")}
            )

    def get_absolute_url(self) -> str:
        return reverse("opportunities:corporate_offer", args=[self.pk])


class CorporateNeed(TimestampedModel):
    """What a verified organisation asks businesses for: when, how many people, where."""

    provider = models.ForeignKey(
        "opportunities.Provider",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="corporate_needs",
    )
    kind = models.CharField(_("kind of engagement"), max_length=12, choices=CorporateKind.choices)
    title = models.CharField(_("title"), max_length=150, validators=[no_control_characters])
    description = models.TextField(_("description"))
    date_from = models.DateField(_("from"))
    date_until = models.DateField(_("until"))
    people = models.PositiveSmallIntegerField(
        _("people needed"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    skills = models.CharField(
        _("skills wanted"),
        max_length=300,
        blank=True,
        validators=[no_control_characters],
        help_text=_("Separated by commas, e.g. »Buchhaltung, Webseiten, Handwerk«."),
    )
    authority = models.ForeignKey(
        "registry.Authority",
        verbose_name=_("Gemeinde"),
        on_delete=models.PROTECT,
        related_name="corporate_needs",
    )
    address = models.CharField(
        _("place"), max_length=200, blank=True, validators=[no_control_characters]
    )
    topics = models.ManyToManyField(
        "registry.Topic", verbose_name=_("topics"), blank=True, related_name="+"
    )
    is_open = models.BooleanField(
        _("open for requests"), default=True, help_text=_("Closed needs are not listed.")
    )
    is_demo = models.BooleanField(_("demo entry"), default=False)

    class Meta:
        verbose_name = _("need of an organisation")
        verbose_name_plural = _("needs of organisations")
        ordering = ["date_from"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.date_from and self.date_until and self.date_until < self.date_from:
            raise ValidationError({"date_until": _("The end lies before the start.")})

    def get_absolute_url(self) -> str:
        return reverse("opportunities:corporate_need", args=[self.pk])


class CorporateMatch(TimestampedModel):
    """One side proposes an offer for a need; the other accepts or declines. An accepted match
    records what happened (date, people, hours) for the municipality."""

    class Side(models.TextChoices):
        BUSINESS = "business", _("the business")
        ORGANISATION = "organisation", _("the organisation")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    offer = models.ForeignKey(
        CorporateOffer, verbose_name=_("offer"), on_delete=models.CASCADE, related_name="matches"
    )
    need = models.ForeignKey(
        CorporateNeed, verbose_name=_("need"), on_delete=models.CASCADE, related_name="matches"
    )
    proposed_by = models.CharField(_("proposed by"), max_length=12, choices=Side.choices)
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by (person)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField(_("message"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answer = models.TextField(_("answer"), max_length=2000, blank=True)
    # The recorded engagement, once it took place.
    engagement_date = models.DateField(_("date of the engagement"), null=True, blank=True)
    engagement_people = models.PositiveSmallIntegerField(
        _("people who took part"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
    )
    engagement_hours = models.DecimalField(
        _("hours altogether"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.5), MaxValueValidator(100_000)],
        help_text=_("All people's hours added up."),
    )
    engagement_report = models.TextField(_("what happened"), max_length=4000, blank=True)
    is_demo = models.BooleanField(_("demo entry"), default=False)

    class Meta:
        verbose_name = _("corporate engagement match")
        verbose_name_plural = _("corporate engagement matches")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "need"], name="corporate_match_once"),
        ]

    def __str__(self) -> str:
        return f"{self.offer} → {self.need}"

    @property
    def is_recorded(self) -> bool:
        return self.engagement_date is not None

    def get_absolute_url(self) -> str:
        return reverse("opportunities:corporate_match", args=[self.pk])


class Sector(models.TextChoices):
    ADMINISTRATION = "administration", _("Administration")
    BUSINESS = "business", _("Business sector")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    SCIENCE = "science", _("Science")
    CHURCHES_WELFARE = "churches_welfare", _("Churches and welfare")


class SuccessFactor(models.TextChoices):
    """What makes a cooperation work (seed 000 and the exchange of the network's towns)."""

    SHARED_GOALS = "shared_goals", _("Shared goals")
    CLEAR_ROLES = "clear_roles", _("Clear roles")
    COORDINATING_OFFICE = "coordinating_office", _("A coordinating office")
    REGULAR_MEETINGS = "regular_meetings", _("Regular meetings")
    RECOGNITION = "recognition", _("Recognition of existing structures")
    RESOURCES = "resources", _("Resources (money, staff, rooms)")
    DRIVING_FORCE = "driving_force", _("A driving force that keeps engagement on the agenda")
    INTERMEDIARY = "intermediary", _("Independent intermediary structures")
    CROSS_DEPARTMENT = "cross_department", _("Anchored across the administration's departments")
    IMPACT = "impact", _("Impact measurement")


def _codes(value: str) -> list[str]:
    return value.split()


class Cooperation(TimestampedModel):
    """A local network or cooperation a municipality records for the network to find."""

    class Kind(models.TextChoices):
        MONO = "mono", _("Mono-sector")
        MULTI = "multi", _("Multi-sector")

    authority = models.ForeignKey(
        "registry.Authority",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="cooperations",
    )
    name = models.CharField(_("name"), max_length=200, validators=[no_control_characters])
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices)
    #: Sector codes separated by spaces (no code is part of another, so `contains` filters).
    sectors = models.CharField(_("sectors involved"), max_length=120)
    purpose = models.TextField(_("purpose"))
    partners = models.TextField(_("partners"), blank=True, help_text=_("One partner per line."))
    partner_organisations = models.ManyToManyField(
        "registry.Organisation",
        verbose_name=_("partners from the registry"),
        blank=True,
        related_name="cooperations",
    )
    topics = models.ManyToManyField(
        "registry.Topic", verbose_name=_("topics"), blank=True, related_name="+"
    )
    since = models.PositiveSmallIntegerField(_("since (year)"), null=True, blank=True)
    success_factors = models.CharField(_("success factors"), max_length=300, blank=True)
    success_notes = models.TextField(_("more on what makes it work"), blank=True)
    contact_name = models.CharField(
        _("contact person"), max_length=150, validators=[no_control_characters]
    )
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(
        _("phone"), max_length=40, blank=True, validators=[no_control_characters]
    )
    members_only = models.BooleanField(
        _("members only"),
        default=False,
        help_text=_("Only people of the network's member municipalities see it."),
    )
    is_demo = models.BooleanField(_("demo entry"), default=False)

    class Meta:
        verbose_name = _("network or cooperation")
        verbose_name_plural = _("networks and cooperations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, str] = {}
        sectors = _codes(self.sectors)
        if any(code not in Sector.values for code in sectors):
            errors["sectors"] = str(_("Choose sectors from the list."))
        elif self.kind == self.Kind.MONO and len(sectors) != 1:
            errors["sectors"] = str(_("A mono-sector network involves exactly one sector."))
        elif self.kind == self.Kind.MULTI and len(sectors) < 2:
            errors["sectors"] = str(_("A multi-sector network involves at least two sectors."))
        if any(code not in SuccessFactor.values for code in _codes(self.success_factors)):
            errors["success_factors"] = str(_("Choose success factors from the list."))
        if self.since is not None and not 1900 <= self.since <= datetime.date.today().year:
            errors["since"] = str(_("Give a year between 1900 and this year."))
        if errors:
            raise ValidationError(errors)

    @property
    def sector_codes(self) -> list[str]:
        return _codes(self.sectors)

    @property
    def sector_labels(self) -> list[str]:
        return [str(Sector(code).label) for code in self.sector_codes if code in Sector.values]

    @property
    def factor_codes(self) -> list[str]:
        return _codes(self.success_factors)

    @property
    def factor_labels(self) -> list[str]:
        return [
            str(SuccessFactor(code).label)
            for code in self.factor_codes
            if code in SuccessFactor.values
        ]

    @property
    def partner_lines(self) -> list[str]:
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    def get_absolute_url(self) -> str:
        return reverse("opportunities:cooperation_detail", args=[self.pk])
