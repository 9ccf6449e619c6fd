"""What goes into the search index, kept current when objects are saved or deleted.

Every app describes its searchable objects as a `SearchProvider` (core.extensions) and this
module knows no app: it connects the save and delete of each provider's model, of the models it
watches and of its many-to-many fields, and builds each document through the provider. The
index is derived data (like a cache), so signals keep it current; `rebuild_search_index`
rebuilds all. Documents are built in the site's language, whoever triggered the change.
"""

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import transaction
from django.db.models import ManyToManyField, Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation

from engagiert.core.extensions import SearchDocument, SearchProvider, search_providers
from engagiert.core.services import statistics_refresh

from . import engine, fts
from .models import SearchEntry

Watch = Callable[[Any], Iterable[Model]]


def refresh(provider: SearchProvider, pk: object) -> None:
    """Index the object, or drop it when it is gone or no longer searchable (a draft …)."""
    instance = provider.queryset().filter(pk=pk).first()
    with translation.override(settings.LANGUAGE_CODE):
        document = provider.document(instance) if instance is not None else None
    if document is None:
        engine.unindex(provider.key(pk))
    else:
        engine.index(document)


#: Told after every so many objects of a rebuild how many are done of how many.
Progress = Callable[[int, int], None]
PROGRESS_EVERY = 500


def _refresh_all(provider: SearchProvider, step: Callable[[], None] = lambda: None) -> int:
    """Index every object of a provider whose entries are gone (in bulk, see engine)."""

    def documents() -> Iterator[SearchDocument]:
        for instance in provider.queryset().iterator(chunk_size=engine.INDEX_CHUNK):
            document = provider.document(instance)
            step()
            if document is not None:
                yield document

    with translation.override(settings.LANGUAGE_CODE):
        return engine.index_new(documents())


def rebuild(progress: Progress | None = None) -> int:
    """Index everything anew (after an import or to repair the index); `progress` is told
    how many objects are done of how many, every PROGRESS_EVERY objects and at the end."""
    with transaction.atomic():
        count = _rebuild(progress)
        fts.settle()
        statistics_refresh(SearchEntry)  # the planner learns the new sizes at once
        return count


def _rebuild(progress: Progress | None) -> int:
    engine.clear()
    total = sum(provider.queryset().count() for provider in search_providers) if progress else 0
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress and done % PROGRESS_EVERY == 0:
            progress(done, total)

    count = sum(_refresh_all(provider, step) for provider in search_providers)
    if progress:
        progress(total, total)
    return count


def rebuild_after_erasure(sender: Any, **kwargs: Any) -> None:
    """A person's data were erased (core.personal_data): no document may still name them."""
    rebuild()


def _related(watch: Watch, instance: Model) -> list[Model]:
    try:
        return [obj for obj in watch(instance) if obj is not None]
    except ObjectDoesNotExist:  # the object it belongs to is being deleted as well
        return []


def _connect_model(provider: SearchProvider, uid: str) -> None:
    def saved(sender: type[Model], instance: Model, **kwargs: Any) -> None:
        if not kwargs.get("raw"):
            refresh(provider, instance.pk)

    def deleted(sender: type[Model], instance: Model, **kwargs: Any) -> None:
        engine.unindex(provider.key(instance.pk))

    post_save.connect(saved, sender=provider.model, weak=False, dispatch_uid=f"{uid}-save")
    post_delete.connect(deleted, sender=provider.model, weak=False, dispatch_uid=f"{uid}-delete")


def _connect_watch(provider: SearchProvider, model: type[Model], watch: Watch, uid: str) -> None:
    def changed(sender: type[Model], instance: Model, **kwargs: Any) -> None:
        if not kwargs.get("raw"):
            for obj in _related(watch, instance):
                refresh(provider, obj.pk)

    label = model._meta.label
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-{label}-save")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-{label}-delete")


def _m2m_field(provider: SearchProvider, name: str) -> tuple[ManyToManyField[Any, Any], Watch]:
    """The field named `name` on the provider's model or a watched model, and how to get
    from a row of that model to the provider's objects."""
    owners: list[tuple[type[Model], Watch]] = [(provider.model, lambda obj: [obj])]
    for owner, watch in (*owners, *provider.watch):
        try:
            field = owner._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(field, ManyToManyField):
            return field, watch
    raise ValueError(f"search provider {provider.kind!r}: no many-to-many field {name!r}")


def _connect_m2m(provider: SearchProvider, name: str, uid: str) -> None:
    field, watch = _m2m_field(provider, name)
    owner = field.model

    def changed(sender: Any, instance: Model, action: str, **kwargs: Any) -> None:
        if action not in {"post_add", "post_remove", "post_clear"}:
            return
        if not kwargs["reverse"]:
            rows: Iterable[Model] = [instance]
        elif kwargs.get("pk_set"):  # a topic added to or removed from several owners at once
            rows = owner._default_manager.filter(pk__in=kwargs["pk_set"])
        else:
            return
        for row in rows:
            for obj in _related(watch, row):
                refresh(provider, obj.pk)

    m2m_changed.connect(
        changed, sender=field.remote_field.through, weak=False, dispatch_uid=f"{uid}-m2m-{name}"
    )


def _connect_signals(provider: SearchProvider, uid: str) -> None:
    def refresh_everything(sender: Any, **kwargs: Any) -> None:
        with transaction.atomic():
            engine.unindex_entries(SearchEntry.objects.filter(kind=provider.kind))
            _refresh_all(provider)

    for number, signal in enumerate(provider.refresh_on):
        signal.connect(refresh_everything, weak=False, dispatch_uid=f"{uid}-signal-{number}")


def connect() -> None:
    """Keep the documents of every registered provider current."""
    for key, provider in search_providers.items():
        uid = f"search-{key}"
        _connect_model(provider, uid)
        for model, watch in provider.watch:
            _connect_watch(provider, model, watch, uid)
        for name in provider.m2m:
            _connect_m2m(provider, name, uid)
        _connect_signals(provider, uid)
