from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagiert.core import throttle
from engagiert.core.http import AuthenticatedHttpRequest, ClientHttpRequest
from engagiert.core.lists import filtered_page

from . import engine, queries, services, tasks
from .forms import SearchForm, SynonymForm
from .models import Synonym

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
        "topics": form.fields["topic"].choices[1:] if results and not hits else [],  # type: ignore[attr-defined]
        "office": _is_office(request),
    }
    return render(request, listing.template, context)


def _is_office(request: HttpRequest) -> bool:
    """The network office, which keeps the synonyms (its group holds every permission)."""
    return bool(request.user.has_perm("search.change_synonym"))


def _office_only(request: HttpRequest) -> None:
    if not _is_office(request):
        raise PermissionDenied(_("Only the network office manages the search."))


@login_required
def office_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The synonyms applied to every search, and the state of the index."""
    _office_only(request)
    form = SynonymForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.synonym_create(data=form.cleaned_data)
        messages.success(request, _("The synonyms apply to every search from now on."))
        return redirect("search:office")
    context = {
        "form": form,
        "synonyms": queries.synonyms(),
        "entries": queries.entry_count(),
        "progress": tasks.progress(),
    }
    return render(request, "search/office.html", context)


@login_required
@require_POST
def synonym_delete_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _office_only(request)
    services.synonym_delete(synonym=get_object_or_404(Synonym, pk=pk))
    messages.success(request, _("The synonyms were removed."))
    return redirect("search:office")


@login_required
@require_POST
def rebuild_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    _office_only(request)
    services.rebuild_enqueue()
    messages.success(request, _("The search index is rebuilt in the background."))
    return redirect("search:office")
