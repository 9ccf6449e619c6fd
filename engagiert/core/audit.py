"""The audit trail: who changed what, when.

Audited models are registered once (`audit_model(Authority)`); saves and deletes through the ORM
then write an `AuditEntry` with the changed fields. The actor comes from the current request
(set by `AuditActorMiddleware`) or from `audit_actor()` in commands. Bulk operations do not send
signals, so services that bulk-write record one summary entry with `audit_record()` instead.
"""

import datetime
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext

from .models import AuditEntry

#: What replaces a recorded name or address after an erasure.
ERASED = "[gelöscht]"

#: Values never written to the log, only the fact that they changed.
SECRET_FIELDS = frozenset({"password"})
#: Fields that change as a side effect and would only add noise.
IGNORED_FIELDS = frozenset({"last_login", "updated_at", "created_at"})

_actor: ContextVar[Any] = ContextVar("audit_actor", default=None)


@contextmanager
def audit_actor(actor: Any) -> Iterator[None]:
    """Attribute changes inside the block to `actor` (a user, or a label like "import")."""
    token = _actor.set(actor)
    try:
        yield
    finally:
        _actor.reset(token)


def _actor_fields() -> dict[str, Any]:
    actor = _actor.get()
    if actor is None:
        return {"actor": None, "actor_label": "System"}
    if isinstance(actor, str):
        return {"actor": None, "actor_label": actor}
    if not getattr(actor, "is_authenticated", False):
        return {"actor": None, "actor_label": "anonym"}
    return {"actor": actor, "actor_label": str(actor)[:254]}


#: The scope function of each audited model (see audit_model).
_scopes: dict[type[models.Model], Callable[[Any], str]] = {}


def audit_record(
    *,
    action: str,
    obj: models.Model | None = None,
    model: type[models.Model] | None = None,
    object_id: str = "",
    object_repr: str = "",
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one entry; for bulk work pass the model and a summary instead of an object."""
    target = obj if obj is not None else model
    assert target is not None
    return AuditEntry.objects.create(
        action=action,
        content_type=ContentType.objects.get_for_model(target),
        object_id=str(obj.pk) if obj is not None else object_id,
        object_repr=(str(obj) if obj is not None else object_repr)[:200],
        changes=changes or {},
        scope=_scopes[type(obj)](obj) if obj is not None and type(obj) in _scopes else "",
        **_actor_fields(),
    )


def _snapshot(instance: models.Model) -> dict[str, tuple[Any, str | None]]:
    """Each field's value (to compare) and its text (to record)."""
    values = {}
    for field in instance._meta.concrete_fields:
        if field.name in IGNORED_FIELDS:
            continue
        value = field.value_from_object(instance)
        text = None if value is None else field.value_to_string(instance)
        values[field.name] = (value, text)
    return values


def _remember_old_values(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw") or instance._state.adding:
        instance._audit_old = None  # type: ignore[attr-defined]
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_old = _snapshot(old) if old else None  # type: ignore[attr-defined]


def _diff(
    old: dict[str, tuple[Any, str | None]] | None, new: dict[str, tuple[Any, str | None]]
) -> dict[str, Any]:
    """Changed fields as [before, after] texts (Decimal 51.5 equals 51.500000: no change)."""
    changes: dict[str, Any] = {}
    for name, (value, text) in new.items():
        if old is not None and old[name][0] == value:
            continue
        if name in SECRET_FIELDS:
            changes[name] = ["***", "***"] if old is not None else "***"
        else:
            changes[name] = [old[name][1], text] if old is not None else text
    return changes


def _record_save(
    sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any
) -> None:
    if kwargs.get("raw"):
        return
    changes = _diff(getattr(instance, "_audit_old", None), _snapshot(instance))
    if not created and not changes:
        return
    action = AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE
    audit_record(action=action, obj=instance, changes=changes)


def _record_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    audit_record(action=AuditEntry.Action.DELETE, obj=instance)


def audit_model(model: type[models.Model], *, scope: Callable[[Any], str] | None = None) -> None:
    """Log every ORM save and delete of `model` (call from the app's `ready()`).

    `scope(instance)` names what the object belongs to, e.g. »authority:05170020«.
    """
    if scope is not None:
        _scopes[model] = scope
    uid = f"audit-{model._meta.label}"
    pre_save.connect(_remember_old_values, sender=model, dispatch_uid=uid)
    post_save.connect(_record_save, sender=model, dispatch_uid=uid)
    post_delete.connect(_record_delete, sender=model, dispatch_uid=uid)


def _mentions(text: str, terms: list[str]) -> bool:
    folded = text.casefold()
    return any(term.casefold() in folded for term in terms)


def _forget_in(value: Any, terms: list[str]) -> Any:
    """The recorded changes with every text that names the person replaced."""
    if isinstance(value, str):
        return ERASED if _mentions(value, terms) else value
    if isinstance(value, list):
        return [_forget_in(item, terms) for item in value]
    if isinstance(value, dict):
        return {key: _forget_in(item, terms) for key, item in value.items()}
    return value


def _naming(field: str, terms: list[str]) -> Q:
    # JSON is stored with non-ASCII letters escaped on SQLite (»J\u00fcrgen«): ask for both.
    match = Q(pk__in=[])
    for term in terms:
        for form in {term, json.dumps(term)[1:-1]}:
            match |= Q(**{f"{field}__icontains": form})
    return match


def audit_forget(*, user: Any, terms: Iterable[str]) -> int:
    """Take a person out of the audit log (erasure on request, Art. 17 DSGVO).

    Entries stay, with their time, action and the kind and key of the object, so the history
    still shows that something happened; the actor and every recorded text naming the person
    (`terms`: their names, addresses, phone numbers) become »[gelöscht]«; an entry whose
    recorded values name them, or that is about their account, loses all its values (the field
    names stay), so no detail recorded next to their name remains. The Django admin's log is
    treated the same. Returns the number of entries changed.
    """
    from django.contrib.admin.models import LogEntry

    words = sorted({term.strip() for term in terms if len(term.strip()) >= 3})
    match = _naming("actor_label", words) | _naming("object_repr", words)
    match |= _naming("changes", words)
    own = Q(pk__in=[])
    if user is not None:
        own = Q(content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk))
        match |= Q(actor=user) | own
    changed = 0
    for entry in AuditEntry.objects.filter(match).annotate(
        is_own=ExpressionWrapper(own, BooleanField())
    ):
        if user is not None and entry.actor_id == user.pk or _mentions(entry.actor_label, words):
            entry.actor, entry.actor_label = None, ERASED
        if entry.is_own or _mentions(entry.object_repr, words):
            entry.object_repr = ERASED
        if entry.is_own or _forget_in(entry.changes, words) != entry.changes:
            entry.changes = {key: ERASED for key in entry.changes}
        entry.save(update_fields=["actor", "actor_label", "object_repr", "changes"])
        changed += 1
    admin_log = LogEntry.objects.filter(
        _naming("object_repr", words) | _naming("change_message", words)
    )
    return changed + admin_log.update(object_repr=ERASED, change_message="")


@dataclass(frozen=True)
class ChangeLine:
    """One changed field as a person reads it: its label, the value before (None when the
    object was created) and after."""

    label: str
    before: str | None
    after: str


def _field(model: type[models.Model] | None, name: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _choice_label(field: models.Field[Any, Any], value: Any) -> str:
    base = getattr(field, "base_field", field)
    labels = {str(key): str(label) for key, label in base.flatchoices}
    return labels.get(str(value), str(value))


def _list_text(field: models.Field[Any, Any], text: str) -> str:
    try:
        items = json.loads(text)
    except ValueError:
        return text
    if isinstance(items, list):
        return ", ".join(_choice_label(field, item) for item in items) or "–"
    if isinstance(items, dict):
        return ", ".join(f"{key}: {value}" for key, value in items.items()) or "–"
    return str(items)


def _date_text(field: models.Field[Any, Any], text: str) -> str:
    if isinstance(field, models.DateTimeField):
        moment = datetime.datetime.fromisoformat(text)
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return formats.date_format(moment, "d.m.Y H:i")
    return formats.date_format(datetime.date.fromisoformat(text), "d.m.Y")


def _related_text(field: models.Field[Any, Any], text: str) -> str:
    related = field.related_model
    if related is None or isinstance(related, str):
        return text
    found = related._default_manager.filter(pk=text).first()
    return str(found) if found is not None else f"#{text}"


def readable_value(field: models.Field[Any, Any] | None, text: Any) -> str:
    """A recorded value as a person would write it: choices by their label, dates as
    dd.mm.yyyy, yes/no for booleans, lists joined, related objects by their name."""
    if text is None or text == "":
        return "–"
    if isinstance(text, list | dict):  # JSON fields are recorded as they are
        return _list_text(field or models.JSONField(), json.dumps(text))
    text = str(text)
    if field is None or text == "***":
        return text
    if isinstance(field, models.BooleanField):
        return gettext("Yes") if text == "True" else gettext("No")
    if isinstance(field, models.DateField):
        try:
            return _date_text(field, text)
        except ValueError:
            return text
    if isinstance(field, models.JSONField) or hasattr(field, "base_field"):
        return _list_text(field, text)
    if field.is_relation:
        return _related_text(field, text)
    if field.choices:
        return _choice_label(field, text)
    return text


def readable_changes(entry: AuditEntry) -> list[ChangeLine]:
    """The entry's changes with German field labels and readable values, for every page that
    shows the audit log (the store keeps the raw texts)."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    lines = []
    for name, change in (entry.changes or {}).items():
        field = _field(model, name)
        if field is not None and field.primary_key:
            continue
        label = capfirst(str(field.verbose_name)) if field is not None else name
        if entry.action == AuditEntry.Action.UPDATE and isinstance(change, list):
            before: str | None = readable_value(field, change[0])
            after = readable_value(field, change[1])
        else:
            before, after = None, readable_value(field, change)
        lines.append(ChangeLine(label=label, before=before, after=after))
    return lines
