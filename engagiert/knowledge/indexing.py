"""What goes into the search index, kept current when objects are saved or deleted.

The index is derived data (like a cache), so signals keep it current: every save of a knowledge
item, question, municipality or event refreshes its entry. `rebuild_search_index` rebuilds all.
"""

from typing import Any

from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from engagiert.events.models import Event
from engagiert.membership.models import Profile
from engagiert.registry.models import Authority

from . import search
from .models import KnowledgeItem, Question, SearchEntry, Visibility


def _item(item: KnowledgeItem) -> search.Document | None:
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
    text = "\n".join(part for part in parts if part)
    return search.Document(
        kind=SearchEntry.Kind.KNOWLEDGE,
        key=f"knowledge:{item.pk}",
        title=item.title,
        text=text,
        url=item.get_absolute_url(),
        members_only=item.visibility == Visibility.MEMBERS,
        subkind=item.kind,
        topics=[t.slug for t in item.topics.all()],
        authority_kind=authority.kind if authority else "",
        region=authority.region.name if authority and authority.region else "",
        year=item.year,
    )


def _question(question: Question) -> search.Document:
    return search.Document(
        kind=SearchEntry.Kind.QUESTION,
        key=f"question:{question.pk}",
        title=question.title,
        text=question.body,
        url=question.get_absolute_url(),
        members_only=True,
        subkind=SearchEntry.Kind.QUESTION,
        topics=[t.slug for t in question.topics.all()],
        year=question.created_at.year,
    )


def _authority(authority: Authority) -> search.Document:
    region = authority.region.name if authority.region else ""
    try:
        description = authority.profile.description
    except Profile.DoesNotExist:
        description = ""
    return search.Document(
        kind=SearchEntry.Kind.AUTHORITY,
        key=f"authority:{authority.ags}",
        title=authority.name,
        text=" ".join(filter(None, [authority.get_kind_display(), region, description])),
        url=authority.get_absolute_url(),
        subkind=SearchEntry.Kind.AUTHORITY,
        authority_kind=authority.kind,
        region=region,
    )


def _event(event: Event) -> search.Document | None:
    if event.status == Event.Status.DRAFT:
        return None
    return search.Document(
        kind=SearchEntry.Kind.EVENT,
        key=f"event:{event.pk}",
        title=event.title,
        text=f"{event.get_kind_display()} {event.venue_name}\n{event.description}",
        url=event.get_absolute_url(),
        subkind=SearchEntry.Kind.EVENT,
        topics=[t.slug for t in event.topics.all()],
        year=event.starts_at.year,
    )


BUILDERS: dict[type[Model], Any] = {
    KnowledgeItem: _item,
    Question: _question,
    Authority: _authority,
    Event: _event,
}


PREFIXES: dict[type[Model], str] = {
    KnowledgeItem: "knowledge",
    Question: "question",
    Authority: "authority",
    Event: "event",
}


def refresh(instance: Model) -> None:
    """Index the object, or drop it when it is no longer searchable (archived, merged, draft)."""
    document = BUILDERS[type(instance)](instance)
    if document is None:
        search.unindex(f"{PREFIXES[type(instance)]}:{instance.pk}")
    else:
        search.index(document)


def _saved(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        refresh(instance)


def _profile_saved(sender: type[Model], instance: Profile, **kwargs: Any) -> None:
    """The officer's text about an authority is part of the authority's entry."""
    if not kwargs.get("raw"):
        refresh(instance.authority)


def _deleted(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    search.unindex(f"{PREFIXES[sender]}:{instance.pk}")


def _topics_changed(sender: Any, instance: Model, action: str, **kwargs: Any) -> None:
    if action in {"post_add", "post_remove", "post_clear"} and type(instance) in BUILDERS:
        refresh(instance)


def connect() -> None:
    for model in BUILDERS:
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-{model._meta.label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"unsearch-{model._meta.label}")
    post_save.connect(_profile_saved, sender=Profile, dispatch_uid="search-profile")
    for model in (KnowledgeItem, Question, Event):
        m2m_changed.connect(
            _topics_changed,
            sender=model.topics.through,
            dispatch_uid=f"search-topics-{model._meta.label}",
        )


def rebuild() -> int:
    """Index everything anew (after an import or to repair the index)."""
    SearchEntry.objects.all().delete()
    count = 0
    for model, builder in BUILDERS.items():
        queryset = model._default_manager.all()
        queryset = (
            queryset.select_related("region", "profile")
            if model is Authority
            else queryset.prefetch_related("topics")
        )
        for instance in queryset.iterator(chunk_size=500):
            document = builder(instance)
            if document is not None:
                search.index(document)
                count += 1
    return count
