from django.contrib import admin

from .models import Segment


@admin.register(Segment)
class SegmentAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "min_population"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]
