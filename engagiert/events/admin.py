from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from . import models, services


class AgendaItemInline(admin.TabularInline):
    model = models.AgendaItem
    extra = 1
    fields = ["starts_at", "ends_at", "kind", "title", "room", "moderators", "capacity"]


class ResultInline(admin.StackedInline):
    model = models.Result
    extra = 0
    fields = ["agenda_item", "position", "title", "text"]


class EventFileInline(admin.TabularInline):
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
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "status", "capacity", "is_public", "is_demo"]
    list_filter = ["kind", "status", "is_public", "is_demo", "topics"]
    search_fields = ["title", "description", "venue_name"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["organisers", "topics"]
    inlines = [AgendaItemInline, ResultInline, EventFileInline]

    form = EventAdminForm

    def save_model(self, request: HttpRequest, obj: models.Event, form: Any, change: bool) -> None:
        services.event_save(event=obj)

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
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "event", "status", "created_at", "checked_in_at"]
    list_filter = ["status", "event"]
    search_fields = ["name", "email", "organisation_name"]
    readonly_fields = ["token", "confirmed_at", "waiting_since", "cancelled_at"]
    raw_id_fields = ["event", "user", "authority"]
    filter_horizontal = ["workshops"]
    list_select_related = ["event"]


@admin.register(models.Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["event", "segment", "sent_by", "created_at"]
    list_filter = ["segment"]
    search_fields = ["event__title"]
    raw_id_fields = ["event", "sent_by"]


@admin.register(models.Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["registration", "overall", "usefulness", "created_at"]
    list_filter = ["overall", "usefulness"]
    search_fields = ["comment"]
    raw_id_fields = ["registration"]
