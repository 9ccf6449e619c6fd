"""Two-factor login: set up with a QR code and a first code, asked after the password, required
for the office and card staff, recovery codes once each, throttled, reset by the office."""

import re

import pyotp
import pytest
import zxingcpp
from django.test import Client
from PIL import Image

from engagiert.accounts import twofactor
from engagiert.accounts.models import RecoveryCode, Role, TwoFactor
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import PASSWORD, TwoFactorFactory, UserFactory
from engagiert.core.models import AuditEntry, OutboundMail
from engagiert.registry.tests.factories import AuthorityFactory

pytestmark = pytest.mark.django_db

LOGIN = "/konto/anmelden/"
VERIFY = "/konto/zwei-faktor/"
SETUP = "/konto/zwei-faktor/einrichten/"
CODES = "/konto/zwei-faktor/wiederherstellungscodes/"


def _password(client: Client, user, next_url: str = "") -> None:
    data = {"username": user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    client.post(LOGIN, data)


def _secret_from(page: str) -> str:
    found = re.search(r'id="two-factor-secret"[^>]*>([A-Z2-7 ]+)<', page)
    assert found
    return found.group(1).replace(" ", "")


def _qr_text(svg: str) -> str:
    """Decode the inline SVG's QR code: rasterise the runs of the one path and read it back."""
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    image = Image.new("L", (size * 4, size * 4), 255)
    for x, y, length in re.findall(r"M(\d+) (\d+)h(\d+)", svg):
        for dx in range(int(length) * 4):
            for dy in range(4):
                image.putpixel((int(x) * 4 + dx, int(y) * 4 + dy), 0)
    return zxingcpp.read_barcodes(image)[0].text


def test_setup_shows_a_qr_code_and_the_key_and_a_first_code_switches_it_on(client):
    user = UserFactory(email="erika@example.org")
    client.force_login(user)

    page = client.get(SETUP).content.decode()
    secret = _secret_from(page)
    uri = _qr_text(page[page.index("<svg") : page.index("</svg>")])
    assert uri.startswith("otpauth://totp/engagiert%20NRW:erika%40example.org?secret=" + secret)

    wrong = client.post(SETUP, {"code": "000000"})
    assert "Der Code stimmt nicht" in wrong.content.decode()
    assert not TwoFactor.objects.exists()

    response = client.post(SETUP, {"code": pyotp.TOTP(secret).now()})
    assert response["Location"] == CODES
    shown = client.get(CODES).content.decode()
    codes = re.findall(r"<code>([0-9a-f]{5}-[0-9a-f]{5})</code>", shown)
    assert len(codes) == 10
    assert TwoFactor.objects.get(user=user).secret == secret
    # Shown once; kept only as hashes.
    assert client.get(CODES)["Location"] == "/konto/sicherheit/"
    assert not RecoveryCode.objects.filter(code_hash__in=codes).exists()


def test_after_the_password_the_code_is_asked_and_then_the_page_asked_for_opens(client):
    device = TwoFactorFactory()
    _password(client, device.user, next_url="/veranstaltungen/meine/")

    assert client.get("/veranstaltungen/meine/")["Location"] == VERIFY
    assert "Code aus Ihrer Authenticator-App" in client.get(VERIFY).content.decode()
    response = client.post(VERIFY, {"code": pyotp.TOTP(device.secret).now()})

    assert response["Location"] == "/veranstaltungen/meine/"
    assert client.get("/veranstaltungen/meine/").status_code == 200


def test_a_code_works_once(client):
    device = TwoFactorFactory()
    code = pyotp.TOTP(device.secret).now()
    _password(client, device.user)
    client.post(VERIFY, {"code": code})
    client.post("/konto/abmelden/")

    _password(client, device.user)
    response = client.post(VERIFY, {"code": code})

    assert "Der Code stimmt nicht" in response.content.decode()
    assert client.get("/konto/")["Location"] == VERIFY


def test_a_recovery_code_replaces_the_app_once(client):
    user = UserFactory()
    codes = twofactor.two_factor_enable(
        user=user, secret=(secret := pyotp.random_base32()), code=pyotp.TOTP(secret).now()
    )
    _password(client, user)
    assert client.post(VERIFY, {"code": codes[3].upper()})["Location"] == "/konto/"
    client.post("/konto/abmelden/")

    _password(client, user)
    response = client.post(VERIFY, {"code": codes[3]})

    assert "Der Code stimmt nicht" in response.content.decode()
    assert twofactor.recovery_codes_left(user) == 9


@pytest.mark.parametrize("role", [Role.OFFICE, Role.CARD_STAFF])
def test_office_and_card_staff_must_set_it_up_before_any_other_page(client, role):
    user = UserFactory()
    scope = {"authority": AuthorityFactory()} if role == Role.CARD_STAFF else {}
    role_grant(user=user, role=role, **scope)
    _password(client, user)

    assert client.get("/konto/")["Location"] == SETUP
    assert client.get("/admin/")["Location"] == SETUP
    page = client.get(SETUP).content.decode()
    assert "Für Ihre Rolle erforderlich" in page
    client.post(SETUP, {"code": pyotp.TOTP(_secret_from(page)).now()})

    assert client.get("/konto/").status_code == 200
    # Required: it cannot be switched off.
    client.post("/konto/zwei-faktor/ausschalten/")
    assert TwoFactor.objects.filter(user=user).exists()


def test_the_role_list_is_a_setting(client, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    user = UserFactory()
    role_grant(user=user, role=Role.OFFICE)
    _password(client, user)

    assert client.get("/konto/").status_code == 200


def test_wrong_codes_pause_further_attempts(client, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    device = TwoFactorFactory()
    _password(client, device.user)
    for _attempt in range(3):
        client.post(VERIFY, {"code": "123456"})

    response = client.post(VERIFY, {"code": pyotp.TOTP(device.secret).now()})

    assert "Zu viele Fehlversuche" in response.content.decode()
    assert client.get("/konto/")["Location"] == VERIFY


def test_the_office_resets_a_lost_factor_audited_and_the_person_is_told(client):
    office = UserFactory()
    role_grant(user=office, role=Role.OFFICE)
    device = TwoFactorFactory(user=UserFactory(email="verloren@example.org"))
    client.force_login(office)

    found = client.get("/konto/zwei-faktor/personen/", {"email": "verloren"}).content.decode()
    url = f"/konto/zwei-faktor/personen/{device.user.pk}/zuruecksetzen/"
    assert url in found
    assert "Zweiten Faktor von" in client.get(url).content.decode()
    client.post(url)

    assert not TwoFactor.objects.filter(user=device.user).exists()
    mail = OutboundMail.objects.get(to_email="verloren@example.org")
    assert "zurückgesetzt" in mail.subject
    entry = AuditEntry.objects.filter(object_id=str(device.user.pk)).latest("pk")
    assert (entry.changes, entry.actor) == ({"two_factor": "reset"}, office)


def test_only_the_office_resets(client):
    device = TwoFactorFactory()
    client.force_login(UserFactory())

    url = f"/konto/zwei-faktor/personen/{device.user.pk}/zuruecksetzen/"

    assert client.post(url).status_code == 403
    assert TwoFactor.objects.filter(pk=device.pk).exists()
