"""The network: municipality profiles, membership by application, the joint declaration and
its signing waves, and the partner institutions.

An authority is a member while it has a Membership without an end date. Memberships arise
only by admitting an Application; ending one keeps it (and the application history) on record.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from engagiert.core.models import TimestampedModel
from engagiert.core.validators import no_control_characters, phone_validator
from engagiert.registry.models import Authority, Organisation


class Topic(TimestampedModel):
    """A focus topic of the office's vocabulary (demographic change, young people …)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("short name"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class VolunteerCardStatus(models.TextChoices):
    PARTICIPATING = "participating", _("takes part")
    PLANNED = "planned", _("planned")
    NO = "no", _("does not take part")


class Profile(TimestampedModel):
    """What an authority's engagement officer keeps about its engagement structures."""

    authority = models.OneToOneField(
        Authority,
        verbose_name=_("authority"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="profile",
    )
    has_staff_unit = models.BooleanField(
        _("staff unit for civic engagement (Stabsstelle)"), default=False
    )
    has_round_table = models.BooleanField(_("round table (Runder Tisch)"), default=False)
    has_volunteer_agency = models.BooleanField(
        _("volunteer agency or centre (Freiwilligenagentur/-zentrum)"), default=False
    )
    volunteer_card = models.CharField(
        _("Ehrenamtskarte NRW"),
        max_length=20,
        choices=VolunteerCardStatus.choices,
        default=VolunteerCardStatus.NO,
    )
    volunteer_card_since = models.PositiveSmallIntegerField(
        _("taking part since (year)"), null=True, blank=True
    )
    strategy = models.TextField(
        _("local engagement strategy"),
        blank=True,
        help_text=_("Goals, fields of action and how the administration works on them."),
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("focus topics"), blank=True)
    is_demo = models.BooleanField(
        _("demo entry"), default=False, help_text=_("Invented for demonstration.")
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return str(_("Profile of %(name)s") % {"name": self.authority.name})

    def get_absolute_url(self) -> str:
        return self.authority.get_absolute_url()


def strategy_document_path(instance: "StrategyDocument", filename: str) -> str:
    return f"strategien/{instance.profile_id}/{filename}"


class StrategyDocument(TimestampedModel):
    """A PDF of the local engagement strategy; stored outside the static root."""

    profile = models.ForeignKey(
        Profile, verbose_name=_("profile"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("PDF file"), upload_to=strategy_document_path, max_length=300)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Otherwise only members of the network see it.")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("strategy document")
        verbose_name_plural = _("strategy documents")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("membership:document_download", args=[self.profile_id, self.pk])


class ContactPerson(TimestampedModel):
    """A contact person of an authority; each detail is public or for members only."""

    class Field(models.TextChoices):
        NAME = "name", _("Name")
        DEPARTMENT = "department", _("Department")
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("E-mail")

    authority = models.ForeignKey(
        Authority, verbose_name=_("authority"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200, validators=[no_control_characters])
    function = models.CharField(
        _("function"),
        max_length=200,
        help_text=_("e.g. »Koordination Bürgerschaftliches Engagement«"),
    )
    department = models.CharField(_("department"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[phone_validator])
    email = models.EmailField(_("e-mail"), blank=True)
    public_fields = models.JSONField(
        _("public details"),
        default=list,
        blank=True,
        help_text=_("Details everyone may see; the others are shown to network members only."),
    )
    is_primary = models.BooleanField(
        _("main contact for the network"),
        default=False,
        help_text=_("The named contact person the network's criteria ask for."),
    )

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["-is_primary", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.function})"

    def visible_details(self, *, members_only: bool) -> dict[str, str]:
        """The details this viewer may see (function is always public)."""
        details = {"function": self.function}
        for field in self.Field:
            value = getattr(self, field.value)
            if value and (members_only or field.value in self.public_fields):
                details[field.value] = value
        return details


class Leader(TimestampedModel):
    """The head of an authority: mayor, Landrat/Landrätin, or an alderman."""

    class Office(models.TextChoices):
        MAYOR = "mayor", _("Mayor (Bürgermeister/in)")
        DISTRICT_ADMINISTRATOR = (
            "district_administrator",
            _("District administrator (Landrat/Landrätin)"),
        )
        ALDERMAN = "alderman", _("Alderman (Beigeordnete/r)")
        OTHER = "other", _("Other leading function")

    authority = models.ForeignKey(
        Authority, verbose_name=_("authority"), on_delete=models.CASCADE, related_name="leaders"
    )
    name = models.CharField(_("name"), max_length=200, validators=[no_control_characters])
    office = models.CharField(_("office"), max_length=30, choices=Office.choices)
    since = models.DateField(_("in office since"), null=True, blank=True)
    email = models.EmailField(
        _("e-mail"),
        blank=True,
        help_text=_("For invitations to the annual top meeting; never public."),
    )

    class Meta:
        verbose_name = _("leader")
        verbose_name_plural = _("leaders")
        ordering = ["office", "name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.get_office_display()}"


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
