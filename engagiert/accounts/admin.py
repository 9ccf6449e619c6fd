from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from engagiert.core.admin import ServiceModelAdmin, ServiceTabularInline, ServiceWrites
from engagiert.core.services import model_create, model_delete, model_update

from . import services
from .forms import AdminUserChangeForm, AdminUserCreationForm
from .models import RoleAssignment, User


class RoleWrites(ServiceWrites):
    """Roles are granted and revoked by the accounts services (office rights follow the role)."""

    create_service = services.role_grant
    delete_service = services.role_revoke

    def create_arguments(
        self, request: HttpRequest, obj: models.Model, data: dict[str, Any]
    ) -> dict[str, Any]:
        assert isinstance(obj, RoleAssignment)
        return {
            "user": obj.user,
            "role": obj.role,
            "authority": obj.authority,
            "organisation": obj.organisation,
            "function": obj.function,
        }

    def delete_arguments(self, request: HttpRequest, obj: models.Model) -> dict[str, Any]:
        return {"assignment": obj}


class RoleAssignmentInline(RoleWrites, ServiceTabularInline):
    """A role is revoked and granted anew, never changed in place."""

    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["authority", "organisation"]


@admin.register(User)
class UserAdmin(ServiceModelAdmin, DjangoUserAdmin):
    create_service = model_create
    update_service = model_update
    delete_service = model_delete

    add_form = AdminUserCreationForm
    form = AdminUserChangeForm
    ordering = ["email"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "is_active",
        "is_staff",
        "is_demo",
        "last_login",
    ]
    list_filter = ["is_active", "is_staff", "is_demo", "role_assignments__role"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [RoleAssignmentInline]

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None) -> Any:
        """Only a superuser makes superusers (the office's staff accounts are none)."""
        readonly = super().get_readonly_fields(request, obj)
        return readonly if request.user.is_superuser else [*readonly, "is_superuser"]

    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal data"), {"fields": ("first_name", "last_name", "is_demo")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "usable_password", "password1", "password2"),
            },
        ),
    )


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(RoleWrites, ServiceModelAdmin):
    """Only the function text changes in place; a role or scope is revoked and granted anew."""

    update_service = model_update

    list_display = ["user", "role", "authority", "organisation", "function"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__last_name", "authority__name", "organisation__name"]
    autocomplete_fields = ["user", "authority", "organisation"]
    list_select_related = ["user", "authority", "organisation"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = super().get_readonly_fields(request, obj)
        return readonly if obj is None else [*readonly, "user", "role", "authority", "organisation"]
