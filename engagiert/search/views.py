from django.http import HttpResponse
from django.shortcuts import render

from engagiert.core import throttle
from engagiert.core.http import ClientHttpRequest
from engagiert.core.lists import filtered_page

from . import engine, queries
from .forms import SearchForm

PAGE_SIZE = 20
#: Searches per minute and address for visitors who are not logged in.
ANONYMOUS_SEARCHES_PER_MINUTE = 30


def _throttled(request: ClientHttpRequest) -> bool:
    """Visitors who are not logged in search at most so often per minute and client address."""
    if request.user.is_authenticated:
        return False
    return not throttle.hit(
        "search", request.client_ip, limit=ANONYMOUS_SEARCHES_PER_MINUTE, window=60
    )


def search_view(request: ClientHttpRequest) -> HttpResponse:
    """German full-text search; members see members-only content, the public never does."""
    if _throttled(request):
        return render(
            request, "search/search.html", {"throttled": True, "form": SearchForm()}, status=429
        )
    form = SearchForm(request.GET or None)
    query = (request.GET.get("q") or "")[:300]
    results = (
        engine.search(query, members=queries.member_kinds(request.user), filters=form.filters())
        if query.strip()
        else None
    )
    listing = filtered_page(
        request,
        results.entries if results else [],
        per_page=PAGE_SIZE,
        template="search/search.html",
        fragment="search/search.html",
    )
    page = listing.page if results else None
    kinds = queries.kind_labels()
    hits = (
        [
            (entry, engine.snippet(entry.text, results.terms), kinds.get(entry.kind, entry.kind))
            for entry in page
        ]
        if results and page
        else []
    )
    labels = {
        "kind": kinds,
        "topic": dict(form.fields["topic"].choices),  # type: ignore[attr-defined]
        "authority_kind": dict(form.fields["authority_kind"].choices),  # type: ignore[attr-defined]
    }
    context = {
        "form": form,
        "results": results,
        "page": page,
        "hits": hits,
        "query": listing.query,
        "labels": labels,
    }
    return render(request, listing.template, context)
