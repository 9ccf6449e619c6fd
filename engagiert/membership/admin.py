from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from . import models, services


class ContactPersonInline(admin.TabularInline):
    model = models.ContactPerson
    extra = 0
    fields = ["name", "function", "department", "phone", "email", "is_primary"]


class LeaderInline(admin.TabularInline):
    model = models.Leader
    extra = 0


@admin.register(models.Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = [
        "authority",
        "has_staff_unit",
        "has_round_table",
        "has_volunteer_agency",
        "volunteer_card",
        "is_demo",
    ]
    list_filter = [
        "has_staff_unit",
        "has_round_table",
        "has_volunteer_agency",
        "volunteer_card",
        "topics",
        "is_demo",
    ]
    search_fields = ["authority__name", "authority__ags", "strategy"]
    autocomplete_fields = ["authority"]
    filter_horizontal = ["topics"]
    list_select_related = ["authority"]


@admin.register(models.ContactPerson)
class ContactPersonAdmin(admin.ModelAdmin):
    list_display = ["name", "function", "authority", "email", "is_primary"]
    list_filter = ["is_primary"]
    search_fields = ["name", "function", "email", "authority__name"]
    autocomplete_fields = ["authority"]
    list_select_related = ["authority"]


@admin.register(models.Leader)
class LeaderAdmin(admin.ModelAdmin):
    list_display = ["name", "office", "authority", "since"]
    list_filter = ["office"]
    search_fields = ["name", "authority__name"]
    autocomplete_fields = ["authority"]
    list_select_related = ["authority"]


@admin.register(models.StrategyDocument)
class StrategyDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "profile", "is_public", "size", "created_at"]
    list_filter = ["is_public"]
    search_fields = ["title", "profile__authority__name"]
    raw_id_fields = ["profile", "uploaded_by"]

    def delete_model(self, request: HttpRequest, obj: models.StrategyDocument) -> None:
        services.document_delete(document=obj)

    def delete_queryset(
        self, request: HttpRequest, queryset: QuerySet[models.StrategyDocument]
    ) -> None:
        for document in queryset:
            services.document_delete(document=document)


class ApplicationEventInline(admin.TabularInline):
    model = models.ApplicationEvent
    extra = 0
    readonly_fields = ["created_at", "actor", "action", "message"]
    can_delete = False


@admin.register(models.Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Decisions go through the review page (it mails the applicant); here for the record."""

    list_display = ["authority", "status", "created_at", "decided_at", "volunteer_card"]
    list_filter = ["status", "volunteer_card"]
    search_fields = ["authority__name", "cross_cutting", "motivation"]
    readonly_fields = ["status", "decided_at", "submitted_by"]
    autocomplete_fields = ["authority"]
    raw_id_fields = ["contact_person"]
    inlines = [ApplicationEventInline]
    list_select_related = ["authority"]


@admin.register(models.Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["authority", "since", "until", "is_demo"]
    list_filter = ["until", "is_demo"]
    search_fields = ["authority__name", "end_reason"]
    autocomplete_fields = ["authority"]
    raw_id_fields = ["application"]
    date_hierarchy = "since"
    list_select_related = ["authority"]


class SigningWaveInline(admin.TabularInline):
    model = models.SigningWave
    extra = 0


@admin.register(models.Declaration)
class DeclarationAdmin(admin.ModelAdmin):
    list_display = ["title", "version", "adopted"]
    search_fields = ["title", "text"]
    inlines = [SigningWaveInline]


class SignatureInline(admin.TabularInline):
    model = models.Signature
    extra = 0
    autocomplete_fields = ["authority", "organisation"]


@admin.register(models.SigningWave)
class SigningWaveAdmin(admin.ModelAdmin):
    list_display = ["occasion", "date", "place", "declaration"]
    list_filter = ["declaration"]
    search_fields = ["occasion", "place"]
    inlines = [SignatureInline]


@admin.register(models.Signature)
class SignatureAdmin(admin.ModelAdmin):
    list_display = ["__str__", "wave", "signed_by", "signer_role", "is_demo"]
    list_filter = ["wave", "is_demo"]
    search_fields = ["authority__name", "organisation__name", "signed_by"]
    autocomplete_fields = ["authority", "organisation"]
    list_select_related = ["wave", "authority", "organisation"]


@admin.register(models.Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["organisation", "role", "since", "until", "contact_name"]
    list_filter = ["role"]
    search_fields = ["organisation__name", "contact_name", "note"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]
