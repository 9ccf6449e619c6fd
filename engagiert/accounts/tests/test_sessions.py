"""A person sees where they are logged in and ends a session; a new password ends the others;
a login from a browser new to them is announced by mail."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from engagiert.accounts.models import UserSession
from engagiert.accounts.sessions import address_short, device_label
from engagiert.accounts.tests.factories import PASSWORD, UserFactory
from engagiert.core.models import OutboundMail

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


def _browser(user, agent: str, address: str = "203.0.113.7") -> Client:
    client = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
    client.post("/konto/anmelden/", {"username": user.email, "password": PASSWORD})
    return client


def test_device_and_network_are_shown_in_words():
    assert device_label(FIREFOX) == "Firefox · Windows"
    assert device_label(SAFARI) == "Safari · iOS"
    assert address_short("203.0.113.7") == "203.0.113.0/24"
    assert address_short("2001:db8:1234:5678::1") == "2001:db8:1234::/48"


def test_the_security_page_lists_the_sessions_and_marks_this_one():
    user = UserFactory()
    _browser(user, SAFARI, "198.51.100.20")
    here = _browser(user, FIREFOX)

    page = here.get("/konto/sicherheit/").content.decode()

    assert "<strong>Firefox · Windows</strong> (dieses Gerät)" in page
    assert "Safari · iOS" in page
    assert "198.51.100.0/24" in page
    assert "198.51.100.20" not in page


def test_ending_a_session_logs_that_browser_out():
    user = UserFactory()
    phone = _browser(user, SAFARI)
    desk = _browser(user, FIREFOX)
    other = UserSession.objects.get(device="Safari · iOS")

    desk.post(f"/konto/sicherheit/sitzungen/{other.pk}/beenden/")

    assert phone.get("/konto/")["Location"].startswith("/konto/anmelden/")
    assert desk.get("/konto/").status_code == 200


def test_nobody_ends_someone_elses_session():
    phone = _browser(UserFactory(), SAFARI)
    intruder = _browser(UserFactory(), FIREFOX)
    session = UserSession.objects.get(device="Safari · iOS")

    assert intruder.post(f"/konto/sicherheit/sitzungen/{session.pk}/beenden/").status_code == 404
    assert phone.get("/konto/").status_code == 200


def test_a_new_password_ends_every_other_session():
    user = UserFactory()
    phone = _browser(user, SAFARI)
    desk = _browser(user, FIREFOX)

    desk.post(
        "/konto/passwort-aendern/",
        {
            "old_password": PASSWORD,
            "new_password1": "Neues-Passwort-am-Rhein-2026",
            "new_password2": "Neues-Passwort-am-Rhein-2026",
        },
    )

    assert phone.get("/konto/")["Location"].startswith("/konto/anmelden/")
    assert desk.get("/konto/").status_code == 200
    assert list(UserSession.objects.values_list("device", flat=True)) == ["Firefox · Windows"]


def test_a_login_from_a_new_browser_is_announced_not_the_first_nor_a_known_one():
    user = UserFactory(email="erika@example.org")
    _browser(user, FIREFOX)
    _browser(user, FIREFOX)
    assert not OutboundMail.objects.exists()

    _browser(user, SAFARI, "198.51.100.20")

    mail = OutboundMail.objects.get()
    assert (mail.to_email, mail.subject) == ("erika@example.org", "Neue Anmeldung bei Ihrem Konto")
    assert "Safari · iOS, Netz 198.51.100.0/24" in mail.text


def test_logging_out_removes_the_session_from_the_list():
    user = UserFactory()
    desk = _browser(user, FIREFOX)

    desk.post("/konto/abmelden/")

    assert not UserSession.objects.exists()
    assert not Session.objects.filter(session_key__in=UserSession.objects.values("session_key"))
