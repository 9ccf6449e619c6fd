"""The public check of a card: scanned in the browser (offline), asked of the server (online)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from engagiert.core import throttle

from .. import signing
from ..card_forms import CardNumberForm
from ..cards import card_check, card_check_number

CODE_MAX_LENGTH = 2000
#: What verify.js says, translated here (the script has no catalogue of its own).
SCRIPT_TEXTS = {
    "valid": _("Valid"),
    "invalid": _("Invalid"),
    "name": _("Name"),
    "valid_until": _("Valid until"),
    "unlimited": _("unlimited"),
    "issued_by": _("Issued by"),
    "offline": _(
        "Checked without a connection: signature and dates are in order; whether the card has "
        "been revoked could not be asked."
    ),
    "asking": _("Genuine; asking whether the card has been revoked …"),
    "not_revoked": _("Genuine; the card has not been revoked."),
    "no_camera": _("This device offers no camera; please choose a photo."),
    "camera_denied": _(
        "The camera is not allowed; please choose a photo or enter the card number."
    ),
    "no_code": _("No code found in the picture. Please take a closer, sharper photo."),
}
TOO_MANY_CHECKS = _("Too many checks from your connection. Please try again in a while.")


def _allowed(request: HttpRequest, scope: str, limit: int) -> bool:
    return throttle.hit(
        scope,
        request.client_ip,  # type: ignore[attr-defined]
        limit=limit,
        window=settings.VOLUNTEERCARD_CHECK_WINDOW_SECONDS,
    )


def check_view(request: HttpRequest) -> HttpResponse:
    """The verification page; a number typed by hand is checked by the server (works without
    JavaScript), rate-limited so that numbers cannot be tried out."""
    result = None
    form = CardNumberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _allowed(request, "volunteercard-manual", settings.VOLUNTEERCARD_MANUAL_CHECK_LIMIT):
            result = card_check_number(form.cleaned_data["number"])
        else:
            form.add_error(None, TOO_MANY_CHECKS)
    context = {
        "form": form,
        "result": result,
        "public_keys": signing.keys().public_base64(),
        "texts": {reason.value: str(text) for reason, text in signing.REASON_TEXTS.items()},
        "ui": {key: str(text) for key, text in SCRIPT_TEXTS.items()},
    }
    status = 429 if form.errors and not form.has_error("number") else 200
    return render(request, "volunteercard/check.html", context, status=status)


@require_POST
def check_status_view(request: HttpRequest) -> HttpResponse:
    """Is this scanned code's card still valid? Answers only the reason, never more data."""
    if not _allowed(request, "volunteercard-status", settings.VOLUNTEERCARD_STATUS_LIMIT):
        return JsonResponse({"error": str(TOO_MANY_CHECKS)}, status=429)
    code = request.POST.get("code", "")[:CODE_MAX_LENGTH]
    verification = card_check(code)
    return JsonResponse(
        {
            "reason": verification.reason.value,
            "valid": verification.valid,
            "text": verification.text,
            "revocation": verification.revocation,
        },
        json_dumps_params={"ensure_ascii": False},
    )
