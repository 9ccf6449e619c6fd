"""Knowledge and collegial exchange: practice examples and other knowledge items, questions to
the network with answers, and Amtshilfe offers.

Knowledge items are public or for members only. Questions and answers are for members only.
Both are searchable through the search app (see documents.py).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from engagiert.core.models import TimestampedModel
from engagiert.core.validators import no_control_characters
from engagiert.registry.models import Authority, Topic


class Visibility(models.TextChoices):
    PUBLIC = "public", _("public")
    MEMBERS = "members", _("members only")


class KnowledgeItem(TimestampedModel):
    class Kind(models.TextChoices):
        PRACTICE = "practice", _("Practice example")
        RECOMMENDATION = "recommendation", _("Recommendation")
        RESOURCE = "resource", _("Learning resource")
        DOCUMENTATION = "documentation", _("Event documentation")

    class Status(models.TextChoices):
        PUBLISHED = "published", _("published")
        ARCHIVED = "archived", _("archived")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("in brief"))
    problem = models.TextField(_("starting point / problem"), blank=True)
    approach = models.TextField(_("approach"), blank=True)
    resources_used = models.TextField(_("resources used"), blank=True)
    results = models.TextField(_("results"), blank=True)
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    authority = models.ForeignKey(
        Authority,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge",
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    visibility = models.CharField(
        _("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED
    )
    featured = models.BooleanField(_("featured"), default=False)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("demo entry"), default=False)
    is_synthetic = models.BooleanField(_("synthetic (generated)"), default=False)

    class Meta:
        verbose_name = _("knowledge item")
        verbose_name_plural = _("knowledge items")
        ordering = ["-featured", "-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:item_detail", args=[self.pk])


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"wissen/{instance.item_id}/{filename}"


class Attachment(TimestampedModel):
    """A PDF attached to a knowledge item; its text is extracted so that search finds it."""

    item = models.ForeignKey(KnowledgeItem, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("PDF file"), upload_to=attachment_path, max_length=300)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    text = models.TextField(_("extracted text"), blank=True, editable=False)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:attachment", args=[self.item_id, self.pk])


class Question(TimestampedModel):
    """A question to the network (collegial advice), for members only."""

    title = models.CharField(_("question"), max_length=250, validators=[no_control_characters])
    body = models.TextField(_("details"))
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    authority = models.ForeignKey(
        Authority, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:question_detail", args=[self.pk])


class Answer(TimestampedModel):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    body = models.TextField(_("answer"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    authority = models.ForeignKey(
        Authority, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted = models.BooleanField(_("accepted by the asker"), default=False)
    helpful = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["-accepted", "created_at"]

    def __str__(self) -> str:
        return self.body[:60]


class TopicFollow(models.Model):
    """A person is told of new questions and answers in this topic."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_topics"
    )
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="followers")

    class Meta:
        verbose_name = _("followed topic")
        verbose_name_plural = _("followed topics")
        constraints = [models.UniqueConstraint(fields=["user", "topic"], name="follow_once")]

    def __str__(self) -> str:
        return f"{self.user} → {self.topic}"


class AssistanceOffer(TimestampedModel):
    """Amtshilfe: a municipality offers its experience on a topic to others."""

    authority = models.ForeignKey(
        Authority,
        verbose_name=_("offering municipality"),
        on_delete=models.CASCADE,
        related_name="assistance_offers",
    )
    title = models.CharField(_("what we offer"), max_length=250)
    description = models.TextField(_("description"))
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    contact = models.CharField(_("contact"), max_length=300)
    effort = models.CharField(
        _("time we can give"), max_length=200, help_text=_("e.g. »a two-hour call or one visit«")
    )
    is_active = models.BooleanField(_("open for requests"), default=True)

    class Meta:
        verbose_name = _("Amtshilfe offer")
        verbose_name_plural = _("Amtshilfe offers")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.authority}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("knowledge:offer_detail", args=[self.pk])


class AssistanceRequest(TimestampedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    offer = models.ForeignKey(AssistanceOffer, on_delete=models.CASCADE, related_name="requests")
    authority = models.ForeignKey(
        Authority,
        verbose_name=_("requesting municipality"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("what we need"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    reply = models.TextField(_("reply"), blank=True)

    class Meta:
        verbose_name = _("Amtshilfe request")
        verbose_name_plural = _("Amtshilfe requests")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.authority} → {self.offer}"
