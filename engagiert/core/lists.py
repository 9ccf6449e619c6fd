"""List pages: one page of a filtered list, with the filter kept in the page links."""

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

#: The query parameter of the page number (German, as users see it in the address).
PAGE_PARAMETER = "seite"


@dataclass(frozen=True)
class FilteredPage:
    page: Page
    #: The request's query string without the page number, for the page links.
    query: str
    #: The fragment for an HTMX request (the results only), else the whole page.
    template: str

    @property
    def context(self) -> dict[str, Any]:
        return {"page": self.page, "query": self.query}


def filtered_page(
    request: HttpRequest, items: Any, *, per_page: int, template: str, fragment: str
) -> FilteredPage:
    """The requested page of `items` (a queryset or list, already filtered and ordered)."""
    page = Paginator(items, per_page).get_page(request.GET.get(PAGE_PARAMETER))
    query = request.GET.copy()
    query.pop(PAGE_PARAMETER, None)
    htmx = bool(getattr(request, "htmx", False))
    return FilteredPage(page=page, query=query.urlencode(), template=fragment if htmx else template)
