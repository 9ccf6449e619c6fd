"""Network news (»Aktuelles«): articles by the network office and the officers of members.

An article is a draft until it is published; a member officer's article waits for the office's
release first when the setting NEWS_RELEASE_REQUIRED is on. Public articles are for everyone,
members-only ones for the office and people acting for a member municipality. (The digest's
`core.extensions.NewsItem` is one line of a mail, not an article.)
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from engagiert.core.models import TimestampedModel
from engagiert.core.validators import no_control_characters
from engagiert.events.models import Event
from engagiert.registry.models import Authority, Topic


class Visibility(models.TextChoices):
    PUBLIC = "public", _("public")
    MEMBERS = "members", _("members only")


def photo_path(instance: "Article", filename: str) -> str:
    return f"aktuelles/fotos/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Article(TimestampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        WAITING = "waiting", _("waiting for release")
        PUBLISHED = "published", _("published")

    title = models.CharField(_("title"), max_length=200, validators=[no_control_characters])
    teaser = models.TextField(
        _("teaser"), max_length=500, help_text=_("Two or three sentences for lists and feeds.")
    )
    body = models.TextField(
        _("text"),
        help_text=_(
            "Formatting: paragraphs, **bold**, lists with »- «, links as "
            "https://… – no other markup."
        ),
    )
    photo = models.FileField(_("photo"), upload_to=photo_path, max_length=300, blank=True)
    photo_credit = models.CharField(
        _("photo credit"),
        max_length=200,
        blank=True,
        help_text=_("Required with a photo, e.g. »Foto: Stadt Menden«."),
    )
    photo_description = models.CharField(
        _("what the photo shows"),
        max_length=300,
        blank=True,
        help_text=_("Required with a photo: read out to people who cannot see it."),
    )
    authority = models.ForeignKey(
        Authority,
        verbose_name=_("municipality it is about"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news",
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("related event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news",
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    visibility = models.CharField(
        _("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    review_note = models.TextField(_("note of the network office"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo entry"), default=False)

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        ordering = ["-published_at", "-created_at"]
        indexes = [models.Index(fields=["status", "-published_at"], name="news_published")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news:article_detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


def attachment_path(instance: "ArticleFile", filename: str) -> str:
    return f"aktuelles/{instance.article_id}/{uuid.uuid4().hex}.pdf"


class ArticleFile(TimestampedModel):
    """A PDF attached to an article (a press kit, a flyer, a programme)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="files")
    title = models.CharField(_("title"), max_length=200, validators=[no_control_characters])
    file = models.FileField(_("PDF file"), upload_to=attachment_path, max_length=300)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news:attachment", args=[self.article_id, self.pk])
