from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from engagiert.core.models import TimestampedModel
from engagiert.core.validators import no_control_characters


class Provider(TimestampedModel):
    """An organisation that publishes ways to help (association, initiative, volunteer agency,
    company, municipality, church or welfare body), verified by the municipality.

    The organisation itself is the registry's; its people hold the organisation role for it.
    Every provider names a contact person at the municipality (seed 002: the municipality
    names a contact for every initiative and works with it »auf Augenhöhe«)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Not verified")

    organisation = models.OneToOneField(
        "registry.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="provider",
    )
    authority = models.ForeignKey(
        "registry.Authority",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="providers",
        help_text=_("Where the organisation works; its officer verifies it."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_name = models.CharField(
        _("contact person"), max_length=150, validators=[no_control_characters]
    )
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    municipal_contact_name = models.CharField(
        _("contact person at the municipality"),
        max_length=150,
        blank=True,
        validators=[no_control_characters],
    )
    municipal_contact_email = models.EmailField(
        _("e-mail of the contact person at the municipality"), blank=True
    )

    class Meta:
        verbose_name = _("provider of engagement opportunities")
        verbose_name_plural = _("providers of engagement opportunities")
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED
