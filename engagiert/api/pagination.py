"""Pages of a list: `page` (from 1) and `page_size` (at most API_MAX_PAGE_SIZE)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination


class PagePagination(PageNumberPagination):
    """`count`, `next`, `previous` and `results`; a page past the end answers 404."""

    page_query_param = "page"
    page_size_query_param = "page_size"
    page_query_description = _("Page number, from 1.")
    page_size_query_description = _("Entries per page (at most the documented maximum).")
    invalid_page_message = _("There is no page {page_number}.")

    @property
    def max_page_size(self) -> int:
        return int(settings.API_MAX_PAGE_SIZE)

    def get_schema_operation_parameters(self, view: object) -> list[dict[str, object]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            schema = parameter["schema"]
            schema["minimum"] = 1
            parameter["example"] = 1
            if parameter["name"] == self.page_size_query_param:
                schema["maximum"] = self.max_page_size
                parameter["example"] = 25
        return parameters
