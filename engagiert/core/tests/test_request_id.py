"""Every unhandled error is logged with the id of its request, which the error page shows."""

import logging

import pytest
from django.test import Client
from django.urls import path

from engagiert import urls as project_urls
from engagiert.core.logs import RequestIdFilter


def broken_view(request):
    raise RuntimeError("the view broke")


urlpatterns = [path("kaputt/", broken_view), *project_urls.urlpatterns]
handler500 = project_urls.handler500


def _console_line(record: logging.LogRecord) -> str:
    """The record as the configured console handler writes it."""
    (console,) = [
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(item, RequestIdFilter) for item in handler.filters)
    ]
    return console.format(record)


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_unhandled_error_is_logged_with_request_id_shown_on_error_page(caplog):
    client = Client(raise_request_exception=False)

    response = client.get("/kaputt/")

    request_id = response["X-Request-ID"]
    assert response.status_code == 500
    assert request_id in response.content.decode()
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    line = _console_line(record)
    assert f"[{request_id}]" in line
    assert "RuntimeError: the view broke" in line


@pytest.mark.django_db
def test_each_request_gets_its_own_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]

    assert first != second
    assert len(first) == 32


@pytest.mark.django_db
def test_request_id_from_the_trusted_proxy_is_kept(client, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]  # the test client connects from 127.0.0.1

    response = client.get("/healthz", headers={"X-Request-ID": "proxy-7f3a9c01"})

    assert response["X-Request-ID"] == "proxy-7f3a9c01"


@pytest.mark.django_db
def test_request_id_from_an_untrusted_client_is_replaced(client):
    response = client.get("/healthz", headers={"X-Request-ID": "chosen-by-attacker"})

    assert response["X-Request-ID"] != "chosen-by-attacker"
