from django.contrib import admin

from . import models


class SessionInline(admin.TabularInline):
    model = models.Session
    extra = 0


@admin.register(models.Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "starts_on",
        "ends_on",
        "operator",
        "evaluator",
        "max_sites",
        "application_deadline",
        "is_demo",
    ]
    list_filter = ["operator", "is_demo"]
    search_fields = ["title", "call_text"]
    inlines = [SessionInline]


class TeamMemberInline(admin.TabularInline):
    model = models.TeamMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(models.CohortApplication)
class CohortApplicationAdmin(admin.ModelAdmin):
    list_display = ["authority", "cohort", "status", "created_at"]
    list_filter = ["cohort", "status"]
    search_fields = ["authority__name", "motivation", "goals"]
    autocomplete_fields = ["authority"]
    raw_id_fields = ["submitted_by"]
    inlines = [TeamMemberInline]
    list_select_related = ["authority", "cohort"]


@admin.register(models.ExpertInput)
class ExpertInputAdmin(admin.ModelAdmin):
    list_display = ["speaker", "title", "session"]
    search_fields = ["speaker", "title"]


@admin.register(models.Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "cohort", "tags", "shared_with_network"]
    list_filter = ["cohort", "shared_with_network"]
    search_fields = ["title", "description", "tags"]
    raw_id_fields = ["added_by"]


@admin.register(models.ConsultationSlot)
class ConsultationSlotAdmin(admin.ModelAdmin):
    list_display = ["starts_at", "advisor", "cohort", "booked_by"]
    list_filter = ["cohort"]
    raw_id_fields = ["booked_by", "booked_by_user"]
