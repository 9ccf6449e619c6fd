"""Generic writes every app's services build on.

Rule: a view or an admin never saves a model itself; it calls a service of the app that owns
the model, and simple edits of plain fields go through `model_update`, which validates the
row (`full_clean`) and saves only what changed. Reference rows without rules of their own are
added and deleted in the admin by `model_create` and `model_delete`.
"""

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models.fields.files import FieldFile

M = TypeVar("M", bound=models.Model)


def _stored_values(instance: models.Model, fields: list[models.Field[Any, Any]]) -> dict[str, Any]:
    """The fields' values as the database holds them, by attribute name (one query).

    Not the instance's own attributes: a ModelForm bound to the instance has already set the
    new values on it in `is_valid()`. A row not stored (yet) is compared with the instance.
    """
    names = [field.attname for field in fields]
    if instance.pk is not None and fields:
        stored = type(instance)._base_manager.filter(pk=instance.pk).values(*names).first()
        if stored is not None:
            return stored
    return {field.attname: field.value_from_object(instance) for field in fields}


def _differs(before: Any, after: Any) -> bool:
    """Whether the new value differs from the stored one; a file not yet stored always does."""
    if isinstance(after, FieldFile):
        stored_name = before.name if isinstance(before, FieldFile) else before
        uploaded = not getattr(after, "_committed", True)
        return uploaded or (after.name or "") != (stored_name or "")
    return bool(before != after)


@transaction.atomic
def model_update(*, instance: M, fields: Iterable[str], data: Mapping[str, Any]) -> tuple[M, bool]:
    """Set the named fields found in `data` on a saved row, validate and save what changed.

    Fields missing from `data` are left alone; many-to-many fields are set after the row is
    saved. What changed is decided against the row as stored (one query), not against the
    instance's attributes, so an instance a bound ModelForm has already changed is saved too.
    A file field takes what a ModelForm gives: an upload, False to clear, None to keep.
    Returns the instance and whether anything changed. An `updated_at` field with `auto_now`
    is saved along with every change, so »last changed« stays true.
    """
    model_fields = {field.name: field for field in instance._meta.get_fields()}
    plain: list[models.Field[Any, Any]] = []
    relations: dict[str, Any] = {}
    for name in fields:
        if name not in data:
            continue
        field = model_fields.get(name)
        if field is None:
            raise ValueError(f"{type(instance).__name__} has no field {name!r}")
        if field.many_to_many:
            relations[name] = data[name]
        else:
            plain.append(field)  # type: ignore[arg-type]
    stored = _stored_values(instance, plain)
    changed: list[str] = []
    for field in plain:
        field.save_form_data(instance, data[field.name])
        if _differs(stored[field.attname], field.value_from_object(instance)):
            changed.append(field.name)
    relations = {
        name: value
        for name, value in relations.items()
        if {related.pk for related in getattr(instance, name).all()}
        != {related.pk for related in value}
    }
    if changed:
        instance.full_clean()
        stamp = model_fields.get("updated_at")
        if isinstance(stamp, models.DateTimeField) and stamp.auto_now:
            changed.append("updated_at")
        instance.save(update_fields=changed)
    for name, value in relations.items():
        getattr(instance, name).set(value)
    return instance, bool(changed or relations)


@transaction.atomic
def model_create(*, instance: M, data: Mapping[str, Any]) -> M:
    """Validate and save a new row built from a form; many-to-many fields in `data` follow.

    For reference rows without rules of their own (topics, regions, signatures…); a row with
    rules is created by its app's own service.
    """
    instance.full_clean()
    instance.save()
    for field in instance._meta.many_to_many:
        if field.name in data:
            getattr(instance, field.name).set(data[field.name])
    return instance


@transaction.atomic
def model_delete(*, instance: models.Model) -> None:
    """Delete a reference row without rules of its own (the audit log records it)."""
    instance.delete()


def statistics_refresh(*models_: type[models.Model]) -> None:
    """After a bulk load, let PostgreSQL's planner know the new sizes at once (ANALYZE of these
    models' tables, or of the whole database when none is named), when the transaction commits.

    Autovacuum would do it only minutes later, or never where an operator switched it off;
    until then the planner works from the empty tables' figures and picks sequential scans.
    SQLite plans without such statistics: nothing to do there."""
    connection = transaction.get_connection()
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models_)

    def analyze() -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {tables}".strip())

    transaction.on_commit(analyze)
