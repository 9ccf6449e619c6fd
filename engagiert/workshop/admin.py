from django.contrib import admin

from engagiert.core.admin import ServiceModelAdmin, ServiceTabularInline, ServiceWrites
from engagiert.core.services import model_create, model_delete, model_update

from . import models


class ProgrammeWrites(ServiceWrites):
    """Cohorts, their workshops and expert inputs are plain records of the programme."""

    create_service = model_create
    update_service = model_update
    delete_service = model_delete


class SessionInline(ProgrammeWrites, ServiceTabularInline):
    model = models.Session
    extra = 0


@admin.register(models.Cohort)
class CohortAdmin(ProgrammeWrites, ServiceModelAdmin):
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


class TeamMemberInline(ServiceTabularInline):
    model = models.TeamMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(models.CohortApplication)
class CohortApplicationAdmin(ServiceModelAdmin):
    """Read-only: teams apply on the call page and the organisers select on the cohort's page
    (`cohort_apply`, `cohort_select`: call deadline, team rules, welcome mails)."""

    list_display = ["authority", "cohort", "status", "created_at"]
    list_filter = ["cohort", "status"]
    search_fields = ["authority__name", "motivation", "goals"]
    autocomplete_fields = ["authority"]
    raw_id_fields = ["submitted_by"]
    inlines = [TeamMemberInline]
    list_select_related = ["authority", "cohort"]


@admin.register(models.ExpertInput)
class ExpertInputAdmin(ProgrammeWrites, ServiceModelAdmin):
    list_display = ["speaker", "title", "session"]
    search_fields = ["speaker", "title"]


@admin.register(models.Resource)
class ResourceAdmin(ServiceModelAdmin):
    """Resources are added in the workshop room and released into the knowledge base there
    (`resource_publish`); here they are corrected or deleted."""

    update_service = model_update
    delete_service = model_delete
    readonly_fields = ["added_by", "shared_with_network"]

    list_display = ["title", "cohort", "tags", "shared_with_network"]
    list_filter = ["cohort", "shared_with_network"]
    search_fields = ["title", "description", "tags"]


@admin.register(models.ConsultationSlot)
class ConsultationSlotAdmin(ProgrammeWrites, ServiceModelAdmin):
    """Bookings are made and cancelled by `slot_book`/`slot_cancel` on the workshop's pages."""

    readonly_fields = ["booked_by", "booked_by_user"]

    list_display = ["starts_at", "advisor", "cohort", "booked_by"]
    list_filter = ["cohort"]
