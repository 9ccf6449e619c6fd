from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from engagiert.registry.models import Authority

from . import permissions, queries, services, tables
from .forms import (
    ImportForm,
    IndicatorForm,
    PeerForm,
    SnapshotForm,
    ValuesForm,
    YearForm,
    this_year,
)
from .models import Indicator, Questionnaire
from .viewutils import download as _download
from .viewutils import office_only as _office_only
from .viewutils import run_service as _run


def _viewable(request: HttpRequest, ags: str) -> Authority:
    authority = get_object_or_404(Authority, ags=ags)
    if not permissions.can_view_authority(request.user, authority):
        raise PermissionDenied(_("You see only your own municipality's impact figures."))
    return authority


def _catalogue_back() -> dict[str, str]:
    return {"back_url": reverse("impact:catalogue"), "back_label": _("Indicator catalogue")}


@login_required
def home_view(request: HttpRequest) -> HttpResponse:
    if permissions.can_manage_catalogue(request.user):
        return redirect("impact:network")
    own = permissions.own_authorities(request.user)
    if not own:
        raise PermissionDenied(_("The impact figures are for the municipalities and the office."))
    return redirect("impact:authority", ags=own[0].ags)


@login_required
def catalogue_view(request: HttpRequest) -> HttpResponse:
    if not permissions.can_use_impact(request.user):
        raise PermissionDenied(_("The impact figures are for the municipalities and the office."))
    table = tables.catalogue()
    return render(
        request,
        "impact/catalogue.html",
        {"table": table, "may_edit": permissions.can_manage_catalogue(request.user)},
    )


@login_required
def catalogue_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    if not permissions.can_use_impact(request.user):
        raise PermissionDenied
    return _download(tables.catalogue(), fmt)


@login_required
def indicator_create_view(request: HttpRequest) -> HttpResponse:
    _office_only(request)
    form = IndicatorForm(request.POST or None)
    if form.is_valid() and _run(
        form, lambda: services.indicator_create(data=form.cleaned_data, user=request.user)
    ):
        messages.success(request, _("The indicator has been added to the catalogue."))
        return redirect("impact:catalogue")
    context = {"form": form, "title": _("New indicator"), **_catalogue_back()}
    return render(request, "impact/indicator_form.html", context)


@login_required
def indicator_edit_view(request: HttpRequest, key: str) -> HttpResponse:
    _office_only(request)
    indicator = get_object_or_404(queries.indicators(), key=key)
    current = queries.current_version(indicator)
    form = IndicatorForm(
        request.POST or None,
        indicator=indicator,
        initial=IndicatorForm.initial_for(indicator, current),
    )
    if form.is_valid() and _run(
        form,
        lambda: services.indicator_update(
            indicator=indicator, data=form.cleaned_data, user=request.user
        ),
    ):
        messages.success(request, _("The indicator has been saved."))
        return redirect("impact:catalogue")
    context = {
        **_catalogue_back(),
        "form": form,
        "title": current.name,
        "indicator": indicator,
        "versions": indicator.versions.all(),
        "available": queries.provider_available(indicator),
    }
    return render(request, "impact/indicator_form.html", context)


@login_required
def indicator_import_view(request: HttpRequest, key: str) -> HttpResponse:
    _office_only(request)
    indicator = get_object_or_404(queries.indicators(), key=key, source=Indicator.Source.EXTERNAL)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        result = services.external_values_import(
            indicator=indicator,
            text=upload.text,
            filename=upload.name,
            dry_run=form.cleaned_data["dry_run"],
            user=request.user,
        )
    version = queries.current_version(indicator)
    context = {
        **_catalogue_back(),
        "form": form,
        "title": _("Import values: %(name)s") % {"name": version.name},
        "submit_label": _("Import"),
        "multipart": True,
        "indicator": indicator,
        "version": version,
        "result": result,
    }
    return render(request, "impact/indicator_import.html", context)


@login_required
def snapshot_view(request: HttpRequest) -> HttpResponse:
    _office_only(request)
    form = SnapshotForm(request.POST or None, initial={"year": this_year() - 1})
    if form.is_valid() and _run(
        form, lambda: services.snapshot_take(year=form.cleaned_data["year"], user=request.user)
    ):
        messages.success(
            request,
            _("The year %(year)s has been computed and frozen.")
            % {"year": form.cleaned_data["year"]},
        )
        return redirect("impact:snapshot")
    return render(request, "impact/snapshot.html", {"form": form, "snapshots": queries.snapshots()})


@login_required
def network_view(request: HttpRequest) -> HttpResponse:
    _office_only(request)
    chooser = PeerForm(request.GET or None, indicators=list(queries.indicators()))
    indicator, year = chooser.chosen()
    context = {
        "year": year,
        "export_query": f"?jahr={year}",
        "table": tables.network(year),
        "chooser": chooser,
        "trend": tables.network_trend(indicator) if indicator else None,
    }
    return render(request, "impact/network.html", context)


@login_required
def network_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    _office_only(request)
    _indicator, year = PeerForm(request.GET, indicators=[]).chosen()
    return _download(tables.network(year), fmt)


@login_required
def authority_view(request: HttpRequest, ags: str) -> HttpResponse:
    authority = _viewable(request, ags)
    year = YearForm(request.GET).year()
    context = {
        "authority": authority,
        "year": year,
        "dashboard": tables.authority_dashboard(authority),
        "missing": queries.missing_manual(authority, year),
        "may_enter": permissions.can_enter_values(request.user, authority),
        "questionnaire": Questionnaire.objects.first(),
    }
    return render(request, "impact/authority.html", context)


@login_required
def authority_export_view(request: HttpRequest, ags: str, fmt: str) -> HttpResponse:
    return _download(tables.authority_dashboard(_viewable(request, ags)).table, fmt)


@login_required
def values_edit_view(request: HttpRequest, ags: str) -> HttpResponse:
    authority = get_object_or_404(Authority, ags=ags)
    if not permissions.can_enter_values(request.user, authority):
        raise PermissionDenied(_("Only the municipality's engagement officer enters its values."))
    year = YearForm(request.GET).year()
    manual = list(queries.indicators(source=Indicator.Source.MANUAL))
    form = ValuesForm(
        request.POST or None,
        indicators=manual,
        year=year,
        initial=queries.manual_initial(authority, year),
    )
    if form.is_valid() and _run(
        form,
        lambda: services.values_enter(
            authority=authority, year=year, values=form.values(), user=request.user
        ),
    ):
        messages.success(request, _("The values for %(year)s have been saved.") % {"year": year})
        return redirect("impact:authority", ags=authority.ags)
    context = {"authority": authority, "year": year, "form": form}
    return render(request, "impact/values_form.html", context)


@login_required
def peers_view(request: HttpRequest, ags: str) -> HttpResponse:
    authority = _viewable(request, ags)
    chooser = PeerForm(request.GET or None, indicators=list(queries.indicators()))
    indicator, year = chooser.chosen()
    comparison = tables.peer_comparison(indicator, year, authority) if indicator else None
    context = {
        "authority": authority,
        "chooser": chooser,
        "comparison": comparison,
        "minimum": queries.MIN_PEER_GROUP,
        "export_query": f"?{request.GET.urlencode()}" if request.GET else "",
    }
    return render(request, "impact/peers.html", context)


@login_required
def peers_export_view(request: HttpRequest, ags: str, fmt: str) -> HttpResponse:
    authority = _viewable(request, ags)
    indicator, year = PeerForm(request.GET, indicators=list(queries.indicators())).chosen()
    if indicator is None:
        raise Http404
    return _download(tables.peer_comparison(indicator, year, authority).table, fmt)
