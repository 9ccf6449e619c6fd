"""Logging in and out, the personal start page, password reset by e-mail and the admin."""

import email
import re
import socket
from email import policy
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import PASSWORD, UserFactory
from engagiert.core.outbox import outbox_dispatch
from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory

LOGIN_URL = "/konto/anmelden/"
RESET_URL = "/konto/passwort-vergessen/"
NEW_PASSWORD = "Frühlings-Wiese-am-Rhein-77"


def _logged_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


# Login and start page -----------------------------------------------------------------------


@pytest.mark.django_db
def test_login_view_with_email_and_password_opens_the_officers_start_page(client):
    authority = AuthorityFactory(name="Hückeswagen")
    user = UserFactory(email="ehrenamt@hueckeswagen.example")
    role_grant(user=user, role=Role.OFFICER, authority=authority)

    response = client.post(
        LOGIN_URL, {"username": "ehrenamt@hueckeswagen.example", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == "/konto/"
    assert _logged_in_user_id(client) == str(user.pk)
    page = client.get("/konto/").content.decode()
    assert "Mein Bereich" in page
    assert "Hückeswagen" in page
    assert f'href="/netzwerk/{authority.ags}/profil/"' in page


@pytest.mark.django_db
def test_login_view_follows_next_to_the_page_asked_for(client, officer, authority):
    edit_url = f"/netzwerk/{authority.ags}/profil/"

    response = client.post(
        f"{LOGIN_URL}?next={edit_url}",
        {"username": officer.email, "password": PASSWORD, "next": edit_url},
    )

    assert response.status_code == 302
    assert response["Location"] == edit_url


@pytest.mark.django_db
def test_login_view_shows_german_form(client):
    response = client.get(LOGIN_URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Anmelden" in page
    assert "E-Mail-Adresse" in page
    assert 'href="/konto/passwort-vergessen/"' in page


ROLE_TITLES = [
    ("office", "Netzwerkbüro"),
    ("officer", "Engagementverantwortliche/r"),
    ("development_team", "Mitglied im Entwicklungsteam"),
    ("leader", "Verwaltungsspitze"),
    ("organisation", "Mitglied einer Organisation"),
    ("volunteer", "Freiwillige/r"),
    ("benefit_partner", "Akzeptanzstelle"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "title"), ROLE_TITLES)
def test_dashboard_view_shows_german_role_title(client, role, title):
    user = UserFactory()
    scope: dict[str, Any] = {}
    if role in {"officer", "development_team", "leader"}:
        scope["authority"] = AuthorityFactory(name="Olpe")
    elif role in {"organisation", "benefit_partner"}:
        scope["organisation"] = OrganisationFactory(name="Tafel Olpe e.V.")
    role_grant(user=user, role=Role(role), **scope)
    client.force_login(user)

    response = client.get("/konto/")

    assert response.status_code == 200
    page = response.content.decode()
    assert f'class="kern-title">{title}' in page
    if scope:
        assert "Olpe" in page
    others = [other for name, other in ROLE_TITLES if name != role]
    assert not [other for other in others if f'class="kern-title">{other}' in page]


@pytest.mark.django_db
def test_dashboard_view_without_role_asks_to_contact_the_office(client):
    user = UserFactory(first_name="Jana", last_name="Özdemir")
    client.force_login(user)

    page = client.get("/konto/").content.decode()

    assert "Willkommen, Jana Özdemir" in page
    assert not re.search(r'class="kern-title">(Netzwerkbüro|Freiwillige/r)', page)


@pytest.mark.django_db
def test_dashboard_view_requires_login(client):
    response = client.get("/konto/")

    assert response.status_code == 302
    assert response["Location"] == "/konto/anmelden/?next=/konto/"


@pytest.mark.django_db
def test_logout_view_is_post_only_and_ends_the_session(client, officer):
    client.force_login(officer)

    refused = client.get("/konto/abmelden/")
    assert refused.status_code == 405
    assert _logged_in_user_id(client) == str(officer.pk)

    response = client.post("/konto/abmelden/")

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert _logged_in_user_id(client) is None
    assert client.get("/konto/")["Location"].startswith(LOGIN_URL)
    assert "Anmelden" in client.get("/").content.decode()


# Failed logins and throttling ---------------------------------------------------------------


@pytest.mark.django_db
def test_login_view_wrong_password_shows_german_error(client, officer):
    response = client.post(LOGIN_URL, {"username": officer.email, "password": "falsch-falsch-1"})

    assert response.status_code == 200
    assert "E-Mail-Adresse oder Passwort ist nicht korrekt" in response.content.decode()
    assert _logged_in_user_id(client) is None


@pytest.mark.django_db
def test_login_view_unknown_address_shows_the_same_error(client):
    response = client.post(LOGIN_URL, {"username": "niemand@example.org", "password": PASSWORD})

    assert response.status_code == 200
    assert "E-Mail-Adresse oder Passwort ist nicht korrekt" in response.content.decode()


@pytest.mark.django_db
def test_login_view_blocks_account_after_failure_limit(client, settings, officer):
    address = {"REMOTE_ADDR": "203.0.113.7"}
    for _attempt in range(settings.LOGIN_FAILURE_LIMIT):
        failed = client.post(
            LOGIN_URL, {"username": officer.email, "password": "falsch-123"}, **address
        )
        assert "Zu viele Fehlversuche" not in failed.content.decode()

    response = client.post(LOGIN_URL, {"username": officer.email, "password": PASSWORD}, **address)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Zu viele Fehlversuche" in page
    assert "E-Mail-Adresse oder Passwort ist nicht korrekt" not in page
    assert _logged_in_user_id(client) is None


@pytest.mark.django_db
def test_login_view_block_does_not_reach_other_accounts_elsewhere(client, settings, officer):
    other = UserFactory(email="andere@example.org")
    for _attempt in range(settings.LOGIN_FAILURE_LIMIT):
        client.post(
            LOGIN_URL,
            {"username": officer.email, "password": "falsch-123"},
            REMOTE_ADDR="203.0.113.7",
        )

    response = client.post(
        LOGIN_URL, {"username": other.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.20"
    )

    assert response.status_code == 302
    assert _logged_in_user_id(client) == str(other.pk)


@pytest.mark.django_db
def test_login_view_blocks_the_account_from_another_address_too(client, settings, officer):
    for _attempt in range(settings.LOGIN_FAILURE_LIMIT):
        client.post(
            LOGIN_URL,
            {"username": officer.email, "password": "falsch-123"},
            REMOTE_ADDR="203.0.113.7",
        )

    response = client.post(
        LOGIN_URL, {"username": officer.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.20"
    )

    assert "Zu viele Fehlversuche" in response.content.decode()
    assert _logged_in_user_id(client) is None


# Password reset by e-mail through a real SMTP server ----------------------------------------


class _Mailbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.recipients: list[list[str]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.recipients.append(list(envelope.rcpt_tos))
        self.messages.append(
            email.message_from_bytes(envelope.original_content, policy=policy.default)
        )
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def mailbox(settings):
    """A real SMTP server on 127.0.0.1; Django sends to it through its SMTP backend."""
    handler = _Mailbox()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield handler
    controller.stop()


def _without_csrf(page: str) -> str:
    return re.sub(r'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+', r"\1", page)


def _plain_text(message: email.message.EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return part.get_content()


def _reset_link(message: email.message.EmailMessage) -> str:
    body = _plain_text(message)
    match = re.search(r"http://testserver(/konto/passwort-neu/[^/\s]+/[^/\s]+/)", body)
    assert match, body
    return match.group(1)


@pytest.mark.django_db
def test_password_reset_view_sends_german_mail_and_link_sets_new_password(client, mailbox):
    user = UserFactory(email="kaethe.mueller@example.org")

    response = client.post(RESET_URL, {"email": "Kaethe.Mueller@example.org"}, follow=True)
    outbox_dispatch()

    assert response.redirect_chain == [("/konto/passwort-vergessen/gesendet/", 302)]
    assert "Bitte sehen Sie in Ihr E-Mail-Postfach" in response.content.decode()
    assert mailbox.recipients == [["kaethe.mueller@example.org"]]
    message = mailbox.messages[0]
    assert message["Subject"] == "Ihr neues Passwort für engagiert in NRW"
    assert message["To"] == "kaethe.mueller@example.org"
    assert message.get_content_charset() == "utf-8"
    body = _plain_text(message)
    assert "Guten Tag," in body
    assert "kaethe.mueller@example.org" in body
    assert "können Sie diese E-Mail ignorieren" in body
    assert "Ihr Netzwerkbüro" in body
    link = _reset_link(message)

    opened = client.get(link)
    assert opened.status_code == 302
    set_password_url = opened["Location"]
    assert set_password_url.endswith("/set-password/")
    form = client.get(set_password_url)
    assert "Neues Passwort festlegen" in form.content.decode()
    saved = client.post(
        set_password_url,
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )

    assert saved.redirect_chain == [("/konto/passwort-neu/fertig/", 302)]
    assert "Ihr neues Passwort ist gespeichert" in saved.content.decode()
    old_login = client.post(LOGIN_URL, {"username": user.email, "password": PASSWORD})
    assert "E-Mail-Adresse oder Passwort ist nicht korrekt" in old_login.content.decode()
    new_login = client.post(LOGIN_URL, {"username": user.email, "password": NEW_PASSWORD})
    assert new_login.status_code == 302
    assert _logged_in_user_id(client) == str(user.pk)


@pytest.mark.django_db
def test_password_reset_confirm_view_refuses_a_used_link(client, mailbox):
    UserFactory(email="einmal@example.org")
    client.post(RESET_URL, {"email": "einmal@example.org"})
    outbox_dispatch()
    link = _reset_link(mailbox.messages[0])
    set_password_url = client.get(link)["Location"]
    client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    for visitor in (client, client.__class__()):
        response = visitor.get(link, follow=True)

        assert response.status_code == 200
        page = response.content.decode()
        assert "Dieser Link ist nicht mehr gültig" in page
        assert 'name="new_password1"' not in page


@pytest.mark.django_db
def test_password_reset_view_unknown_address_looks_the_same_and_sends_nothing(client, mailbox):
    UserFactory(email="bekannt@example.org")

    unknown = client.post(RESET_URL, {"email": "unbekannt@example.org"}, follow=True)
    known = client.post(RESET_URL, {"email": "bekannt@example.org"}, follow=True)
    outbox_dispatch()

    assert unknown.redirect_chain == known.redirect_chain
    assert _without_csrf(unknown.content.decode()) == _without_csrf(known.content.decode())
    assert "Bitte sehen Sie in Ihr E-Mail-Postfach" in unknown.content.decode()
    assert mailbox.recipients == [["bekannt@example.org"]]


# Django admin ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_index_open_for_the_office(client, office_user):
    client.force_login(office_user)

    response = client.get("/admin/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Netzwerkbüro" in page
    assert "engagiert – Verwaltung" in page


@pytest.mark.django_db
def test_admin_index_closed_for_an_officer(client, officer):
    client.force_login(officer)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"


@pytest.mark.django_db
def test_login_view_ignores_the_capitalisation_of_the_email_address(client):
    UserFactory(email="max.muster@stadt.example")
    response = client.post(
        "/konto/anmelden/", {"username": "Max.Muster@Stadt.Example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == "/konto/"


@pytest.mark.django_db
def test_admin_user_creation_refuses_an_address_that_differs_only_in_case(client, office_user):
    client.force_login(office_user)
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "email": "BUERO@Example.org",
            "usable_password": "true",
            "password1": "ein-langes-Passwort-1",
            "password2": "ein-langes-Passwort-1",
        },
    )
    assert response.status_code == 200
    assert "existiert bereits" in response.content.decode()
