"""Writes of the network news.

Rules: an article is written as a draft; publishing it makes it visible (start page, the
municipality's page, search, feeds, digest). The office publishes at once; a member officer's
article waits for the office's release while NEWS_RELEASE_REQUIRED is on, and the office
releases it or sends it back with a note; the author is told by mail. A photo is checked by its
content and needs its credit line and a description. Attachments are PDFs.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engagiert.accounts.models import User
from engagiert.accounts.permissions import is_office
from engagiert.core.locking import lock_objects
from engagiert.core.mail import mail_send
from engagiert.core.services import model_update
from engagiert.core.uploads import check_image, check_pdf
from engagiert.registry.models import Topic

from .models import Article, ArticleFile

#: What an author edits of an article (status, dates and the office's note follow the workflow).
ARTICLE_FIELDS = [
    "title",
    "teaser",
    "body",
    "photo_credit",
    "photo_description",
    "authority",
    "event",
    "topics",
    "visibility",
]


def _check_photo_lines(article: Article) -> None:
    if not article.photo:
        return
    errors = {}
    if not article.photo_credit.strip():
        errors["photo_credit"] = _("A photo needs its credit line (who took it, who owns it).")
    if not article.photo_description.strip():
        errors["photo_description"] = _("Please say in a few words what the photo shows.")
    if errors:
        raise ValidationError(errors)


def _photo_store(article: Article, photo: UploadedFile | None) -> None:
    if photo is None:
        return
    ending = check_image(photo)
    old = article.photo.name if article.photo else ""
    article.photo.save(f"foto.{ending}", photo, save=False)
    if old:
        storage = article.photo.storage
        transaction.on_commit(lambda: storage.delete(old))


@transaction.atomic
def article_create(
    *,
    author: User | None,
    topics: Iterable[Topic] = (),
    photo: UploadedFile | None = None,
    **fields: Any,
) -> Article:
    """Write a draft."""
    article = Article(author=author, status=Article.Status.DRAFT, **fields)
    _photo_store(article, photo)
    _check_photo_lines(article)
    article.full_clean(exclude=["photo"])
    article.save()
    article.topics.set(topics)
    return article


@transaction.atomic
def article_update(
    *, article: Article, data: dict[str, Any], user: User, photo: UploadedFile | None = None
) -> Article:
    """Save an author's changes (a new photo replaces the old one). A member officer's change
    to a published article waits for the office's release again while release is required."""
    if photo is not None:
        _photo_store(article, photo)
        article.save(update_fields=["photo", "updated_at"])
    article, changed = model_update(instance=article, fields=ARTICLE_FIELDS, data=data)
    _check_photo_lines(article)
    if (
        (changed or photo is not None)
        and article.is_published
        and settings.NEWS_RELEASE_REQUIRED
        and not is_office(user)
    ):
        article.status = Article.Status.WAITING
        article.save(update_fields=["status", "updated_at"])
    return article


@transaction.atomic
def article_photo_remove(*, article: Article) -> Article:
    if article.photo:
        storage, name = article.photo.storage, article.photo.name or ""
        article.photo = ""
        article.photo_credit = article.photo_description = ""
        article.save(update_fields=["photo", "photo_credit", "photo_description", "updated_at"])
        transaction.on_commit(lambda: storage.delete(name))
    return article


def _publish(article: Article) -> None:
    article.status = Article.Status.PUBLISHED
    article.published_at = timezone.now()
    article.review_note = ""
    article.save(update_fields=["status", "published_at", "review_note", "updated_at"])


def _locked(article: Article) -> Article:
    lock_objects([article])
    return Article.objects.select_related("author", "authority").get(pk=article.pk)


@transaction.atomic
def article_submit(*, article: Article, user: User) -> Article:
    """The author is done: the office publishes at once; a member officer's article waits for
    the office's release while NEWS_RELEASE_REQUIRED is on, else it is published."""
    article = _locked(article)
    if article.status != Article.Status.DRAFT:
        raise ValidationError(_("Only a draft can be published or sent for release."))
    if is_office(user) or not settings.NEWS_RELEASE_REQUIRED:
        _publish(article)
        return article
    article.status = Article.Status.WAITING
    article.save(update_fields=["status", "updated_at"])
    return article


def _tell_author(article: Article, template: str) -> None:
    if article.author is not None and article.author.is_active:
        mail_send(to=[article.author.email], template=template, context={"article": article})


@transaction.atomic
def article_release(*, article: Article) -> Article:
    """The office releases a waiting article: it is published and its author told."""
    article = _locked(article)
    if article.status != Article.Status.WAITING:
        raise ValidationError(_("This article is not waiting for release."))
    _publish(article)
    _tell_author(article, "news/email/released.txt")
    return article


@transaction.atomic
def article_return(*, article: Article, note: str) -> Article:
    """The office sends a waiting article back to its author with a note; it is a draft again."""
    if not note.strip():
        raise ValidationError({"note": _("Please tell the author what to change.")})
    article = _locked(article)
    if article.status != Article.Status.WAITING:
        raise ValidationError(_("This article is not waiting for release."))
    article.status = Article.Status.DRAFT
    article.review_note = note.strip()
    article.save(update_fields=["status", "review_note", "updated_at"])
    _tell_author(article, "news/email/returned.txt")
    return article


@transaction.atomic
def article_withdraw(*, article: Article) -> Article:
    """Take a published or waiting article back to a draft (it leaves every list)."""
    article = _locked(article)
    article.status = Article.Status.DRAFT
    article.published_at = None
    article.save(update_fields=["status", "published_at", "updated_at"])
    return article


def attachment_add(*, article: Article, title: str, file: UploadedFile) -> ArticleFile:
    """Attach a PDF, checked by its content and size."""
    check_pdf(file)
    attachment = ArticleFile(article=article, title=title, size=file.size or 0)
    attachment.full_clean(exclude=["file"])
    attachment.file.save("anhang.pdf", file, save=False)
    attachment.save()
    article.save(update_fields=["updated_at"])
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: ArticleFile) -> None:
    storage, name, article = attachment.file.storage, attachment.file.name, attachment.article
    attachment.delete()
    article.save(update_fields=["updated_at"])
    if name:
        transaction.on_commit(lambda: storage.delete(name))
