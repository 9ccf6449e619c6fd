"""How knowledge items and questions become search documents (registered in apps.py)."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import SearchDocument, SearchProvider

from . import permissions
from .models import Attachment, KnowledgeItem, Question, Visibility


def item_document(item: KnowledgeItem) -> SearchDocument | None:
    """A published item with the text of its PDFs; archived and merged items are not found."""
    if item.status != KnowledgeItem.Status.PUBLISHED or item.merged_into_id:
        return None
    authority = item.authority
    parts = (
        item.summary,
        item.problem,
        item.approach,
        item.resources_used,
        item.results,
        item.contact,
        *(attachment.text for attachment in item.attachments.all()),
    )
    return SearchDocument(
        kind="knowledge",
        key=f"knowledge:{item.pk}",
        title=item.title,
        text="\n".join(part for part in parts if part),
        url=item.get_absolute_url(),
        members_only=item.visibility == Visibility.MEMBERS,
        subkind=item.kind,
        topics=[t.slug for t in item.topics.all()],
        authority_kind=authority.kind if authority else "",
        region=authority.region.name if authority and authority.region else "",
        year=item.year,
    )


def items() -> QuerySet[KnowledgeItem]:
    return KnowledgeItem.objects.select_related("authority__region").prefetch_related(
        "topics", "attachments"
    )


def question_document(question: Question) -> SearchDocument:
    """Questions of the collegial advice are for members only."""
    return SearchDocument(
        kind="question",
        key=f"question:{question.pk}",
        title=question.title,
        text=question.body,
        url=question.get_absolute_url(),
        members_only=True,
        subkind="question",
        topics=[t.slug for t in question.topics.all()],
        year=question.created_at.year,
    )


def questions() -> QuerySet[Question]:
    return Question.objects.prefetch_related("topics")


def _attachment_item(attachment: Attachment) -> list[KnowledgeItem]:
    return [attachment.item]


def providers() -> list[SearchProvider]:
    return [
        SearchProvider(
            kind="knowledge",
            label=_("Knowledge"),
            model=KnowledgeItem,
            document=item_document,
            queryset=items,
            watch=((Attachment, _attachment_item),),
            m2m=("topics",),
            subkinds=tuple(KnowledgeItem.Kind.choices),
            members=permissions.is_member_user,
        ),
        SearchProvider(
            kind="question",
            label=_("Question"),
            model=Question,
            document=question_document,
            queryset=questions,
            m2m=("topics",),
            members=permissions.is_member_user,
        ),
    ]
