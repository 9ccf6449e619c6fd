from django.contrib import admin

from engagiert.core.admin import ServiceModelAdmin
from engagiert.core.services import model_create, model_delete, model_update

from .models import Segment


@admin.register(Segment)
class SegmentAdmin(ServiceModelAdmin):
    create_service = model_create
    update_service = model_update
    delete_service = model_delete
    list_display = ["name", "kind", "min_population"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]
