from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from engagiert.core.extensions import Place, panels_for
from engagiert.core.http import HtmxHttpRequest
from engagiert.core.lists import filtered_page

from . import queries
from .forms import AuthorityFilterForm
from .maps import state_map
from .models import Authority

PAGE_SIZE = 25


def authority_list_view(request: HtmxHttpRequest) -> HttpResponse:
    form = AuthorityFilterForm(request.GET or None)
    listing = filtered_page(
        request,
        queries.authorities(form.filters()),
        per_page=PAGE_SIZE,
        template="registry/authority_list.html",
        fragment="registry/_authority_results.html",
    )
    return render(request, listing.template, {"form": form, **listing.context})


def _authority_or_404(ags: str) -> Authority:
    authority = queries.authority_with_hierarchy(ags)
    if authority is None:
        raise Http404(_("There is no authority with the key %(ags)s.") % {"ags": ags})
    return authority


def authority_detail_view(request: HttpRequest, ags: str) -> HttpResponse:
    authority = _authority_or_404(ags)
    children = list(queries.children(authority))
    highlight = {child.ags for child in children} if children else {authority.ags}
    context = {
        "authority": authority,
        "children": children,
        "organisations": queries.organisations_in(authority),
        "map": state_map(queries.map_points(), highlight),
        "panels": panels_for(Place.AUTHORITY_DETAIL, user=request.user, authority=authority),
    }
    return render(request, "registry/authority_detail.html", context)
