"""What a municipality keeps about itself: profile, focus topics, documents, contacts, leaders."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from engagiert.core.models import TimestampedModel
from engagiert.core.validators import no_control_characters, phone_validator
from engagiert.registry.models import Authority, Organisation, Topic


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
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(
        _("engagement in brief"),
        blank=True,
        help_text=_("A few sentences on how the authority promotes civic engagement."),
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
    """A contact person of an authority (or of a partner institution); each detail is public or
    for members only. A person who left keeps their row (`ended_on`, `successor`): the history
    of who held a function stays, only current people are shown and written to."""

    class Field(models.TextChoices):
        NAME = "name", _("Name")
        DEPARTMENT = "department", _("Department")
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("E-mail")

    authority = models.ForeignKey(
        Authority,
        verbose_name=_("authority"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("partner institution"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contacts",
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
    public_consent = models.BooleanField(
        _("agreed to public contact details"),
        default=False,
        help_text=_(
            "The person themselves agreed that their e-mail and phone may be shown to the "
            "public (a consent record); until then only network members see them."
        ),
    )
    is_primary = models.BooleanField(
        _("main contact for the network"),
        default=False,
        help_text=_("The named contact person the network's criteria ask for."),
    )
    ended_on = models.DateField(_("left on"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["-is_primary", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(authority__isnull=False, organisation__isnull=True)
                | models.Q(authority__isnull=True, organisation__isnull=False),
                name="contact_at_one_institution",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.function})"

    @property
    def institution(self) -> Authority | Organisation:
        """Where the person works: the authority or the partner institution."""
        institution = self.authority or self.organisation
        assert institution is not None  # the constraint asks for exactly one
        return institution

    @property
    def is_current(self) -> bool:
        return self.ended_on is None

    #: Shown to the public only with the person's own consent, whatever the officer marks.
    NEEDS_CONSENT = frozenset({Field.PHONE, Field.EMAIL})

    def visible_details(self, *, members_only: bool) -> dict[str, str]:
        """The details this viewer may see: the function always; to the public the details the
        officer marked public, e-mail and phone only once the person agreed. Every public view
        of a contact (profile page, API) reads this one rule."""
        details = {"function": self.function}
        for field in self.Field:
            value = getattr(self, field.value)
            public = field.value in self.public_fields and (
                self.public_consent or field not in self.NEEDS_CONSENT
            )
            if value and (members_only or public):
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
