from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from .. import queries
from ..models import Issuer
from ..permissions import is_card_staff


def home(request: HttpRequest) -> HttpResponse:
    """What the card is, who can get it, how to apply or renew, where to verify, the benefits."""
    return TemplateResponse(
        request,
        "volunteercard/home.html",
        {
            "issuers": Issuer.objects.filter(is_active=True).select_related("authority"),
            "last_card": queries.last_card_of(request.user),
            "applications": queries.applications_of(request.user)[:5],
            "card_staff": is_card_staff(request.user),
        },
    )
