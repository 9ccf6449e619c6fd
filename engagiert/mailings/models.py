"""Info-mails of the network office, unsubscriptions and notification preferences.

A mailing is written once and sent to the recipients of a segment as it is at sending time,
minus everyone who unsubscribed. Each recipient becomes one message in the outbox
(batch »mailing:<id>«), so progress, retries and »exactly once« come from there.
"""

from email.utils import parseaddr

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from engagiert.audiences.models import Segment
from engagiert.core.models import TimestampedModel
from engagiert.core.validators import no_control_characters


def office_address() -> str:
    """The network office's address (of DEFAULT_FROM_EMAIL): where replies go unless the
    info-mail names another address."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


class Mailing(TimestampedModel):
    subject = models.CharField(_("subject"), max_length=200, validators=[no_control_characters])
    body = models.TextField(
        _("text"),
        help_text=_(
            "Formatting: paragraphs, **bold**, lists with »- «, links as "
            "https://… – no other markup."
        ),
    )
    segment = models.ForeignKey(Segment, verbose_name=_("audience"), on_delete=models.PROTECT)
    greeting = models.BooleanField(
        _("begin with »Guten Tag« and the recipient's name (then write no salutation yourself)"),
        default=True,
    )
    reply_to = models.EmailField(
        _("replies go to"),
        default=office_address,
        help_text=_("The address an answer to the info-mail is sent to."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    released_at = models.DateTimeField(_("released for sending"), null=True, blank=True)
    send_at = models.DateTimeField(_("sent from"), null=True, blank=True)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("info-mail")
        verbose_name_plural = _("info-mails")
        ordering = ["-send_at", "-created_at"]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("mailings:mailing_detail", args=[self.pk])

    @property
    def batch(self) -> str:
        return f"mailing:{self.pk}"

    @property
    def is_draft(self) -> bool:
        return self.released_at is None


class Unsubscription(models.Model):
    """An address that receives no info-mails any more, whatever segment it is in."""

    email = models.EmailField(_("e-mail"), unique=True)
    created_at = models.DateTimeField(_("unsubscribed"), auto_now_add=True)
    mailing = models.ForeignKey(
        Mailing,
        verbose_name=_("from the info-mail"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("unsubscription")
        verbose_name_plural = _("unsubscriptions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email


class NotificationPreference(models.Model):
    """How a person wants to hear about one kind of news: at once, in the digest, or never.

    `kind` is the kind of a registered news provider (core.extensions.news_providers), e.g.
    "events" or "members"; an app adds a kind by registering a provider."""

    class Frequency(models.TextChoices):
        NOW = "now", _("at once")
        DIGEST = "digest", _("in the weekly digest")
        NEVER = "never", _("never")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("news"), max_length=20)
    frequency = models.CharField(_("how"), max_length=10, choices=Frequency.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} {self.frequency}"


class DigestRun(models.Model):
    """Up to when a person has been told the news of one frequency (now / digest)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_runs"
    )
    frequency = models.CharField(max_length=10, choices=NotificationPreference.Frequency.choices)
    sent_until = models.DateTimeField(_("covers news until"))

    class Meta:
        verbose_name = _("digest run")
        verbose_name_plural = _("digest runs")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "frequency"], name="one_digest_run_per_frequency"
            )
        ]

    def __str__(self) -> str:
        return str(self.user)


#: The sign-up form's checkbox, recorded with the consent; its version (in apps.py) changes
#: whenever the wording does.
NEWSLETTER_WORDING = _(
    "I would like to receive the network's newsletter (public info-mails) by e-mail. I can "
    "unsubscribe at any time with the link in every newsletter."
)


class Subscription(models.Model):
    """An address that asked for the network's newsletter (info-mails to the public segment).

    It counts once confirmed through the link mailed to it (double opt-in); the consent is then
    recorded in the legal app. Unconfirmed sign-ups are deleted after NEWSLETTER_CONFIRM_DAYS."""

    email = models.EmailField(_("e-mail"), unique=True)
    name = models.CharField(
        _("name"), max_length=200, blank=True, validators=[no_control_characters]
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter subscription")
        verbose_name_plural = _("newsletter subscriptions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email
