from django.contrib import admin

from .models import Authority, Organisation, Topic


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "ags", "kind", "district", "region", "population"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "ags", "search_key"]
    list_select_related = ["district", "region"]
    readonly_fields = ["ags", "search_key", "created_at", "updated_at"]
    autocomplete_fields = ["parent", "district", "region"]
    ordering = ["name"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "town", "authority", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["name", "town"]
    autocomplete_fields = ["authority"]
    list_select_related = ["authority"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
