"""The card staff's side: find a card, see it, revoke it, replace a lost one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagiert.core.lists import filtered_page

from .. import card_queries
from ..card_forms import CardRevokeForm, CardSearchForm
from ..cards import card_replace, card_revoke
from ..models import Card
from ..permissions import is_card_staff

PAGE_SIZE = 50


def _staff_card(request: HttpRequest, number: str) -> Card:
    """A card of one of the user's issuers; 403 for non-staff, 404 for another issuer's card."""
    if not is_card_staff(request.user):
        raise PermissionDenied
    return get_object_or_404(card_queries.cards_for_staff(request.user), number=number)


@login_required
def staff_card_list_view(request: HttpRequest) -> HttpResponse:
    if not is_card_staff(request.user):
        raise PermissionDenied
    form = CardSearchForm(request.GET)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    listing = filtered_page(
        request,
        card_queries.cards_for_staff(request.user, search=search),
        per_page=PAGE_SIZE,
        template="volunteercard/staff_card_list.html",
        fragment="volunteercard/_staff_card_results.html",
    )
    return render(request, listing.template, {"form": form, **listing.context})


def _detail(request: HttpRequest, card: Card, revoke_form: CardRevokeForm) -> HttpResponse:
    return render(
        request,
        "volunteercard/staff_card_detail.html",
        {"card": card, "revoke_form": revoke_form},
        status=400 if revoke_form.errors else 200,
    )


@login_required
def staff_card_detail_view(request: HttpRequest, number: str) -> HttpResponse:
    return _detail(request, _staff_card(request, number), CardRevokeForm())


@login_required
@require_POST
def staff_card_revoke_view(request: HttpRequest, number: str) -> HttpResponse:
    card = _staff_card(request, number)
    form = CardRevokeForm(request.POST)
    if form.is_valid():
        try:
            card_revoke(card=card, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The card has been revoked."))
            return redirect(reverse("volunteercard:staff_card_detail", args=[card.number]))
    return _detail(request, card, form)


@login_required
@require_POST
def staff_card_replace_view(request: HttpRequest, number: str) -> HttpResponse:
    card = _staff_card(request, number)
    try:
        new = card_replace(card=card, by=request.user)
    except ValidationError as error:
        form = CardRevokeForm()
        form.add_error(None, error)
        return _detail(request, card, form)
    messages.success(request, _("The card has been replaced; the holder was sent the new card."))
    return redirect(reverse("volunteercard:staff_card_detail", args=[new.number]))
