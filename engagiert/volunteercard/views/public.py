from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


def home(request: HttpRequest) -> HttpResponse:
    """What the card is, how to apply, where to verify, where the benefits are."""
    return TemplateResponse(request, "volunteercard/home.html", {})
