"""The admin writes through services, as every view does.

`ServiceModelAdmin` and `ServiceInline` route each write of the Django admin — adding,
changing, deleting one row or many, the rows of an inline — to services the class names:

- `create_service(**self.create_arguments(request, obj, data))`; by default the unsaved row the
  form built (`instance`) and the form's cleaned model fields (`data`), as `model_create` takes;
- `update_service(**self.update_arguments(request, obj, data))`; by default the stored row
  (`instance`), the form's model fields (`fields`) and their values (`data`), as
  `model_update` takes: compared with the stored row, only what changed is saved;
- `delete_service(**self.delete_arguments(request, obj))`; by default `instance=obj`.

A write without a service is not offered: no `create_service`, no »add« button; no
`update_service`, the row is read-only; no `delete_service`, no deleting. The system check
`core.E001` (engagiert/core/checks.py) refuses an admin of the platform's models that is not
built on these classes or that overrides their write methods.
"""

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from .models import AuditEntry

#: The methods of a ModelAdmin that write; the services' classes own them.
WRITE_METHODS = (
    "save_model",
    "delete_model",
    "delete_queryset",
    "save_related",
    "save_formset",
)

Service = Callable[..., Any]


def form_data(form: forms.BaseForm, model: type[models.Model]) -> dict[str, Any]:
    """The cleaned values of the form's fields that are fields of the model."""
    names = {field.name for field in model._meta.get_fields() if not field.auto_created}
    return {name: value for name, value in form.cleaned_data.items() if name in names}


class ServiceWrites:
    """The services of one admin class and the arguments it gives them."""

    model: type[models.Model]
    create_service: ClassVar[Service | None] = None
    update_service: ClassVar[Service | None] = None
    delete_service: ClassVar[Service | None] = None

    @classmethod
    def service(cls, name: str) -> Service | None:
        """The named service, as written in the class (a plain function, never a method)."""
        service: Service | None = getattr(cls, name)
        return service

    def create_arguments(
        self, request: HttpRequest, obj: models.Model, data: dict[str, Any]
    ) -> dict[str, Any]:
        return {"instance": obj, "data": data}

    def update_arguments(
        self, request: HttpRequest, obj: models.Model, data: dict[str, Any]
    ) -> dict[str, Any]:
        stored = type(obj)._default_manager.get(pk=obj.pk)
        return {"instance": stored, "fields": list(data), "data": data}

    def delete_arguments(self, request: HttpRequest, obj: models.Model) -> dict[str, Any]:
        return {"instance": obj}

    def write(self, request: HttpRequest, obj: models.Model, data: dict[str, Any]) -> None:
        """Create or change `obj` through the class's service."""
        if obj.pk is None or obj._state.adding:
            create = self.service("create_service")
            assert create is not None, "the admin offers no adding without a create service"
            create(**self.create_arguments(request, obj, data))
        else:
            update = self.service("update_service")
            assert update is not None, "the admin offers no change without an update service"
            update(**self.update_arguments(request, obj, data))

    def remove(self, request: HttpRequest, obj: models.Model) -> None:
        """Delete `obj` through the class's service."""
        delete = self.service("delete_service")
        assert delete is not None, "the admin offers no deleting without a delete service"
        delete(**self.delete_arguments(request, obj))


class ServiceModelAdmin(ServiceWrites, admin.ModelAdmin):
    """A ModelAdmin whose saves and deletions call the services the subclass names.

    A service that refuses (ValidationError) undoes the whole save — the admin's views run in
    one transaction — and the office reads its reason on the page it came from.
    """

    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self._refusals_shown(request, super().changeform_view, *args, **kwargs)

    def delete_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self._refusals_shown(request, super().delete_view, *args, **kwargs)

    def changelist_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self._refusals_shown(request, super().changelist_view, *args, **kwargs)

    def _refusals_shown(
        self, request: HttpRequest, view: Callable[..., HttpResponse], *args: Any, **kwargs: Any
    ) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except ValidationError as refusal:
            self.message_user(request, " ".join(refusal.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.service("create_service") is not None and super().has_add_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.service("update_service") is not None and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.service("delete_service") is not None and super().has_delete_permission(
            request, obj
        )

    def save_model(
        self, request: HttpRequest, obj: models.Model, form: forms.ModelForm[Any], change: bool
    ) -> None:
        self.write(request, obj, form_data(form, self.model))

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        self.remove(request, obj)

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.remove(request, obj)

    def save_related(
        self,
        request: HttpRequest,
        form: forms.ModelForm[Any],
        formsets: Iterable[BaseInlineFormSet[Any, Any, Any]],
        change: bool,
    ) -> None:
        """The services saved the many-to-many fields with the row; the inlines follow."""
        for formset in formsets:
            self.save_formset(request, form, formset, change)

    def save_formset(
        self,
        request: HttpRequest,
        form: forms.ModelForm[Any],
        formset: BaseInlineFormSet[Any, Any, Any],
        change: bool,
    ) -> None:
        """Each row through the inline's services; the admin's history reads what was done."""
        inline = self._inline_for(request, formset)
        deleted = set(formset.deleted_forms) if formset.can_delete else set()
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for inline_form in formset.forms:
            obj = inline_form.instance
            if inline_form in deleted:
                if obj.pk is not None:
                    inline.remove(request, obj)
                    formset.deleted_objects.append(obj)
            elif inline_form.has_changed():
                adding = obj._state.adding
                setattr(obj, formset.fk.name, formset.instance)
                inline.write(request, obj, form_data(inline_form, inline.model))
                if adding:
                    formset.new_objects.append(obj)
                else:
                    formset.changed_objects.append((obj, inline_form.changed_data))

    def _inline_for(
        self, request: HttpRequest, formset: BaseInlineFormSet[Any, Any, Any]
    ) -> "ServiceInline":
        for inline in self.get_inline_instances(request, formset.instance):
            if isinstance(inline, ServiceInline) and inline.model is formset.model:
                return inline
        raise LookupError(f"{type(self).__name__} has no service inline for {formset.model}")


class ServiceInline(ServiceWrites, admin.options.InlineModelAdmin):
    """An inline whose rows are added, changed and deleted by the services it names."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.service("create_service") is not None and super().has_add_permission(
            request, obj
        )

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.service("update_service") is not None and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.service("delete_service") is not None and super().has_delete_permission(
            request, obj
        )


class ServiceTabularInline(ServiceInline, admin.TabularInline):
    pass


class ServiceStackedInline(ServiceInline, admin.StackedInline):
    pass


@admin.register(AuditEntry)
class AuditEntryAdmin(ServiceModelAdmin):
    """The audit log is read-only: entries are written by the platform, never by hand."""

    list_display = ["created_at", "actor_label", "action", "content_type", "object_repr"]
    list_filter = ["action", "content_type", "created_at"]
    search_fields = ["object_repr", "actor_label", "object_id"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
