"""Request-wide protections: control characters refused, a content security policy everywhere."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/kommunen/%00/",
        "/wissen/?topic=%00",
        "/veranstaltungen/kalender/%00.ics",
        "/suche/?q=a%00b",
        "/?%00=1",
        "/kommunen/%1b[31m/",
    ],
)
def test_control_characters_in_path_or_query_answer_400(client, url):
    response = client.get(url)

    assert response.status_code == 400
    assert "Zeichen, die nicht erlaubt sind" in response.content.decode()


@pytest.mark.django_db
def test_line_breaks_in_a_search_query_are_still_searched(client):
    response = client.get("/suche/?q=Ehrenamt%0D%0Aim+Sport")

    assert response.status_code == 200


@pytest.mark.django_db
def test_admin_login_sends_a_content_security_policy_without_inline_code(client):
    response = client.get("/admin/login/")

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self';" in policy
    assert "unsafe-inline" not in policy


def _raising(error):
    def view(request):
        raise error

    return view


@pytest.mark.django_db
def test_a_locked_embedded_database_answers_503_please_send_again_not_500(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.db import OperationalError

    from engagiert.core.middleware import DatabaseBusyMiddleware

    request = rf.post("/mitmachen/aktionen/schichten/1/eintragen/")
    request.user = AnonymousUser()
    middleware = DatabaseBusyMiddleware(_raising(OperationalError("database is locked")))
    response = middleware.process_exception(request, OperationalError("database is locked"))

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Nichts wurde geändert" in response.content.decode()


def test_any_other_database_error_is_left_to_the_error_handling(rf):
    from django.db import OperationalError

    from engagiert.core.middleware import DatabaseBusyMiddleware

    middleware = DatabaseBusyMiddleware(_raising(OperationalError("no such table")))

    assert middleware.process_exception(rf.get("/"), OperationalError("no such table")) is None
