"""Writes of the knowledge base and the collegial exchange.

Rules: an item's text is plain (never HTML); the office curates: featuring, archiving and
merging a duplicate into another item (the duplicate then leaves the index and points to the
surviving item). A question's followers of its topics are told of it, and the asker of every
answer; the asker accepts one answer. Amtshilfe: a member municipality requests help from an
offer, the offering municipality accepts or declines, both are told by e-mail.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from engagiert.accounts.models import Role, User
from engagiert.core.locking import lock_objects
from engagiert.core.logs import enqueue_on_commit
from engagiert.core.mail import mail_send
from engagiert.core.services import model_update
from engagiert.core.uploads import MAX_DOCUMENT_BYTES, check_pdf
from engagiert.membership.models import Membership
from engagiert.registry.models import Authority, Topic

from . import pdftext, tasks
from .models import (
    Answer,
    AssistanceOffer,
    AssistanceRequest,
    Attachment,
    KnowledgeItem,
    Question,
    TopicFollow,
)

#: What an author edits of a knowledge item (the office curates the rest).
ITEM_FIELDS = [
    "kind",
    "title",
    "summary",
    "problem",
    "approach",
    "resources_used",
    "results",
    "contact",
    "topics",
    "year",
    "visibility",
]


@transaction.atomic
def item_create(
    *,
    author: User | None,
    authority: Authority | None,
    topics: Iterable[Topic] = (),
    **fields: Any,
) -> KnowledgeItem:
    """Share an item with the network (also the workshop's release of a learning resource)."""
    item = KnowledgeItem(author=author, authority=authority, **fields)
    item.full_clean()
    item.save()
    item.topics.set(topics)
    return item


def item_update(*, item: KnowledgeItem, data: dict[str, Any]) -> KnowledgeItem:
    """Save an author's changes."""
    item, _changed = model_update(instance=item, fields=ITEM_FIELDS, data=data)
    return item


def item_feature_toggle(*, item: KnowledgeItem) -> KnowledgeItem:
    """The office features an item on the start of the knowledge base, or stops doing so."""
    item.featured = not item.featured
    item.save(update_fields=["featured", "updated_at"])
    return item


def item_archive(*, item: KnowledgeItem) -> KnowledgeItem:
    """The office archives an item: it leaves the lists and the search."""
    item.status = KnowledgeItem.Status.ARCHIVED
    item.save(update_fields=["status", "updated_at"])
    return item


@transaction.atomic
def topic_follow_set(*, user: User, topics: Iterable[Topic]) -> None:
    """The topics whose new questions a member is told of: exactly these from now on."""
    TopicFollow.objects.filter(user=user).delete()
    TopicFollow.objects.bulk_create([TopicFollow(user=user, topic=topic) for topic in topics])


@transaction.atomic
def offer_create(
    *, authority: Authority, topics: Iterable[Topic] = (), **fields: Any
) -> AssistanceOffer:
    """A municipality offers Amtshilfe to the network."""
    offer = AssistanceOffer(authority=authority, **fields)
    offer.full_clean()
    offer.save()
    offer.topics.set(topics)
    return offer


def attachment_add(*, item: KnowledgeItem, title: str, file: UploadedFile) -> Attachment:
    """Attach a PDF (checked by content and size); its text is read in the background, so
    no upload, however crafted, keeps a request busy (see pdftext.py)."""
    check_pdf(file)
    attachment = Attachment(item=item, title=title, size=file.size or 0)
    attachment.file.save("anhang.pdf", file, save=False)
    attachment.save()
    item.save(update_fields=["updated_at"])
    enqueue_on_commit(tasks.attachment_extract_text, attachment.pk)
    return attachment


def attachment_extract_text(*, attachment: Attachment) -> Attachment:
    """Store the text of the attached PDF (empty when it cannot be read within the limits);
    saving it refreshes the item's search entry."""
    with attachment.file.open("rb") as stored:
        data = stored.read(MAX_DOCUMENT_BYTES + 1)
    attachment.text = pdftext.pdf_text(data) if len(data) <= MAX_DOCUMENT_BYTES else ""
    attachment.save(update_fields=["text", "updated_at"])
    return attachment


def attachment_delete(*, attachment: Attachment) -> None:
    storage, name, item = attachment.file.storage, attachment.file.name, attachment.item
    attachment.delete()
    item.save(update_fields=["updated_at"])
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def item_merge(*, duplicate: KnowledgeItem, into: KnowledgeItem) -> KnowledgeItem:
    """The office merges a duplicate into another item; the duplicate is archived."""
    if duplicate.pk == into.pk or into.merged_into_id:
        raise ValidationError(_("Please choose another, current item to merge into."))
    duplicate.merged_into = into
    duplicate.status = KnowledgeItem.Status.ARCHIVED
    duplicate.save(update_fields=["merged_into", "status", "updated_at"])
    into.topics.add(*duplicate.topics.all())
    return into


def _followers(question: Question, *, besides: User | None = None) -> list[str]:
    """Followers of the question's topics, except its author and `besides` (who wrote now)."""
    follows = TopicFollow.objects.filter(topic__in=question.topics.all()).exclude(
        user=question.author
    )
    if besides is not None:
        follows = follows.exclude(user=besides)
    return list(follows.values_list("user__email", flat=True).distinct())


@transaction.atomic
def question_ask(
    *, user: User, authority: Authority | None, title: str, body: str, topics: list[Topic]
) -> Question:
    question = Question.objects.create(author=user, authority=authority, title=title, body=body)
    question.topics.set(topics)
    mail_send(
        to=_followers(question),
        template="knowledge/email/new_question.txt",
        context={"question": question},
    )
    return question


@transaction.atomic
def answer_add(*, question: Question, user: User, authority: Authority | None, body: str) -> Answer:
    if not body.strip():
        raise ValidationError({"body": _("Please write an answer.")})
    answer = Answer.objects.create(
        question=question, author=user, authority=authority, body=body.strip()
    )
    question.save(update_fields=["updated_at"])
    recipients = [question.author.email] if question.author and question.author != user else []
    mail_send(
        to=recipients + _followers(question, besides=user),
        template="knowledge/email/new_answer.txt",
        context={"question": question, "answer": answer},
    )
    return answer


def answer_accept(*, answer: Answer, user: User) -> Answer:
    """Only the asker accepts; one accepted answer per question."""
    if answer.question.author_id != user.pk:
        raise ValidationError(_("Only the person who asked can accept an answer."))
    with transaction.atomic():
        answer.question.answers.update(accepted=False)
        answer.accepted = True
        answer.save(update_fields=["accepted", "updated_at"])
    return answer


def answer_mark_helpful(*, answer: Answer, user: User) -> Answer:
    if answer.author_id == user.pk:
        raise ValidationError(_("You cannot mark your own answer as helpful."))
    answer.helpful.add(user)
    return answer


@transaction.atomic
def assistance_request(
    *, offer: AssistanceOffer, user: User, authority: Authority, message: str
) -> AssistanceRequest:
    if not offer.is_active:
        raise ValidationError(_("This offer takes no requests at the moment."))
    if not Membership.objects.filter(authority=authority, until__isnull=True).exists():
        raise ValidationError(_("Amtshilfe is for member municipalities of the network."))
    if offer.authority_id == authority.pk:
        raise ValidationError(_("You cannot request help from your own municipality."))
    if offer.requests.filter(authority=authority, status=AssistanceRequest.Status.OPEN).exists():
        raise ValidationError(_("Your municipality has an open request for this offer already."))
    request = AssistanceRequest.objects.create(
        offer=offer, authority=authority, requested_by=user, message=message.strip()
    )
    officers = User.objects.filter(
        role_assignments__role=Role.OFFICER, role_assignments__authority=offer.authority
    )
    mail_send(
        to=list(officers.values_list("email", flat=True)),
        template="knowledge/email/assistance_requested.txt",
        context={"offer": offer, "request": request},
    )
    return request


@transaction.atomic
def assistance_answer(*, request: AssistanceRequest, accept: bool, reply: str) -> AssistanceRequest:
    lock_objects([request])
    request = AssistanceRequest.objects.select_related("offer__authority", "requested_by").get(
        pk=request.pk
    )
    if request.status != AssistanceRequest.Status.OPEN:
        raise ValidationError(_("This request has been answered already."))
    request.status = (
        AssistanceRequest.Status.ACCEPTED if accept else AssistanceRequest.Status.DECLINED
    )
    request.reply = reply.strip()
    request.save(update_fields=["status", "reply", "updated_at"])
    if request.requested_by:
        mail_send(
            to=[request.requested_by.email],
            template="knowledge/email/assistance_answered.txt",
            context={"request": request},
        )
    return request
