from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from engagiert.core.admin import ServiceModelAdmin

from . import models, services


@admin.register(models.Mailing)
class MailingAdmin(ServiceModelAdmin):
    """Drafts are written and deleted through the mailings services; a released one stays."""

    create_service = services.mailing_create
    update_service = services.mailing_update
    delete_service = services.mailing_delete

    list_display = ["subject", "segment", "released_at", "send_at", "recipient_count"]
    list_filter = ["segment"]
    search_fields = ["subject", "body"]
    readonly_fields = ["created_by", "released_at", "send_at", "recipient_count"]

    def create_arguments(
        self, request: HttpRequest, obj: Model, data: dict[str, Any]
    ) -> dict[str, Any]:
        return {"user": request.user, **data}

    def update_arguments(
        self, request: HttpRequest, obj: Model, data: dict[str, Any]
    ) -> dict[str, Any]:
        return {"mailing": obj, "data": data}

    def delete_arguments(self, request: HttpRequest, obj: Model) -> dict[str, Any]:
        return {"mailing": obj}

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and (obj is None or obj.is_draft)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and (obj is None or obj.is_draft)


@admin.register(models.Unsubscription)
class UnsubscriptionAdmin(ServiceModelAdmin):
    """Read-only: only the person unsubscribes (the link in every info-mail)."""

    list_display = ["email", "created_at", "mailing"]
    search_fields = ["email"]
    raw_id_fields = ["mailing"]


@admin.register(models.NotificationPreference)
class NotificationPreferenceAdmin(ServiceModelAdmin):
    """Read-only: each person sets their own notifications on their account page."""

    list_display = ["user", "kind", "frequency"]
    list_filter = ["kind", "frequency"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
