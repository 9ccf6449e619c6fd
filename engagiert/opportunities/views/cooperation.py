"""Corporate volunteering (offers, needs, matches, the municipality's overview) and the
cooperation registry. Thin views: permissions here, every write in `cooperation_services`."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagiert.core.http import HtmxHttpRequest
from engagiert.core.lists import filtered_page
from engagiert.core.text import whole_number
from engagiert.registry.models import Authority

from .. import cooperation_permissions as perms
from .. import cooperation_queries as queries
from .. import cooperation_services as services
from ..cooperation_forms import (
    AnswerForm,
    CooperationFilterForm,
    CooperationForm,
    CorporateFilterForm,
    NeedForm,
    OfferForm,
    ProposeForm,
    RecordForm,
)
from ..models import Cooperation, CorporateMatch, CorporateNeed, CorporateOffer
from ..permissions import can_manage

PAGE_SIZE = 20


def _saved(form: BaseForm, save: Callable[[], Any]) -> Any:
    """Run a service; its ValidationError lands at the form's fields instead of a 500."""
    try:
        return save()
    except ValidationError as error:
        form.add_error(None, error)
        return None


def _form_page(request: HttpRequest, form: BaseForm, title: str, **extra: Any) -> HttpResponse:
    context = {"form": form, "title": title, "privacy_note": "opportunities.corporate", **extra}
    return render(request, "components/form_page.html", context)


# --- Offers and needs ---------------------------------------------------------------------------


def _listing(request: HtmxHttpRequest, mode: str) -> HttpResponse:
    form = CorporateFilterForm(request.GET or None)
    filters = form.filters()
    kind, topic = filters.get("kind", ""), filters.get("topic", "")
    items = (
        queries.offer_list(kind=kind, topic=topic)
        if mode == "offers"
        else (queries.need_list(kind=kind, topic=topic))
    )
    listing = filtered_page(
        request,
        items,
        per_page=PAGE_SIZE,
        template="opportunities/corporate_list.html",
        fragment="opportunities/corporate_results.html",
    )
    context = {
        "form": form,
        "mode": mode,
        "can_offer": bool(perms.offering_providers(request.user)),
        "can_need": bool(perms.needing_providers(request.user)),
        "oversees": perms.overview_authorities(request.user) != [],
        **listing.context,
    }
    return render(request, listing.template, context)


def offer_list_view(request: HtmxHttpRequest) -> HttpResponse:
    return _listing(request, "offers")


def need_list_view(request: HtmxHttpRequest) -> HttpResponse:
    return _listing(request, "needs")


def _visible(request: HttpRequest, item: CorporateOffer | CorporateNeed) -> bool:
    """Open items of verified providers for everyone; the rest for their managers and the
    municipality that oversees them."""
    listed = item.is_open and item.provider.is_verified
    return (
        listed
        or can_manage(request.user, item.provider)
        or perms.oversees(request.user, {item.authority_id})
    )


def offer_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(
        CorporateOffer.objects.select_related("provider__organisation", "authority"), pk=pk
    )
    if not _visible(request, offer):
        raise Http404(_("There is no such offer."))
    context = {
        "item": offer,
        "mode": "offer",
        "can_edit": perms.can_edit_offer(request.user, offer),
        "fits": queries.needs_for_offer(offer),
        "can_propose": bool(perms.needing_providers(request.user)),
    }
    return render(request, "opportunities/corporate_detail.html", context)


def need_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(
        CorporateNeed.objects.select_related("provider__organisation", "authority"), pk=pk
    )
    if not _visible(request, need):
        raise Http404(_("There is no such need."))
    context = {
        "item": need,
        "mode": "need",
        "can_edit": perms.can_edit_need(request.user, need),
        "fits": queries.offers_for_need(need),
        "can_propose": bool(perms.offering_providers(request.user)),
    }
    return render(request, "opportunities/corporate_detail.html", context)


@login_required
def offer_create_view(request: HttpRequest) -> HttpResponse:
    providers = perms.offering_providers(request.user)
    if not providers:
        raise PermissionDenied(_("Only a verified business publishes offers."))
    form = OfferForm(request.POST or None, instance=CorporateOffer(provider=providers[0]))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        offer = _saved(form, lambda: services.offer_create(provider=providers[0], data=data))
        if offer is not None:
            messages.success(request, _("Your offer is published."))
            return redirect(offer)
    return _form_page(request, form, _("Offer corporate engagement"), intro=str(providers[0]))


@login_required
def offer_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(CorporateOffer.objects.select_related("provider"), pk=pk)
    if not perms.can_edit_offer(request.user, offer):
        raise PermissionDenied(_("Only the business itself edits its offers."))
    form = OfferForm(request.POST or None, instance=offer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _saved(form, lambda: services.offer_update(offer=offer, data=data)) is not None:
            messages.success(request, _("The offer is saved."))
            return redirect(offer)
    return _form_page(
        request, form, _("Edit offer"), back_url=offer.get_absolute_url(), back_label=offer.title
    )


@login_required
def need_create_view(request: HttpRequest) -> HttpResponse:
    providers = perms.needing_providers(request.user)
    if not providers:
        raise PermissionDenied(_("Only a verified organisation posts needs."))
    form = NeedForm(request.POST or None, instance=CorporateNeed(provider=providers[0]))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        need = _saved(form, lambda: services.need_create(provider=providers[0], data=data))
        if need is not None:
            messages.success(request, _("Your need is published."))
            return redirect(need)
    return _form_page(request, form, _("Ask businesses for support"), intro=str(providers[0]))


@login_required
def need_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(CorporateNeed.objects.select_related("provider"), pk=pk)
    if not perms.can_edit_need(request.user, need):
        raise PermissionDenied(_("Only the organisation itself edits its needs."))
    form = NeedForm(request.POST or None, instance=need)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _saved(form, lambda: services.need_update(need=need, data=data)) is not None:
            messages.success(request, _("The need is saved."))
            return redirect(need)
    return _form_page(
        request, form, _("Edit need"), back_url=need.get_absolute_url(), back_label=need.title
    )


# --- Matches ------------------------------------------------------------------------------------


@login_required
def match_propose_view(request: HttpRequest) -> HttpResponse:
    """»Kontakt aufnehmen«: ?angebot=<offer> (an organisation picks its need) or
    ?bedarf=<need> (a business picks its offer)."""
    # The form posts to its own address, so the query names the pair in both cases.
    offer_pk = whole_number(request.GET.get("angebot"), max_digits=9)
    need_pk = whole_number(request.GET.get("bedarf"), max_digits=9)
    needing, offering = (
        perms.needing_providers(request.user),
        perms.offering_providers(request.user),
    )
    target: CorporateOffer | CorporateNeed
    if offer_pk and needing:
        target = get_object_or_404(queries.open_offers(), pk=offer_pk)
        side, label = CorporateMatch.Side.ORGANISATION, _("Our need")
        mine: Any = queries.open_needs().filter(provider__in=needing)
    elif need_pk and offering:
        target = get_object_or_404(queries.open_needs(), pk=need_pk)
        side, label = CorporateMatch.Side.BUSINESS, _("Our offer")
        mine = queries.open_offers().filter(provider__in=offering)
    elif offer_pk or need_pk:
        raise PermissionDenied(_("Only verified businesses and organisations make contact."))
    else:
        raise Http404(_("Choose an offer or a need first."))
    initial = {"mine": offer_pk if side == CorporateMatch.Side.BUSINESS else need_pk}
    form = ProposeForm(request.POST or None, mine=mine, label=label, initial=initial)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["mine"]
        offer = target if isinstance(target, CorporateOffer) else chosen
        need = target if isinstance(target, CorporateNeed) else chosen
        match = _saved(
            form,
            lambda: services.match_propose(
                offer=offer,
                need=need,
                side=side,
                user=request.user,
                message=form.cleaned_data["message"],
            ),
        )
        if match is not None:
            messages.success(request, _("Your request is sent. You will hear from them."))
            return redirect(match)
    return render(
        request,
        "opportunities/corporate_propose.html",
        {
            "form": form,
            "title": _("Get in touch"),
            "target": target,
            "back_url": target.get_absolute_url(),
            "back_label": target.title,
            "submit_label": _("Send request"),
        },
    )


@login_required
def match_list_view(request: HttpRequest) -> HttpResponse:
    providers = perms.offering_providers(request.user) + perms.needing_providers(request.user)
    context = {
        "matches": queries.matches_of(providers),
        "offers": CorporateOffer.objects.filter(provider__in=providers).order_by("-created_at"),
        "needs": CorporateNeed.objects.filter(provider__in=providers).order_by("date_from"),
        "can_offer": bool(perms.offering_providers(request.user)),
        "can_need": bool(perms.needing_providers(request.user)),
    }
    return render(request, "opportunities/corporate_matches.html", context)


def _match_or_404(request: HttpRequest, pk: int) -> CorporateMatch:
    match = queries.match_with_parties(pk)
    if match is None or not perms.can_see_match(request.user, match):
        raise Http404(_("There is no such match."))
    return match


@login_required
def match_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match_or_404(request, pk)
    context = {
        "match": match,
        "side": perms.match_side(request.user, match),
        "answer_form": AnswerForm() if perms.can_answer_match(request.user, match) else None,
        "sees_contacts": perms.sees_contacts(request.user, match),
        "can_record": perms.can_record_engagement(request.user, match),
    }
    return render(request, "opportunities/corporate_match.html", context)


@login_required
@require_POST
def match_answer_view(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match_or_404(request, pk)
    if not perms.can_answer_match(request.user, match):
        raise PermissionDenied(_("Only the other side answers a request."))
    form = AnswerForm(request.POST)
    if form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        answer = form.cleaned_data["answer"]
        if _saved(form, lambda: services.match_answer(match=match, accept=accept, answer=answer)):
            messages.success(
                request,
                _("You accepted. Here are the contact details.") if accept else _("You declined."),
            )
            return redirect(match)
    context = {"match": match, "side": perms.match_side(request.user, match), "answer_form": form}
    return render(request, "opportunities/corporate_match.html", context, status=400)


@login_required
def match_record_view(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match_or_404(request, pk)
    if not perms.can_record_engagement(request.user, match):
        raise PermissionDenied(_("The two sides record an accepted match."))
    form = RecordForm(request.POST or None, instance=match)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _saved(form, lambda: services.match_record(match=match, **data)) is not None:
            messages.success(request, _("Thank you – the engagement is recorded."))
            return redirect(match)
    return _form_page(
        request,
        form,
        _("Record what happened"),
        back_url=match.get_absolute_url(),
        back_label=str(match),
        intro=_("The municipality sees the date, the number of people and the hours."),
    )


@login_required
def overview_view(request: HttpRequest) -> HttpResponse:
    """The municipality's view of corporate engagement; the office sees the whole network."""
    own = perms.overview_authorities(request.user)
    if own == []:
        raise PermissionDenied(_("The overview is for engagement officers and the office."))
    year = whole_number(request.GET.get("jahr"), max_digits=9) or queries.this_year()
    chosen = request.GET.get("gemeinde", "")
    if own is not None:
        choices = own
        ids: list[str] | None = [a.ags for a in own if a.ags == chosen] or [a.ags for a in own]
    else:
        choices = list(
            Authority.objects.filter(
                Q(corporate_needs__isnull=False) | Q(corporate_offers__isnull=False)
            )
            .distinct()
            .order_by("name")
        )
        ids = [chosen] if chosen else None
    context = {
        "overview": queries.overview(ids, year),
        "year": year,
        "years": range(queries.this_year(), queries.this_year() - 5, -1),
        "choices": choices,
        "chosen": chosen,
        "network": ids is None,
    }
    return render(request, "opportunities/corporate_overview.html", context)


# --- Cooperation registry -----------------------------------------------------------------------


def cooperation_list_view(request: HtmxHttpRequest) -> HttpResponse:
    form = CooperationFilterForm(request.GET or None)
    own = perms.recording_authorities(request.user)
    listing = filtered_page(
        request,
        queries.cooperations(
            form.filters(),
            members=perms.sees_members_only_cooperations(request.user),
            own=[a.ags for a in own or []],
        ),
        per_page=PAGE_SIZE,
        template="opportunities/cooperation_list.html",
        fragment="opportunities/cooperation_results.html",
    )
    context = {"form": form, "can_record": own != [], **listing.context}
    return render(request, listing.template, context)


def cooperation_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    cooperation = queries.cooperation_with_partners(pk)
    if cooperation is None or not perms.can_see_cooperation(request.user, cooperation):
        raise Http404(_("There is no such cooperation."))
    context = {
        "cooperation": cooperation,
        "can_edit": perms.can_edit_cooperation(request.user, cooperation),
    }
    return render(request, "opportunities/cooperation_detail.html", context)


@login_required
def cooperation_create_view(request: HttpRequest) -> HttpResponse:
    own = perms.recording_authorities(request.user)
    if own == []:
        raise PermissionDenied(_("Engagement officers record their municipality's cooperations."))
    chosen = request.GET.get("kommune", "")
    if own is None:  # the office chooses the municipality
        form = CooperationForm(
            request.POST or None,
            authorities=Authority.objects.order_by("name"),
            initial={"authority": chosen},
        )
    else:
        form = CooperationForm(request.POST or None, local_to=[a.ags for a in own])
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        authority = (
            data.pop("authority")
            if own is None
            else next((a for a in own if a.ags == chosen), own[0])
        )
        cooperation = _saved(
            form, lambda: services.cooperation_create(authority=authority, data=data)
        )
        if cooperation is not None:
            messages.success(request, _("The cooperation is recorded."))
            return redirect(cooperation)
    return _form_page(
        request,
        form,
        _("Record a network or cooperation"),
        back_url=reverse("opportunities:cooperation_list"),
        back_label=_("Networks and cooperations"),
    )


@login_required
def cooperation_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    cooperation = get_object_or_404(Cooperation.objects.select_related("authority"), pk=pk)
    if not perms.can_edit_cooperation(request.user, cooperation):
        raise PermissionDenied(_("Only the municipality's engagement officer may change this."))
    form = CooperationForm(
        request.POST or None, instance=cooperation, local_to=[cooperation.authority_id]
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if (
            _saved(form, lambda: services.cooperation_update(cooperation=cooperation, data=data))
            is not None
        ):
            messages.success(request, _("The cooperation is saved."))
            return redirect(cooperation)
    return _form_page(
        request,
        form,
        _("Edit network or cooperation"),
        back_url=cooperation.get_absolute_url(),
        back_label=cooperation.name,
    )
