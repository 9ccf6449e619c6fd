"""Read-only views of the impact data: the catalogue and the values are kept on /wirkung/."""

from django.contrib import admin

from engagiert.core.admin import ServiceModelAdmin

from . import models


@admin.register(models.IndicatorValue)
class IndicatorValueAdmin(ServiceModelAdmin):
    list_display = ["indicator", "authority", "year", "value", "origin", "version"]
    list_filter = ["origin", "year", "indicator"]
    search_fields = ["authority__name", "authority__ags"]
    list_select_related = ["indicator", "authority", "version"]


@admin.register(models.Snapshot)
class SnapshotAdmin(ServiceModelAdmin):
    list_display = ["year", "taken_at", "taken_by", "value_count"]
