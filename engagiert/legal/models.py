"""Legal pages, accessibility feedback and consent records (C9).

The operator's legal pages (Impressum, Datenschutzerklärung, Erklärung zur Barrierefreiheit,
Kontakt) are versioned: the office's edit adds a version, the public sees the newest, and the
history is kept. The accessibility statement follows the structure of the BITV NRW (status of
conformity, known barriers, date and method, feedback, enforcement body); its feedback form opens
a case the office answers through the outbox. A consent record is what one person agreed to, to
which wording, when, and when they withdrew it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from engagiert.core.models import TimestampedModel
from engagiert.core.validators import no_control_characters


class Page(models.TextChoices):
    """The legal pages; the value is the public path segment."""

    IMPRINT = "impressum", _("Legal notice")
    PRIVACY = "datenschutz", _("Privacy policy")
    ACCESSIBILITY = "barrierefreiheit", _("Accessibility statement")
    CONTACT = "kontakt", _("Contact")


class PageVersion(models.Model):
    """One version of a legal page; editing a page adds a version, none is ever changed."""

    class Conformity(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    page = models.CharField(_("page"), max_length=20, choices=Page.choices)
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(
        _("text"),
        help_text=_(
            "Paragraphs are separated by an empty line; »## « starts a heading, »- « a list "
            "item, **bold** is bold; links are written out (https://…)."
        ),
    )
    is_example = models.BooleanField(
        _("example text"),
        default=False,
        help_text=_("Marked on the page as an example to adapt before going live."),
    )
    # The accessibility statement's parts (BITV NRW); blank on the other pages.
    conformity = models.CharField(
        _("status of conformity"), max_length=10, choices=Conformity.choices, blank=True
    )
    barriers = models.TextField(
        _("known barriers"),
        blank=True,
        help_text=_("One barrier per line, with the reason and an alternative if there is one."),
    )
    prepared_on = models.DateField(_("statement prepared on"), null=True, blank=True)
    reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    method = models.TextField(_("method of assessment"), blank=True)
    enforcement_body = models.TextField(
        _("enforcement body"),
        blank=True,
        help_text=_("Name and address of the enforcement body, one line each."),
    )

    class Meta:
        verbose_name = _("version of a legal page")
        verbose_name_plural = _("versions of legal pages")
        ordering = ["page", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="one_number_per_legal_page")
        ]

    def __str__(self) -> str:
        return f"{self.get_page_display()} ({self.number})"

    @property
    def barrier_list(self) -> list[str]:
        return [line.strip() for line in self.barriers.splitlines() if line.strip()]


class NoteVersion(models.Model):
    """One version of the privacy note of a form (`{% privacy_note "<key>" %}`); the office's edit
    adds a version, none is ever changed, and a consent record keeps the number it was given to."""

    key = models.CharField(_("form"), max_length=60)
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    purpose = models.TextField(_("purpose"))
    legal_basis = models.TextField(_("legal basis"))
    retention = models.TextField(_("kept for"))

    class Meta:
        verbose_name = _("version of a privacy note")
        verbose_name_plural = _("versions of privacy notes")
        ordering = ["key", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["key", "number"], name="one_number_per_privacy_note")
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.number})"


class FeedbackCase(TimestampedModel):
    """A barrier someone reported through the accessibility statement's feedback form."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ANSWERED = "answered", _("answered")

    name = models.CharField(
        _("name"), max_length=200, blank=True, validators=[no_control_characters]
    )
    email = models.EmailField(_("e-mail"))
    page_url = models.CharField(
        _("page concerned"), max_length=500, validators=[no_control_characters]
    )
    description = models.TextField(_("barrier"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    reply = models.TextField(_("reply"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.email}: {self.page_url}"


class ConsentRecord(models.Model):
    """One consent: who (account or address), to what purpose and wording, when; withdrawn when.

    `purpose` is the key of a `core.extensions.consent_purposes` entry; `reference` names the
    object the consent is about where there is one (the registration for an event's participant
    list), so withdrawing it changes exactly that object.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consents",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    purpose = models.CharField(_("purpose"), max_length=60)
    reference = models.CharField(_("concerns"), max_length=60, blank=True)
    wording = models.TextField(_("text agreed to"))
    version = models.CharField(_("text version"), max_length=20)
    source = models.CharField(_("given in the form"), max_length=60)
    note_version = models.PositiveIntegerField(
        _("version of the form's privacy note"), null=True, blank=True
    )
    given_at = models.DateTimeField(_("given"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    end_reason = models.CharField(
        _("ended because"),
        max_length=200,
        blank=True,
        help_text=_("Empty when the person withdrew it; otherwise why the platform ended it."),
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(email=""), name="consent_names_a_person"
            ),
        ]
        indexes = [models.Index(fields=["purpose", "reference"])]

    def __str__(self) -> str:
        return f"{self.user or self.email}: {self.purpose}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
