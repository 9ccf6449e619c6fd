from django.contrib import admin

from . import models


@admin.register(models.KnowledgeItem)
class KnowledgeItemAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "authority", "visibility", "status", "featured", "is_demo"]
    list_filter = ["kind", "visibility", "status", "featured", "is_demo", "is_synthetic", "topics"]
    search_fields = ["title", "summary"]
    autocomplete_fields = ["authority"]
    raw_id_fields = ["merged_into", "author"]
    filter_horizontal = ["topics"]
    list_select_related = ["authority"]


@admin.register(models.Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["title", "authority", "created_at"]
    search_fields = ["title", "body"]
    raw_id_fields = ["author", "authority"]


@admin.register(models.AssistanceOffer)
class AssistanceOfferAdmin(admin.ModelAdmin):
    list_display = ["title", "authority", "is_active"]
    list_filter = ["is_active", "topics"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["authority"]
