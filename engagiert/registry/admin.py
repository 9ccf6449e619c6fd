from django.contrib import admin

from engagiert.core.admin import ServiceModelAdmin
from engagiert.core.services import model_create, model_delete, model_update

from .models import Authority, Organisation, Topic


@admin.register(Authority)
class AuthorityAdmin(ServiceModelAdmin):
    """Authorities come from the registry import; the office corrects fields, never deletes."""

    update_service = model_update
    list_display = ["name", "ags", "kind", "district", "region", "population"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "ags", "search_key"]
    list_select_related = ["district", "region"]
    readonly_fields = ["ags", "search_key", "created_at", "updated_at"]
    autocomplete_fields = ["parent", "district", "region"]
    ordering = ["name"]


@admin.register(Organisation)
class OrganisationAdmin(ServiceModelAdmin):
    create_service = model_create
    update_service = model_update
    delete_service = model_delete
    list_display = ["name", "kind", "town", "authority", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["name", "town"]
    autocomplete_fields = ["authority"]
    list_select_related = ["authority"]


@admin.register(Topic)
class TopicAdmin(ServiceModelAdmin):
    create_service = model_create
    update_service = model_update
    delete_service = model_delete
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
