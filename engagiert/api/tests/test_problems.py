"""Every error of the API answers `application/problem+json` with German title and detail."""

import pytest
from rest_framework.exceptions import ValidationError

from engagiert.api.problems import field_errors
from engagiert.knowledge.api import ItemViewSet

from .world import seed

PROBLEM = "application/problem+json"


def _problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert body["type"] == "about:blank"
    return body


@pytest.mark.django_db
def test_unknown_address_is_a_problem_404(client):
    body = _problem(client.get("/api/v1/gibt-es-nicht/"), 404)
    assert body["title"] == "Nicht gefunden"
    assert body["detail"] == "Unter dieser Adresse gibt es keine Ressource."
    assert body["instance"] == "/api/v1/gibt-es-nicht/"


@pytest.mark.django_db
def test_unknown_object_and_page_are_problem_404(client):
    assert _problem(client.get("/api/v1/authorities/05999999/"), 404)["title"] == "Nicht gefunden"
    body = _problem(client.get("/api/v1/authorities/?page=99"), 404)
    assert body["detail"] == "Es gibt keine Seite 99."


@pytest.mark.django_db
def test_invalid_filter_is_a_problem_400_at_the_parameter(client):
    body = _problem(client.get("/api/v1/events/?when=morgen&kind=party"), 400)
    assert body["title"] == "Die Anfrage ist ungültig"
    assert {error["field"] for error in body["errors"]} == {"when", "kind"}
    assert "morgen ist keine gültige Auswahl" in body["errors"][0]["message"]


@pytest.mark.django_db
def test_page_size_is_capped(client, settings):
    settings.API_MAX_PAGE_SIZE = 2
    seed(3)
    page = client.get("/api/v1/knowledge-items/?page_size=1000").json()
    assert len(page["results"]) == 2
    assert page["count"] == 3


@pytest.mark.django_db
def test_too_many_requests_is_a_problem_429_per_client_address(client, settings):
    settings.API_ANON_RATE = "2/min"
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    for _ in range(2):
        assert (
            client.get(
                "/api/v1/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4"
            ).status_code
            == 200
        )
    response = client.get("/api/v1/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    body = _problem(response, 429)
    assert body["title"] == "Zu viele Anfragen"
    assert response["Retry-After"] == "60"
    # Another client behind the same proxy still gets answers.
    assert (
        client.get("/api/v1/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="5.6.7.8").status_code
        == 200
    )


@pytest.mark.django_db
def test_writing_is_a_problem_405(client):
    body = _problem(client.post("/api/v1/events/", {}, content_type="application/json"), 405)
    assert body["title"] == "Methode nicht erlaubt"


@pytest.mark.django_db
def test_unexpected_error_is_a_problem_500(client, monkeypatch):
    def broken(self):
        raise RuntimeError("kaputt")

    monkeypatch.setattr(ItemViewSet, "get_queryset", broken)
    body = _problem(client.get("/api/v1/knowledge-items/"), 500)
    assert body["title"] == "Serverfehler"
    assert "kaputt" not in body["detail"]


def test_field_errors_flatten_nested_details():
    detail = ValidationError({"a": ["eins"], "b": {"c": ["zwei"]}, "non_field_errors": ["drei"]})
    assert field_errors(detail.detail) == [
        {"field": "a", "message": "eins"},
        {"field": "b.c", "message": "zwei"},
        {"field": None, "message": "drei"},
    ]
