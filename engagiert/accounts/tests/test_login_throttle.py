"""Login that cannot be guessed or blocked: every way to log in is throttled, by the account and
by the real client address (behind trusted proxies), and a new password lifts a pause. Also the
password reset for an account without a password and through the outbox."""

import re

import pyotp
import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from engagiert.accounts.models import User
from engagiert.accounts.tests.factories import PASSWORD, TwoFactorFactory, UserFactory
from engagiert.core.models import OutboundMail
from engagiert.core.outbox import outbox_dispatch

LOGIN_URL = "/konto/anmelden/"
ADMIN_LOGIN_URL = "/admin/login/"
RESET_URL = "/konto/passwort-vergessen/"
BLOCKED = "Zu viele Fehlversuche"
NEW_PASSWORD = "Frühlings-Wiese-am-Rhein-77"
PROXY = "10.0.0.1"


def _login(client: Client, email: str, password: str, url: str = LOGIN_URL, **meta: str):
    return client.post(url, {"username": email, "password": password}, **meta)


def _fail(client: Client, email: str, times: int, url: str = LOGIN_URL, **meta: str) -> None:
    for _attempt in range(times):
        assert BLOCKED not in _login(client, email, "falsch-123", url, **meta).content.decode()


def _logged_in(client: Client, user: User) -> bool:
    return client.session.get("_auth_user_id") == str(user.pk)


@pytest.mark.django_db
def test_locked_account_does_not_block_other_accounts_from_the_same_address(settings, officer):
    settings.LOGIN_FAILURE_LIMIT = 5
    colleague = UserFactory(email="kollegin@example.org")
    same_office = {"REMOTE_ADDR": "203.0.113.7"}
    _fail(Client(), officer.email, settings.LOGIN_FAILURE_LIMIT, **same_office)

    client = Client()
    response = _login(client, colleague.email, PASSWORD, **same_office)

    assert response.status_code == 302
    assert _logged_in(client, colleague)
    assert BLOCKED in _login(Client(), officer.email, PASSWORD, **same_office).content.decode()


@pytest.mark.django_db
def test_one_address_guessing_across_accounts_is_paused_at_the_address_limit(settings, officer):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    attacker = {"REMOTE_ADDR": "203.0.113.7"}
    for n in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT):
        _fail(Client(), f"erfunden{n}@example.org", 1, **attacker)

    assert BLOCKED in _login(Client(), officer.email, PASSWORD, **attacker).content.decode()
    elsewhere = _login(Client(), officer.email, PASSWORD, REMOTE_ADDR="198.51.100.20")
    assert elsewhere.status_code == 302


@pytest.mark.django_db
def test_clients_behind_a_trusted_proxy_are_throttled_by_their_own_address(settings, officer):
    """Behind the reverse proxy every request comes from the proxy; the client is named in
    X-Forwarded-For. One guessing client must not lock out everybody else."""
    settings.TRUSTED_PROXIES = [PROXY]
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    for n in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT):
        _fail(Client(), f"erfunden{n}@example.org", 1, **attacker)

    visitor = Client()
    response = _login(
        visitor, officer.email, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.20"
    )

    assert response.status_code == 302
    assert _logged_in(visitor, officer)
    assert BLOCKED in _login(Client(), officer.email, PASSWORD, **attacker).content.decode()


@pytest.mark.django_db
def test_x_forwarded_for_from_an_untrusted_address_changes_nothing(settings, officer):
    """Without a trusted proxy, a guesser cannot escape the address limit by inventing
    X-Forwarded-For values."""
    settings.TRUSTED_PROXIES = []
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    for n in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT):
        _fail(
            Client(),
            f"erfunden{n}@example.org",
            1,
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )

    response = _login(
        Client(),
        officer.email,
        PASSWORD,
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )

    assert BLOCKED in response.content.decode()


@pytest.mark.django_db
def test_admin_login_is_throttled_and_shares_the_count_with_the_login_page(settings, office_user):
    settings.LOGIN_FAILURE_LIMIT = 5
    _fail(Client(), office_user.email, 3, REMOTE_ADDR="203.0.113.7")
    _fail(Client(), office_user.email, 2, ADMIN_LOGIN_URL, REMOTE_ADDR="198.51.100.20")

    client = Client()
    response = _login(client, office_user.email, PASSWORD, ADMIN_LOGIN_URL)

    assert response.status_code == 200
    assert BLOCKED in response.content.decode()
    assert not _logged_in(client, office_user)


@pytest.mark.django_db
def test_admin_login_lets_the_office_in_below_the_limit_after_the_second_factor(office_user):
    device = TwoFactorFactory(user=office_user)
    client = Client()

    response = _login(client, office_user.email, PASSWORD, ADMIN_LOGIN_URL)

    assert response.status_code == 302
    assert client.get("/admin/events/event/")["Location"] == "/konto/zwei-faktor/"
    client.post("/konto/zwei-faktor/", {"code": pyotp.TOTP(device.secret).now()})
    assert client.get("/admin/events/event/").status_code == 200


def _reset_path(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"/konto/passwort-neu/{uid}/{default_token_generator.make_token(user)}/"


def _choose_password(client: Client, reset_path: str) -> None:
    set_password_url = client.get(reset_path)["Location"]
    saved = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert saved["Location"] == "/konto/passwort-neu/fertig/"


@pytest.mark.django_db
def test_password_reset_lifts_the_accounts_lockout(settings, officer):
    _fail(Client(), officer.email, settings.LOGIN_FAILURE_LIMIT, REMOTE_ADDR="203.0.113.7")
    assert BLOCKED in _login(Client(), officer.email, PASSWORD).content.decode()

    _choose_password(Client(), _reset_path(officer))

    client = Client()
    assert _login(client, officer.email, NEW_PASSWORD).status_code == 302
    assert _logged_in(client, officer)


@pytest.mark.django_db
def test_password_change_lifts_the_accounts_lockout(settings, office_user):
    _fail(Client(), office_user.email, settings.LOGIN_FAILURE_LIMIT)
    office = Client()
    office.force_login(office_user)

    changed = office.post(
        "/admin/password_change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert changed["Location"] == "/admin/password_change/done/"
    client = Client()
    assert _login(client, office_user.email, NEW_PASSWORD).status_code == 302
    assert _logged_in(client, office_user)


# Password reset through the outbox ----------------------------------------------------------


def _reset_link_in(message: mail.EmailMessage) -> str:
    match = re.search(r"https?://[^/\s]+(/konto/passwort-neu/[^/\s]+/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.mark.django_db
def test_password_reset_mail_waits_in_the_outbox_while_the_mail_server_is_away(settings):
    UserFactory(email="geduldig@example.org")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2

    response = Client().post(RESET_URL, {"email": "geduldig@example.org"})
    assert outbox_dispatch().server_unreachable

    assert response["Location"] == "/konto/passwort-vergessen/gesendet/"
    queued = OutboundMail.objects.get(to_email="geduldig@example.org")
    assert queued.status == OutboundMail.Status.QUEUED
    assert queued.subject == "Ihr neues Passwort für engagiert in NRW"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboundMail.objects.update(next_attempt_at=timezone.now())
    outbox_dispatch()
    assert [m.to for m in mail.outbox] == [["geduldig@example.org"]]


@pytest.mark.django_db
def test_forgot_password_works_for_an_account_without_a_password():
    """A development team member's account is created without a password; when the welcome
    link has expired, »Passwort vergessen« must still reach them."""
    member = User.objects.create_user("team@example.org", None)
    assert not member.has_usable_password()

    Client().post(RESET_URL, {"email": "Team@Example.org"})
    outbox_dispatch()

    [message] = mail.outbox
    assert message.to == ["team@example.org"]
    _choose_password(Client(), _reset_link_in(message))
    assert _login(Client(), "team@example.org", NEW_PASSWORD).status_code == 302


@pytest.mark.django_db
def test_forgot_password_sends_nothing_to_a_deactivated_account():
    UserFactory(email="ehemals@example.org", is_active=False)

    Client().post(RESET_URL, {"email": "ehemals@example.org"})
    outbox_dispatch()

    assert mail.outbox == []


# The office in the admin, without superuser ---------------------------------------------------


@pytest.mark.django_db
def test_office_cannot_make_anyone_a_superuser_in_the_admin(office_user, officer):
    client = Client()
    client.force_login(office_user)
    url = f"/admin/accounts/user/{officer.pk}/change/"

    page = client.get(url).content.decode()

    assert 'name="is_superuser"' not in page
    assert 'name="is_staff"' in page
