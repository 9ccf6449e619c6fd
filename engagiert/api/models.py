"""Access for integrations: API tokens with scopes, and webhook subscriptions with their
deliveries (an outbox of HTTP requests)."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from engagiert.core.models import TimestampedModel
from engagiert.core.validators import no_control_characters


class Scope(models.TextChoices):
    MEMBERS_READ = "members:read", _("Read the own authority's members-only data")
    OPPORTUNITIES_WRITE = "opportunities:write", _("Write the own organisation's opportunities")
    CARDS_VERIFY = "cards:verify", _("Verify Ehrenamtskarten")


#: The scopes a token may carry, by the kind of its holder.
AUTHORITY_SCOPES = (Scope.MEMBERS_READ, Scope.CARDS_VERIFY)
ORGANISATION_SCOPES = (Scope.OPPORTUNITIES_WRITE, Scope.CARDS_VERIFY)


def secret_digest(secret: str) -> str:
    """The stored form of a token's secret: its SHA-256 (the secret has 256 random bits, so no
    slow hash is needed against guessing)."""
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(TimestampedModel):
    """A key an integration sends as `Authorization: Bearer ek_…`; it acts for its holder (an
    authority or an organisation) within its scopes. Only the digest of the secret is kept."""

    name = models.CharField(
        _("name"),
        max_length=100,
        validators=[no_control_characters],
        help_text=_("What the token is for, e.g. »Freiwilligendatenbank der Stadt«."),
    )
    authority = models.ForeignKey(
        "registry.Authority",
        verbose_name=_("authority"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    scopes = models.JSONField(_("scopes"), default=list)
    #: The first characters of the secret, shown so people recognise their token.
    prefix = models.CharField(_("beginning of the key"), max_length=16, db_index=True)
    digest = models.CharField(_("digest of the key"), max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("valid until"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                name="api_token_one_holder",
                condition=Q(authority__isnull=False, organisation__isnull=True)
                | Q(authority__isnull=True, organisation__isnull=False),
                violation_error_message=_("A token belongs to an authority or an organisation."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def holder(self) -> object:
        return self.authority or self.organisation

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    def get_scopes_display(self) -> list[str]:
        labels = dict(Scope.choices)
        return [str(labels.get(scope, scope)) for scope in self.scopes]


class WebhookEvent(models.TextChoices):
    EVENT_PUBLISHED = "event.published", _("An event was published")
    MEMBER_CHANGED = "member.changed", _("A member of the network changed")
    OPPORTUNITY_PUBLISHED = "opportunity.published", _("An engagement opportunity was published")


class WebhookSubscription(TimestampedModel):
    """An integration's address that is told of events; an authority's subscription hears only
    of what concerns that authority, the office's (no authority) of everything."""

    name = models.CharField(_("name"), max_length=100, validators=[no_control_characters])
    url = models.URLField(_("target address"), max_length=500)
    events = models.JSONField(pgettext_lazy("webhook", "events"), default=list)
    secret = models.CharField(_("signing secret"), max_length=100)
    authority = models.ForeignKey(
        "registry.Authority",
        verbose_name=_("authority"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="webhook_subscriptions",
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_events_display(self) -> list[str]:
        labels = dict(WebhookEvent.choices)
        return [str(labels.get(event, event)) for event in self.events]


class WebhookDelivery(TimestampedModel):
    """One event to send to one subscription: queued, then delivered, retried or given up."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        SENDING = "sending", _("being sent")
        DELIVERED = "delivered", _("delivered")
        FAILED = "failed", _("given up")

    subscription = models.ForeignKey(
        WebhookSubscription,
        verbose_name=_("subscription"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event = models.CharField(
        pgettext_lazy("webhook", "event"), max_length=40, choices=WebhookEvent.choices
    )
    payload = models.JSONField(_("content"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_status_code = models.PositiveSmallIntegerField(_("last answer"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_due")]

    def __str__(self) -> str:
        return f"{self.event} → {self.subscription}"
