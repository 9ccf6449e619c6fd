"""Events of the network: meetings, the top meeting, the congress, conferences.

An event has a programme of agenda items (plenary items and parallel workshops, each with its
own capacity). People register: members with their account, the public with name and e-mail
confirmed by a link. Places are given in the order registrations are confirmed; when the event
is full, people wait and move up when someone cancels.
"""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from engagiert.audiences.models import Segment
from engagiert.core.models import TimestampedModel
from engagiert.core.validators import no_control_characters
from engagiert.registry.models import Authority, Organisation, Topic


def new_token() -> str:
    return secrets.token_urlsafe(24)


def new_check_in_code() -> str:
    return secrets.token_urlsafe(12)


class Event(TimestampedModel):
    class Kind(models.TextChoices):
        NETWORK_MEETING = "network_meeting", _("Network meeting")
        TOP_MEETING = "top_meeting", _("Top meeting of leaders")
        CONGRESS = "congress", _("Engagement congress")
        CONFERENCE = "conference", _("Expert conference")
        EXCHANGE = "exchange", _("Exchange of experience")
        REGIONAL_SEMINAR = "regional_seminar", _("Regional seminar")
        ONLINE = "online", _("Online meeting")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", pgettext_lazy("event", "cancelled")

    title = models.CharField(_("title"), max_length=250, validators=[no_control_characters])
    kind = models.CharField(_("format"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("address"), max_length=300, blank=True)
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Shown to registered participants only.")
    )
    organisers = models.ManyToManyField(Organisation, verbose_name=_("organisers"), blank=True)
    audience = models.ForeignKey(
        Segment, verbose_name=_("audience"), null=True, blank=True, on_delete=models.PROTECT
    )
    is_public = models.BooleanField(
        _("open to the public"),
        default=False,
        help_text=_("Anyone may register with name and e-mail (confirmed by a link)."),
    )
    description = models.TextField(_("description"), blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty for no limit.")
    )
    registration_deadline = models.DateTimeField(
        _("registration until"),
        null=True,
        blank=True,
        help_text=_("Empty: until the event starts."),
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder (days before)"),
        null=True,
        blank=True,
        default=3,
        help_text=_(
            "Confirmed participants get a reminder this many days before the event; "
            "empty for no reminder."
        ),
    )
    reminder_sent_at = models.DateTimeField(
        _("reminder sent"), null=True, blank=True, editable=False
    )
    is_demo = models.BooleanField(_("demo entry"), default=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%d.%m.%Y})"

    def get_absolute_url(self) -> str:
        return reverse("events:event_detail", args=[self.pk])

    @property
    def deadline(self) -> datetime.datetime:
        return self.registration_deadline or self.starts_at

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()


class AgendaItem(TimestampedModel):
    """A point of the programme: a plenary item or a workshop with its own places."""

    class Kind(models.TextChoices):
        PLENARY = "plenary", _("Plenary")
        WORKSHOP = "workshop", _("Workshop")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="agenda"
    )
    title = models.CharField(_("title"), max_length=250)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PLENARY)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=100, blank=True)
    moderators = models.CharField(_("moderation"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("For workshops; empty for no limit.")
    )
    #: The order of items that start at the same time (parallel workshops of one time slot).
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("programme")
        ordering = ["starts_at", "position", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")), name="agenda_item_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.starts_at):%H:%M} {self.title}"

    def overlaps(self, other: "AgendaItem") -> bool:
        return self.starts_at < other.ends_at and other.starts_at < self.ends_at


class Registration(TimestampedModel):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for e-mail confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    #: States that hold or wait for a place (one such registration per address and event).
    ACTIVE = (Status.PENDING, Status.CONFIRMED, Status.WAITING)

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    organisation_name = models.CharField(
        _("organisation or municipality"), max_length=200, blank=True
    )
    authority = models.ForeignKey(
        Authority,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    token = models.CharField(
        _("personal link key"), max_length=64, unique=True, default=new_token, editable=False
    )
    #: What a badge's QR code carries: it only checks in, so a photographed badge cannot
    #: cancel or change the registration (the personal token is never printed).
    check_in_code = models.CharField(
        _("check-in code"), max_length=32, unique=True, default=new_check_in_code, editable=False
    )
    needs = models.TextField(
        _("accessibility or dietary needs"),
        blank=True,
        help_text=_("Only the organisers see this; it is deleted after the event."),
    )
    list_consent = models.BooleanField(
        _("show my name and organisation on the participant list"), default=False
    )
    workshops = models.ManyToManyField(
        AgendaItem, verbose_name=_("workshops"), blank=True, related_name="registrations"
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    waiting_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(status__in=["pending", "confirmed", "waiting"]),
                name="one_active_registration_per_address",
                violation_error_message=_("This address is registered for the event already."),
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self) -> str:
        return f"{self.name} – {self.event.title}"

    def get_absolute_url(self) -> str:
        return reverse("events:registration_manage", args=[self.token])


class Question(TimestampedModel):
    """A question of the office that the registration form of one event asks besides the usual
    ones (e.g. »Nehmen Sie am Abendessen teil?«)."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        CHOICE = "choice", _("Choice of answers")
        YES_NO = "yes_no", _("Yes or no")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="questions"
    )
    text = models.CharField(_("question"), max_length=250, validators=[no_control_characters])
    kind = models.CharField(_("kind of answer"), max_length=10, choices=Kind.choices)
    choices = models.TextField(
        _("answers to choose from"),
        blank=True,
        help_text=_("Only for a choice of answers: one answer per line."),
    )
    required = models.BooleanField(_("an answer is required"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def options(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Answer(models.Model):
    """A registration's answer to one of the event's questions."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    value = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["question__position", "question__pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "question"], name="event_answer_once_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.value}"


class Invitation(TimestampedModel):
    """An invitation of an event sent to a segment; who was invited is kept per address."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="invitations"
    )
    segment = models.ForeignKey(Segment, verbose_name=_("audience"), on_delete=models.PROTECT)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.event.title} → {self.segment}"


class Invitee(models.Model):
    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="invitees")
    email = models.EmailField(_("e-mail"))
    name = models.CharField(
        _("name"), max_length=200, blank=True, validators=[no_control_characters]
    )
    authority = models.ForeignKey(
        Authority, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("invitee")
        verbose_name_plural = _("invitees")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "email"], name="invitee_once_per_invitation"
            )
        ]

    def __str__(self) -> str:
        return self.email


class Result(TimestampedModel):
    """A documented result, of the whole event or of one workshop (»five central results«)."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="results"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("workshop"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="results",
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["agenda_item__starts_at", "position", "pk"]

    def __str__(self) -> str:
        return self.title


def event_file_path(instance: "EventFile", filename: str) -> str:
    return f"veranstaltungen/{instance.event_id}/{filename}"


class EventFile(TimestampedModel):
    """A document or photo of an event's documentation, with its credit."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="files"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=event_file_path, max_length=300)
    credit = models.CharField(
        _("photo credit / source"),
        max_length=200,
        blank=True,
        help_text=_("e.g. »© Stadt Kassel/Harry Soremski«"),
    )
    is_public = models.BooleanField(_("public"), default=True)

    class Meta:
        verbose_name = _("documentation file")
        verbose_name_plural = _("documentation files")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class Feedback(TimestampedModel):
    """A participant's answer to the short feedback survey (one per registration)."""

    SCALE = [(n, str(n)) for n in range(1, 6)]

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="feedback"
    )
    overall = models.PositiveSmallIntegerField(_("overall, how was the event?"), choices=SCALE)
    usefulness = models.PositiveSmallIntegerField(
        _("how useful is it for your work?"), choices=SCALE
    )
    comment = models.TextField(_("what should we keep or change?"), blank=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=Q(overall__gte=1, overall__lte=5, usefulness__gte=1, usefulness__lte=5),
                name="feedback_on_the_scale",
            ),
        ]

    def __str__(self) -> str:
        return str(self.registration)


class CalendarFeed(models.Model):
    """A person's secret calendar address with the events they are registered for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)
