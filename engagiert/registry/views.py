from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from engagiert.accounts.permissions import can_edit_authority
from engagiert.core.http import HtmxHttpRequest
from engagiert.core.lists import filtered_page
from engagiert.core.navigation import panels

from . import queries, services
from .forms import AuthorityEditForm, AuthorityFilterForm
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
        "can_edit": can_edit_authority(request.user, authority),
        "panels": panels("authority_detail", authority=authority, user=request.user),
    }
    return render(request, "registry/authority_detail.html", context)


@login_required
def authority_edit_view(request: HttpRequest, ags: str) -> HttpResponse:
    authority = _authority_or_404(ags)
    if not can_edit_authority(request.user, authority):
        raise PermissionDenied(_("Only the authority's engagement officer may change this."))
    form = AuthorityEditForm(request.POST or None, instance=authority)
    if request.method == "POST" and form.is_valid():
        services.authority_update(authority=authority, **form.cleaned_data)
        messages.success(
            request, _("Your changes to %(name)s are saved.") % {"name": authority.name}
        )
        return redirect(authority)
    context = {
        "form": form,
        "title": _("Edit %(name)s") % {"name": authority.name},
        "intro": _(
            "Official facts (name, key, population) come from the register and cannot be "
            "changed here."
        ),
        "back_url": authority.get_absolute_url(),
        "back_label": authority.name,
    }
    return render(request, "components/form_page.html", context)
