"""The holder's side: »Meine Ehrenamtskarten«, the digital card (also offline), its PDF."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from engagiert.core.qr import qr_svg

from .. import card_queries
from ..card_outputs import cards_pdf, valid_until_text
from ..cards import card_code, card_path
from ..models import Card


def _card(token: str) -> Card:
    card = card_queries.card_by_token(token)
    if card is None:
        raise Http404
    return card


@login_required
def my_cards_view(request: HttpRequest) -> HttpResponse:
    cards = [(card, card_path(card)) for card in card_queries.cards_of_holder(request.user)]
    return render(request, "volunteercard/my_cards.html", {"cards": cards})


@never_cache
def card_detail_view(request: HttpRequest, token: str) -> HttpResponse:
    """The digital card: whoever holds the signed link (the holder's mail or account)."""
    card = _card(token)
    qr = "" if card.revoked_at else qr_svg(card_code(card), label=_("QR code of the card"))
    replacement = card_path(card.replaced_by) if card.replaced_by else ""
    response = render(
        request,
        "volunteercard/card_detail.html",
        {
            "card": card,
            "token": token,
            "qr": qr,
            "valid_until": valid_until_text(card),
            "replacement": replacement,
        },
    )
    # The page carries a personal QR code: no shared cache, no referrer to other pages.
    response["Referrer-Policy"] = "no-referrer"
    return response


def card_pdf_view(request: HttpRequest, token: str) -> HttpResponse:
    card = _card(token)
    if card.revoked_at:
        raise Http404
    response = HttpResponse(cards_pdf([card]), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="ehrenamtskarte-{card.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def card_manifest_view(request: HttpRequest, token: str) -> HttpResponse:
    """The web app manifest: the card can be added to the home screen and opened offline."""
    card = _card(token)
    return TemplateResponse(
        request,
        "volunteercard/manifest.webmanifest",
        {"card": card, "start_url": card_path(card)},
        content_type="application/manifest+json",
    )


def service_worker_view(request: HttpRequest) -> HttpResponse:
    """Served from /ehrenamtskarte/ (not /static/) so that it may cache the card pages."""
    response = TemplateResponse(
        request,
        "volunteercard/service_worker.js",
        {"check_path": reverse("volunteercard:check")},
        content_type="text/javascript",
    )
    response["Cache-Control"] = "no-cache"
    return response
