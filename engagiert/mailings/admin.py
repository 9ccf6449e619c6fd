from django.contrib import admin

from . import models


@admin.register(models.Mailing)
class MailingAdmin(admin.ModelAdmin):
    list_display = ["subject", "segment", "released_at", "send_at", "recipient_count"]
    list_filter = ["segment"]
    search_fields = ["subject", "body"]
    readonly_fields = ["released_at", "send_at", "recipient_count"]


@admin.register(models.Unsubscription)
class UnsubscriptionAdmin(admin.ModelAdmin):
    list_display = ["email", "created_at", "mailing"]
    search_fields = ["email"]
    raw_id_fields = ["mailing"]


@admin.register(models.NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "frequency"]
    list_filter = ["kind", "frequency"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
