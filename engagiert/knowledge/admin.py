from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from engagiert.core.admin import ServiceModelAdmin
from engagiert.core.services import model_delete, model_update

from . import models, services


@admin.register(models.KnowledgeItem)
class KnowledgeItemAdmin(ServiceModelAdmin):
    """The office edits every field (status, featuring, merging) — more than an author may."""

    create_service = services.item_create
    update_service = model_update
    delete_service = model_delete

    list_display = ["title", "kind", "authority", "visibility", "status", "featured", "is_demo"]
    list_filter = ["kind", "visibility", "status", "featured", "is_demo", "is_synthetic", "topics"]
    search_fields = ["title", "summary"]
    autocomplete_fields = ["authority"]
    raw_id_fields = ["merged_into", "author"]
    filter_horizontal = ["topics"]
    list_select_related = ["authority"]

    def create_arguments(
        self, request: HttpRequest, obj: Model, data: dict[str, Any]
    ) -> dict[str, Any]:
        return data


@admin.register(models.Question)
class QuestionAdmin(ServiceModelAdmin):
    """Questions are asked on the questions page (it tells followers); here they are moderated."""

    update_service = model_update
    delete_service = model_delete

    list_display = ["title", "authority", "created_at"]
    search_fields = ["title", "body"]
    raw_id_fields = ["author", "authority"]


@admin.register(models.AssistanceOffer)
class AssistanceOfferAdmin(ServiceModelAdmin):
    create_service = services.offer_create
    update_service = model_update
    delete_service = model_delete

    list_display = ["title", "authority", "is_active"]
    list_filter = ["is_active", "topics"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["authority"]

    def create_arguments(
        self, request: HttpRequest, obj: Model, data: dict[str, Any]
    ) -> dict[str, Any]:
        return data
