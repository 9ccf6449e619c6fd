"""Benefit partners: the public benefits page and partner pages, the registration, the partner's
own entries, and the card staff's approval."""

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from engagiert.core.http import HtmxHttpRequest, client_ip
from engagiert.core.lists import filtered_page
from engagiert.core.throttle import public_form_allowed
from engagiert.registry.maps import MapPoint, StateMap, state_map
from engagiert.registry.queries import map_points

from .. import partner_queries, partners
from ..models import Benefit, BenefitPartner, PartnerLocation
from ..partner_forms import (
    BenefitFilterForm,
    BenefitForm,
    DecisionForm,
    LocationForm,
    PartnerForm,
    PartnerRegistrationForm,
    PartnerStatusFilterForm,
)
from ..permissions import is_card_staff

PAGE_SIZE = 20
Owned = TypeVar("Owned", Benefit, PartnerLocation)


def benefit_list_view(request: HtmxHttpRequest) -> HttpResponse:
    """Every current benefit, filtered, as a list and on a map of the Gemeinden."""
    form = BenefitFilterForm(request.GET or None)
    benefits = partner_queries.public_benefits(form.filters())
    listing = filtered_page(
        request,
        partner_queries.with_partner_and_places(benefits),
        per_page=PAGE_SIZE,
        template="volunteercard/benefit_list.html",
        fragment="volunteercard/_benefit_results.html",
    )
    counts = partner_queries.benefits_per_gemeinde(benefits)
    benefit_map = state_map(map_points(), set(counts))
    context = {
        "form": form,
        "map": benefit_map,
        "map_circles": _circles(benefit_map, counts),
        "map_links": True,
        "map_data": _map_data(benefit_map, lambda point: f"?gemeinde={point.ags}"),
        "counts": counts,
        **listing.context,
    }
    return render(request, listing.template, context)


def partner_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    partner = partner_queries.public_partner(pk)
    if partner is None:
        raise Http404(_("There is no such benefit partner."))
    locations = list(partner.locations.all())
    points = [
        (f"s{loc.pk}", loc.name, float(loc.latitude), float(loc.longitude)) for loc in locations
    ]
    partner_map = state_map(map_points() + points, {key for key, *_rest in points})
    context = {
        "partner": partner,
        "locations": locations,
        "map": partner_map,
        "map_circles": _circles(partner_map, None),
        "map_data": _map_data(partner_map, lambda point: request.path),
    }
    return render(request, "volunteercard/partner_detail.html", context)


def _circles(points: StateMap, counts: dict[str, int] | None) -> SafeString:
    """The map's dots as SVG, built here rather than in a template loop (400 dots rendered by
    the template engine cost a tenth of a second). With `counts`, each marked town links to
    the list filtered by it and says how many benefits it has."""
    dots = []
    for point in points.points:
        radius, css = (6, ' class="is-highlighted"') if point.highlighted else (3, "")
        # Where marked towns are links, the map is a group of links: the other dots are hidden
        # from screen readers (a town's name without a link is no use there).
        hidden = ' aria-hidden="true"' if counts is not None else ""
        circle = format_html(
            '<circle cx="{}" cy="{}" r="{}"{}{}><title>{}</title></circle>',
            point.x,
            point.y,
            radius,
            mark_safe(css),  # noqa: S308 (a constant)
            mark_safe(hidden),  # noqa: S308 (a constant)
            point.name,
        )
        if point.highlighted and counts is not None:
            count = counts.get(point.ags, 0)
            label = ngettext(
                "%(name)s: %(counter)s benefit", "%(name)s: %(counter)s benefits", count
            ) % {"name": point.name, "counter": count}
            circle = format_html(
                '<a href="?gemeinde={}" aria-label="{}" class="state-map__link"><circle cx="{}" '
                'cy="{}" r="6" class="is-highlighted"><title>{}</title></circle></a>',
                point.ags,
                label,
                point.x,
                point.y,
                label,
            )
        dots.append(circle)
    return mark_safe("".join(dots))  # noqa: S308 (each part escaped by format_html)


def _map_data(points: StateMap, link: Callable[[MapPoint], str]) -> list[list[object]]:
    """The rows of the optional tile map: the state map's, and a link for each marked point."""
    return [
        [*row, link(point) if point.highlighted else ""]
        for point, row in zip(points.points, points.as_data(), strict=True)
    ]


def partner_register_view(request: HttpRequest) -> HttpResponse:
    """The public sign-up of a benefit partner (limited per client address)."""
    form = PartnerRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not public_form_allowed("benefit-partner", address=client_ip(request)):
            form.add_error(None, _("Too many registrations from your network. Please try later."))
        else:
            try:
                partner = partners.partner_register(**form.service_arguments())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return render(
                    request, "volunteercard/partner_registered.html", {"partner": partner}
                )
    context = {
        "form": form,
        "title": _("Register as a benefit partner"),
        "intro": _(
            "Businesses, clubs and institutions thank volunteers with a benefit for holders of "
            "the Ehrenamtskarte. Register with your first location; the card office of your "
            "municipality checks and approves the entry. Then you add your benefits."
        ),
        "back_url": reverse("volunteercard:benefit_list"),
        "back_label": _("Benefits for holders of the Ehrenamtskarte"),
        "submit_label": _("Send registration"),
        "privacy_note": "volunteercard.partner",
    }
    return render(request, "components/form_page.html", context)


# --- The partner's own entries -------------------------------------------------------------


def _own_partner(request: HttpRequest, pk: int) -> BenefitPartner:
    partner = partner_queries.partners_of(request.user).filter(pk=pk).first()
    if partner is None:
        raise Http404(_("There is no such benefit partner of yours."))
    return partner


@login_required
def partner_own_view(request: HttpRequest) -> HttpResponse:
    """The partner's own page: its entries, each with a way to change it."""
    owned = partner_queries.partners_of(request.user)
    if not owned.exists():
        raise PermissionDenied(_("Only benefit partners have entries here."))
    entries = [partner_queries.partner_with_entries(owned, partner.pk) for partner in owned]
    return render(request, "volunteercard/partner_own.html", {"entries": entries})


@login_required
def partner_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    partner = _own_partner(request, pk)
    form = PartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        partners.partner_update(partner=partner, data=form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("volunteercard:partner_own")
    return _form_page(request, form, partner, _("Contact and description"))


@login_required
def location_edit_view(request: HttpRequest, pk: int, location: int | None = None) -> HttpResponse:
    partner = _own_partner(request, pk)
    instance = _owned(PartnerLocation, partner, location)
    form = LocationForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            partners.location_save(partner=partner, instance=instance, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("volunteercard:partner_own")
    return _form_page(request, form, partner, _("Location"))


@login_required
def benefit_edit_view(request: HttpRequest, pk: int, benefit: int | None = None) -> HttpResponse:
    partner = _own_partner(request, pk)
    instance = _owned(Benefit, partner, benefit)
    form = BenefitForm(request.POST or None, instance=instance, partner=partner)
    if request.method == "POST" and form.is_valid():
        try:
            partners.benefit_save(partner=partner, instance=instance, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("volunteercard:partner_own")
    return _form_page(request, form, partner, _("Benefit"))


@login_required
@require_POST
def benefit_delete_view(request: HttpRequest, pk: int, benefit: int) -> HttpResponse:
    partner = _own_partner(request, pk)
    found = _owned(Benefit, partner, benefit)
    assert found is not None
    partners.benefit_delete(benefit=found)
    messages.success(request, _("Deleted."))
    return redirect("volunteercard:partner_own")


def _owned(model: type[Owned], partner: BenefitPartner, pk: int | None) -> Owned | None:
    if pk is None:
        return None
    found = model.objects.filter(partner=partner, pk=pk).first()
    if found is None:
        raise Http404(_("There is no such entry of yours."))
    return found


def _form_page(
    request: HttpRequest, form: BaseForm, partner: BenefitPartner, title: str
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "back_url": reverse("volunteercard:partner_own"),
        "back_label": partner.name,
    }
    return render(request, "components/form_page.html", context)


# --- The card staff's approval ---------------------------------------------------------------


@login_required
def partner_queue_view(request: HtmxHttpRequest) -> HttpResponse:
    """The partners the card staff decide on, newest first, filtered by status."""
    if not is_card_staff(request.user):
        raise PermissionDenied(_("Only the Ehrenamtskarte staff see the benefit partners."))
    form = PartnerStatusFilterForm(request.GET or None)
    listing = filtered_page(
        request,
        partner_queries.partner_list(partner_queries.staff_partners(request.user), form.filters()),
        per_page=PAGE_SIZE,
        template="volunteercard/partner_queue.html",
        fragment="volunteercard/_partner_queue_results.html",
    )
    return render(request, listing.template, {"form": form, **listing.context})


@login_required
def partner_review_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One partner with its entries; approve or reject it."""
    partner = partner_queries.partner_with_entries(partner_queries.staff_partners(request.user), pk)
    if partner is None:
        raise Http404(_("There is no such benefit partner in your area."))
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = request.POST.get("decision") == "approve"
        try:
            partners.partner_decide(
                partner=partner,
                by=request.user,
                approve=approve,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decision is saved and the partner is told."))
            return redirect("volunteercard:partner_queue")
    return render(request, "volunteercard/partner_review.html", {"partner": partner, "form": form})
