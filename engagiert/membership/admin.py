from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from engagiert.core.admin import ServiceModelAdmin, ServiceTabularInline, ServiceWrites
from engagiert.core.services import model_create, model_delete, model_update

from . import models, services


class ReferenceWrites(ServiceWrites):
    """Records without rules of their own (declarations, signatures, partnerships)."""

    create_service = model_create
    update_service = model_update
    delete_service = model_delete


class AuthorityRowAdmin(ServiceModelAdmin):
    """A row of one authority (contact person, leader): it stays with its authority."""

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = super().get_readonly_fields(request, obj)
        return readonly if obj is None else [*readonly, "authority"]

    def create_arguments(
        self, request: HttpRequest, obj: Model, data: dict[str, Any]
    ) -> dict[str, Any]:
        assert isinstance(obj, models.ContactPerson | models.Leader)
        return {"authority": obj.authority, "instance": obj, "data": data}

    update_arguments = create_arguments


@admin.register(models.Profile)
class ProfileAdmin(ServiceModelAdmin):
    """Saved by `profile_update`, as the officer's profile page does (audit of topics too)."""

    create_service = services.profile_update
    update_service = services.profile_update
    delete_service = model_delete

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

    def create_arguments(
        self, request: HttpRequest, obj: Model, data: dict[str, Any]
    ) -> dict[str, Any]:
        assert isinstance(obj, models.Profile)
        fields = {
            name: value for name, value in data.items() if name not in {"authority", "topics"}
        }
        return {**fields, "authority": obj.authority, "topics": data.get("topics", [])}

    update_arguments = create_arguments

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = super().get_readonly_fields(request, obj)
        return readonly if obj is None else [*readonly, "authority"]


@admin.register(models.ContactPerson)
class ContactPersonAdmin(AuthorityRowAdmin):
    create_service = services.contact_person_save
    update_service = services.contact_person_save
    delete_service = services.contact_person_delete

    list_display = ["name", "function", "authority", "email", "is_primary"]
    list_filter = ["is_primary"]
    search_fields = ["name", "function", "email", "authority__name"]
    autocomplete_fields = ["authority"]
    list_select_related = ["authority"]

    def delete_arguments(self, request: HttpRequest, obj: Model) -> dict[str, Any]:
        return {"contact_person": obj}


@admin.register(models.Leader)
class LeaderAdmin(AuthorityRowAdmin):
    create_service = services.leader_save
    update_service = services.leader_save
    delete_service = services.leader_delete

    list_display = ["name", "office", "authority", "since"]
    list_filter = ["office"]
    search_fields = ["name", "authority__name"]
    autocomplete_fields = ["authority"]
    list_select_related = ["authority"]

    def delete_arguments(self, request: HttpRequest, obj: Model) -> dict[str, Any]:
        return {"leader": obj}


@admin.register(models.StrategyDocument)
class StrategyDocumentAdmin(ServiceModelAdmin):
    """Documents are uploaded on the profile page (file checks); here changed or deleted."""

    update_service = model_update
    delete_service = services.document_delete

    list_display = ["title", "profile", "is_public", "size", "created_at"]
    list_filter = ["is_public"]
    search_fields = ["title", "profile__authority__name"]
    raw_id_fields = ["profile", "uploaded_by"]

    def delete_arguments(self, request: HttpRequest, obj: Model) -> dict[str, Any]:
        return {"document": obj}


class ApplicationEventInline(ServiceTabularInline):
    model = models.ApplicationEvent
    extra = 0
    readonly_fields = ["created_at", "actor", "action", "message"]


@admin.register(models.Application)
class ApplicationAdmin(ServiceModelAdmin):
    """Read-only: applications are submitted and decided on the review page (it mails the
    applicant and admits); here for the record."""

    list_display = ["authority", "status", "created_at", "decided_at", "volunteer_card"]
    list_filter = ["status", "volunteer_card"]
    search_fields = ["authority__name", "cross_cutting", "motivation"]
    readonly_fields = ["status", "decided_at", "submitted_by"]
    autocomplete_fields = ["authority"]
    raw_id_fields = ["contact_person"]
    inlines = [ApplicationEventInline]
    list_select_related = ["authority"]


@admin.register(models.Membership)
class MembershipAdmin(ServiceModelAdmin):
    """Read-only: a membership begins only by admission and ends on the membership's page."""

    list_display = ["authority", "since", "until", "is_demo"]
    list_filter = ["until", "is_demo"]
    search_fields = ["authority__name", "end_reason"]
    autocomplete_fields = ["authority"]
    raw_id_fields = ["application"]
    date_hierarchy = "since"
    list_select_related = ["authority"]


class SigningWaveInline(ReferenceWrites, ServiceTabularInline):
    model = models.SigningWave
    extra = 0


@admin.register(models.Declaration)
class DeclarationAdmin(ReferenceWrites, ServiceModelAdmin):
    list_display = ["title", "version", "adopted"]
    search_fields = ["title", "text"]
    inlines = [SigningWaveInline]


class SignatureInline(ReferenceWrites, ServiceTabularInline):
    model = models.Signature
    extra = 0
    autocomplete_fields = ["authority", "organisation"]


@admin.register(models.SigningWave)
class SigningWaveAdmin(ReferenceWrites, ServiceModelAdmin):
    list_display = ["occasion", "date", "place", "declaration"]
    list_filter = ["declaration"]
    search_fields = ["occasion", "place"]
    inlines = [SignatureInline]


@admin.register(models.Signature)
class SignatureAdmin(ReferenceWrites, ServiceModelAdmin):
    list_display = ["__str__", "wave", "signed_by", "signer_role", "is_demo"]
    list_filter = ["wave", "is_demo"]
    search_fields = ["authority__name", "organisation__name", "signed_by"]
    autocomplete_fields = ["authority", "organisation"]
    list_select_related = ["wave", "authority", "organisation"]


@admin.register(models.Partnership)
class PartnershipAdmin(ReferenceWrites, ServiceModelAdmin):
    list_display = ["organisation", "role", "since", "until", "contact_name"]
    list_filter = ["role"]
    search_fields = ["organisation__name", "contact_name", "note"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]
