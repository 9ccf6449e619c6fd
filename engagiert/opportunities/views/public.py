from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


def home(request: HttpRequest) -> HttpResponse:
    """Ways to help near you: opportunities, shifts, organisations."""
    return TemplateResponse(request, "opportunities/home.html", {})
