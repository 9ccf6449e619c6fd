from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest

from engagiert.core.admin import ServiceModelAdmin, ServiceStackedInline, ServiceTabularInline
from engagiert.core.services import model_create, model_delete, model_update

from . import models, services


class AgendaItemInline(ServiceTabularInline):
    """Saved by `agenda_item_save`: a workshop keeps the places its participants chose."""

    create_service = services.agenda_item_save
    update_service = services.agenda_item_save
    delete_service = model_delete
    model = models.AgendaItem
    extra = 1
    fields = ["starts_at", "ends_at", "kind", "title", "room", "moderators", "capacity"]

    def create_arguments(
        self, request: HttpRequest, obj: Model, data: dict[str, Any]
    ) -> dict[str, Any]:
        return {"item": obj}

    update_arguments = create_arguments


class ResultInline(ServiceStackedInline):
    create_service = model_create
    update_service = model_update
    delete_service = model_delete
    model = models.Result
    extra = 0
    fields = ["agenda_item", "position", "title", "text"]


class EventFileInline(ServiceTabularInline):
    create_service = model_create
    update_service = model_update
    delete_service = model_delete
    model = models.EventFile
    extra = 0
    fields = ["title", "file", "credit", "is_public"]


class EventAdminForm(forms.ModelForm):
    """The office's event form (fields from the fieldsets): service rules show at the field."""

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if cleaned and "capacity" in cleaned:
            try:
                services.event_capacity_check(event=self.instance, capacity=cleaned["capacity"])
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


@admin.register(models.Event)
class EventAdmin(ServiceModelAdmin):
    """Adding and changing go through `event_save`: capacity and first publication hold here."""

    create_service = services.event_save
    update_service = services.event_save
    delete_service = model_delete

    list_display = ["title", "kind", "starts_at", "status", "capacity", "is_public", "is_demo"]
    list_filter = ["kind", "status", "is_public", "is_demo", "topics"]
    search_fields = ["title", "description", "venue_name"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["organisers", "topics"]
    inlines = [AgendaItemInline, ResultInline, EventFileInline]

    form = EventAdminForm

    def create_arguments(
        self, request: HttpRequest, obj: Model, data: dict[str, Any]
    ) -> dict[str, Any]:
        return {"event": obj, "topics": data.get("topics"), "organisers": data.get("organisers")}

    update_arguments = create_arguments

    fieldsets = [
        (None, {"fields": ["title", "kind", "status", "description", "topics", "is_demo"]}),
        (
            "Zeit und Ort",
            {"fields": ["starts_at", "ends_at", "venue_name", "venue_address", "online_url"]},
        ),
        (
            "Anmeldung",
            {
                "fields": [
                    "audience",
                    "is_public",
                    "capacity",
                    "registration_deadline",
                    "organisers",
                ]
            },
        ),
    ]


@admin.register(models.Registration)
class RegistrationAdmin(ServiceModelAdmin):
    """Read-only: places, waiting list, cancellation and check-in follow the events services'
    rules on the event pages (organisers' list, door page), which also tell the people."""

    list_display = ["name", "email", "event", "status", "created_at", "checked_in_at"]
    list_filter = ["status", "event"]
    search_fields = ["name", "email", "organisation_name"]
    readonly_fields = ["token", "confirmed_at", "waiting_since", "cancelled_at"]
    raw_id_fields = ["event", "user", "authority"]
    filter_horizontal = ["workshops"]
    list_select_related = ["event"]


@admin.register(models.Invitation)
class InvitationAdmin(ServiceModelAdmin):
    """Read-only record: invitations are sent (and mailed) from the event's page."""

    list_display = ["event", "segment", "sent_by", "created_at"]
    list_filter = ["segment"]
    search_fields = ["event__title"]
    raw_id_fields = ["event", "sent_by"]


@admin.register(models.Feedback)
class FeedbackAdmin(ServiceModelAdmin):
    """Read-only: feedback is what participants said."""

    list_display = ["registration", "overall", "usefulness", "created_at"]
    list_filter = ["overall", "usefulness"]
    search_fields = ["comment"]
    raw_id_fields = ["registration"]
