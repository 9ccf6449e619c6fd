"""Passkeys: added on the security page after the password, used as the second factor or to log
in without a password; every answer is a real WebAuthn answer checked by py_webauthn."""

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone
from webauthn.helpers import bytes_to_base64url

from engagiert.accounts import passkeys, twofactor
from engagiert.accounts.models import Passkey, Role, UserSession
from engagiert.accounts.services import role_grant
from engagiert.accounts.system_checks import webauthn_relying_party
from engagiert.accounts.tests.authenticator import SoftwareAuthenticator
from engagiert.accounts.tests.factories import PASSWORD, TwoFactorFactory, UserFactory
from engagiert.core.models import AuditEntry, OutboundMail

pytestmark = pytest.mark.django_db

ORIGIN = "http://localhost:8000"
LOGIN = "/konto/anmelden/"
VERIFY = "/konto/zwei-faktor/"
ADD_OPTIONS = "/konto/sicherheit/passkeys/optionen/"
ADD = "/konto/sicherheit/passkeys/"
VERIFY_OPTIONS = "/konto/zwei-faktor/passkey/optionen/"
VERIFY_ANSWER = "/konto/zwei-faktor/passkey/"
SIGN_IN_OPTIONS = "/konto/anmelden/passkey/optionen/"
SIGN_IN = "/konto/anmelden/passkey/"


@pytest.fixture(autouse=True)
def _relying_party(settings):
    settings.WEBAUTHN_ORIGIN = ORIGIN
    settings.WEBAUTHN_RP_ID = "localhost"


def _post_json(client: Client, url: str, credential: object) -> tuple[int, dict]:
    response = client.post(url, {"credential": credential}, content_type="application/json")
    return response.status_code, response.json()


def _add(client: Client, device: SoftwareAuthenticator, name: str = "Laptop") -> tuple[int, dict]:
    options = client.post(ADD_OPTIONS, {"name": name, "password": PASSWORD})
    assert options.status_code == 200, options.content
    return _post_json(client, ADD, device.create(options.content))


def _with_passkey(user, name: str = "Laptop") -> SoftwareAuthenticator:
    client = Client()
    client.force_login(user)
    device = SoftwareAuthenticator(origin=ORIGIN)
    assert _add(client, device, name)[0] == 200
    return device


def _password(client: Client, user) -> None:
    client.post(LOGIN, {"username": user.email, "password": PASSWORD})


def _second_factor(client: Client, device: SoftwareAuthenticator) -> tuple[int, dict]:
    options = client.post(VERIFY_OPTIONS)
    assert options.status_code == 200, options.content
    return _post_json(client, VERIFY_ANSWER, device.get(options.content))


def _sign_in(client: Client, device: SoftwareAuthenticator) -> tuple[int, dict]:
    return _post_json(client, SIGN_IN, device.get(client.post(SIGN_IN_OPTIONS).content))


def test_a_passkey_is_added_after_the_password_and_the_person_is_told(client, mailoutbox):
    user = UserFactory(email="erika@example.org")
    client.force_login(user)
    device = SoftwareAuthenticator(origin=ORIGIN)

    status, data = _add(client, device, "Laptop im Büro")

    assert (status, data) == (200, {"redirect": "/konto/sicherheit/"})
    passkey = Passkey.objects.get(user=user)
    assert (passkey.name, passkey.transports, passkey.last_used_at) == (
        "Laptop im Büro",
        ["internal"],
        None,
    )
    assert bytes_to_base64url(device.user_handle) == passkey.user_handle
    mail = OutboundMail.objects.get(to_email=user.email)
    assert mail.subject == "Ein Passkey wurde Ihrem Konto hinzugefügt"
    assert "»Laptop im Büro«" in mail.text
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.CREATE, object_repr__contains="Laptop im Büro"
    ).exists()
    page = client.get("/konto/sicherheit/").content.decode()
    assert "Laptop im Büro" in page
    assert "Zuletzt benutzt: noch nicht" in page


def test_the_options_ask_for_user_verification_and_a_resident_key_and_exclude_known_passkeys(
    client,
):
    user = UserFactory()
    _with_passkey(user)
    client.force_login(user)

    options = client.post(ADD_OPTIONS, {"name": "Telefon", "password": PASSWORD}).json()

    assert options["rp"]["id"] == "localhost"
    assert options["authenticatorSelection"]["residentKey"] == "preferred"
    assert options["authenticatorSelection"]["userVerification"] == "preferred"
    known = Passkey.objects.get(user=user).credential_id
    assert [item["id"] for item in options["excludeCredentials"]] == [known]


def test_adding_needs_the_right_password_and_a_name_each_said_at_the_field(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(ADD_OPTIONS, {"name": "", "password": "falsch"})

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "name": ["Dieses Feld ist zwingend erforderlich."],
        "password": ["Das Passwort ist nicht richtig."],
    }
    assert passkeys.CHALLENGE not in client.session


def test_a_challenge_works_once(client):
    user = UserFactory()
    client.force_login(user)
    device = SoftwareAuthenticator(origin=ORIGIN)
    options = client.post(ADD_OPTIONS, {"name": "Laptop", "password": PASSWORD})
    credential = device.create(options.content)

    assert _post_json(client, ADD, credential)[0] == 200
    status, data = _post_json(client, ADD, credential)

    assert status == 400
    assert data["error"] == "Die Passkey-Anfrage ist abgelaufen. Bitte versuchen Sie es erneut."
    assert Passkey.objects.count() == 1


def test_an_expired_challenge_is_refused(client, monkeypatch):
    user = UserFactory()
    client.force_login(user)
    device = SoftwareAuthenticator(origin=ORIGIN)
    options = client.post(ADD_OPTIONS, {"name": "Laptop", "password": PASSWORD})
    later = timezone.now() + datetime.timedelta(seconds=passkeys.CHALLENGE_SECONDS + 1)
    monkeypatch.setattr(passkeys.timezone, "now", lambda: later)

    status, data = _post_json(client, ADD, device.create(options.content))

    assert status == 400
    assert "abgelaufen" in data["error"]
    assert not Passkey.objects.exists()


def test_an_answer_from_another_origin_is_refused(client):
    user = UserFactory()
    client.force_login(user)
    device = SoftwareAuthenticator(origin="https://engagiert.example.net")

    status, data = _add(client, device)

    assert status == 400
    assert (
        data["error"] == "Der Passkey konnte nicht bestätigt werden. Bitte versuchen Sie es erneut."
    )
    assert not Passkey.objects.exists()


def test_a_passkey_is_the_second_factor_after_the_password(client):
    user = UserFactory()
    device = _with_passkey(user)
    _password(client, user)
    assert client.get("/konto/").url == VERIFY
    page = client.get(VERIFY).content.decode()
    assert "Mit Passkey bestätigen" in page
    assert 'name="code"' not in page

    status, data = _second_factor(client, device)

    assert (status, data) == (200, {"redirect": "/konto/"})
    assert client.get("/konto/").status_code == 200
    passkey = Passkey.objects.get(user=user)
    assert passkey.sign_count == 1
    assert passkey.last_used_at is not None
    assert UserSession.objects.filter(user=user).count() == 1


def test_the_second_factor_page_offers_both_when_the_person_has_app_and_passkey(client):
    user = UserFactory()
    TwoFactorFactory(user=user)
    _with_passkey(user)
    _password(client, user)

    page = client.get(VERIFY).content.decode()

    assert "Mit Passkey bestätigen" in page
    assert 'name="code"' in page


def test_a_passkey_satisfies_the_office_s_required_second_factor(client):
    user = UserFactory()
    role_grant(user=user, role=Role.OFFICE)
    device = _with_passkey(user)
    _password(client, user)

    assert twofactor.pending(client.session) == twofactor.VERIFY  # not asked to set up the app
    assert _second_factor(client, device)[0] == 200
    assert client.get("/konto/").status_code == 200


def test_another_person_s_passkey_is_refused_as_second_factor(client):
    user, other = UserFactory(), UserFactory()
    _with_passkey(user)
    others_device = _with_passkey(other)
    _password(client, user)

    status, data = _second_factor(client, others_device)

    assert status == 400
    assert data["error"] == "Dieser Passkey gehört nicht zu Ihrem Konto."
    assert client.get("/konto/").url == VERIFY
    assert twofactor.throttle.attempts(twofactor.THROTTLE_SCOPE, str(user.pk)) == 1


def test_a_signature_count_that_goes_back_betrays_a_copy_and_is_refused(client):
    user = UserFactory()
    device = _with_passkey(user)
    _password(client, user)
    assert _second_factor(client, device)[0] == 200
    client.post("/konto/abmelden/")
    device.sign_count = 0  # a copy made before the last use: its count is behind
    _password(client, user)

    status, data = _second_factor(client, device)

    assert status == 400
    assert data["error"].startswith("Dieser Passkey wurde abgelehnt")
    assert client.get("/konto/").url == VERIFY
    entry = AuditEntry.objects.filter(object_repr__contains="Laptop").latest("pk")
    assert "signature count did not grow" in entry.changes["passkey"]
    assert Passkey.objects.get(user=user).sign_count == 1


def test_failed_passkey_attempts_count_with_wrong_codes_and_pause_the_second_step(client, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    user = UserFactory()
    device = _with_passkey(user)
    stranger = SoftwareAuthenticator(origin=ORIGIN)
    _password(client, user)
    client.post(VERIFY, {"code": "000000"})  # a wrong code: no app, so it fails
    assert _second_factor(client, stranger)[0] == 400

    status, data = _second_factor(client, device)

    assert status == 400
    assert data["error"].startswith("Zu viele Fehlversuche")


def test_a_passkey_alone_logs_in_without_a_password(client):
    user = UserFactory()
    role_grant(user=user, role=Role.OFFICE)  # both factors at once: no code asked afterwards
    device = _with_passkey(user)
    options = json.loads(client.post(SIGN_IN_OPTIONS).content)
    assert options["allowCredentials"] == []
    assert options["userVerification"] == "required"

    status, data = _post_json(client, SIGN_IN, device.get(json.dumps(options)))

    assert (status, data) == (200, {"redirect": "/konto/"})
    assert client.get("/konto/").status_code == 200
    assert UserSession.objects.filter(user=user).count() == 1


def test_logging_in_without_password_needs_user_verification(client):
    user = UserFactory()
    device = _with_passkey(user)
    device.verifies_user = False

    status, _data = _sign_in(client, device)

    assert status == 400
    assert client.get("/konto/").status_code == 302


def test_an_unknown_passkey_is_refused_with_a_message(client):
    status, data = _sign_in(client, SoftwareAuthenticator(origin=ORIGIN))

    assert status == 400
    assert data["error"] == (
        "Dieser Passkey ist hier für kein Konto registriert. Bitte melden Sie sich mit Ihrem "
        "Passwort an."
    )


def test_a_removed_passkey_no_longer_opens_the_account_and_the_person_is_told(client):
    user = UserFactory()
    device = _with_passkey(user, "Telefon")
    client.force_login(user)
    passkey = Passkey.objects.get(user=user)
    confirm = client.get(f"/konto/sicherheit/passkeys/{passkey.pk}/entfernen/")
    assert "»Telefon« entfernen?" in confirm.content.decode()

    client.post(f"/konto/sicherheit/passkeys/{passkey.pk}/entfernen/")
    client.post("/konto/abmelden/")

    assert not Passkey.objects.exists()
    assert OutboundMail.objects.filter(
        subject="Ein Passkey wurde aus Ihrem Konto entfernt"
    ).exists()
    assert _sign_in(client, device)[0] == 400


def test_the_last_passkey_of_the_office_without_app_stays(client):
    user = UserFactory()
    role_grant(user=user, role=Role.OFFICE)
    _with_passkey(user)
    client.force_login(user)
    passkey = Passkey.objects.get(user=user)

    response = client.post(f"/konto/sicherheit/passkeys/{passkey.pk}/entfernen/", follow=True)

    assert Passkey.objects.filter(pk=passkey.pk).exists()
    assert "Ihre Rolle erfordert die Zwei-Faktor-Anmeldung" in response.content.decode()


def test_a_passkey_is_renamed_and_an_empty_name_is_said_at_the_field(client):
    user = UserFactory()
    _with_passkey(user)
    client.force_login(user)
    passkey = Passkey.objects.get(user=user)
    url = f"/konto/sicherheit/passkeys/{passkey.pk}/umbenennen/"

    empty = client.post(url, {"name": "  "})
    client.post(url, {"name": "Schlüssel am Bund"})

    assert "Dieses Feld ist zwingend erforderlich." in empty.content.decode()
    assert Passkey.objects.get(pk=passkey.pk).name == "Schlüssel am Bund"


def test_another_person_s_passkey_cannot_be_renamed_or_removed(client):
    owner = UserFactory()
    _with_passkey(owner)
    passkey = Passkey.objects.get(user=owner)
    client.force_login(UserFactory())

    assert client.post(f"/konto/sicherheit/passkeys/{passkey.pk}/umbenennen/").status_code == 404
    assert client.post(f"/konto/sicherheit/passkeys/{passkey.pk}/entfernen/").status_code == 404
    assert Passkey.objects.filter(pk=passkey.pk, name="Laptop").exists()


def test_the_office_s_reset_removes_the_passkeys_too():
    user = UserFactory()
    _with_passkey(user)

    assert twofactor.two_factor_reset(user=user)

    assert not Passkey.objects.filter(user=user).exists()


def test_a_login_answer_from_another_origin_is_refused(client):
    user = UserFactory()
    device = _with_passkey(user)
    device.origin = "https://engagiert.example.net"

    status, data = _sign_in(client, device)

    assert status == 400
    assert data["error"].startswith("Der Passkey konnte nicht bestätigt werden.")
    assert client.get("/konto/").status_code == 302


def test_the_office_finds_and_resets_a_person_who_has_only_passkeys(client):
    office = UserFactory()
    role_grant(user=office, role=Role.OFFICE)
    person = UserFactory(email="nur-passkey@example.org")
    _with_passkey(person)
    client.force_login(office)

    found = client.get("/konto/zwei-faktor/personen/", {"email": "nur-passkey"})
    client.post(f"/konto/zwei-faktor/personen/{person.pk}/zuruecksetzen/")

    assert "nur-passkey@example.org" in found.content.decode()
    assert not Passkey.objects.filter(user=person).exists()


def test_the_office_may_switch_off_the_app_while_a_passkey_remains_the_second_factor():
    user = UserFactory()
    role_grant(user=user, role=Role.OFFICE)
    TwoFactorFactory(user=user)
    _with_passkey(user)

    twofactor.two_factor_disable(user=user)

    assert not twofactor.has_two_factor(user)
    assert twofactor.has_second_factor(user)


def test_the_office_may_set_up_a_passkey_instead_of_the_app_when_asked_after_the_password(
    client,
):
    user = UserFactory()
    role_grant(user=user, role=Role.OFFICE)
    client.post(LOGIN, {"username": user.email, "password": PASSWORD, "next": "/kommunen/"})
    page = client.get("/konto/zwei-faktor/einrichten/").content.decode()
    assert "Oder stattdessen einen Passkey verwenden" in page

    status, data = _add(client, SoftwareAuthenticator(origin=ORIGIN), "Büro-PC")

    assert (status, data) == (200, {"redirect": "/kommunen/"})
    assert client.get("/konto/").status_code == 200
    assert UserSession.objects.filter(user=user).count() == 1


def test_all_passkeys_of_a_person_share_one_random_user_handle_and_a_login_must_bring_it(
    client,
):
    user = UserFactory()
    laptop, phone = _with_passkey(user, "Laptop"), _with_passkey(user, "Telefon")
    assert laptop.user_handle == phone.user_handle
    assert len(laptop.user_handle) == 32
    phone.user_handle = b"someone else"

    status, _data = _sign_in(client, phone)

    assert status == 400
    assert client.get("/konto/").status_code == 302


@pytest.mark.parametrize(
    ("origin", "rp_id", "warnings"),
    [
        ("http://localhost:8000", "localhost", []),
        ("https://engagiert.example.org", "example.org", []),
        ("http://127.0.0.1:8000", "127.0.0.1", ["accounts.W001", "accounts.W003"]),
        ("https://engagiert.example.org", "example.net", ["accounts.W002"]),
    ],
)
def test_the_system_check_warns_of_a_relying_party_browsers_refuse(
    settings, origin, rp_id, warnings
):
    settings.WEBAUTHN_ORIGIN, settings.WEBAUTHN_RP_ID = origin, rp_id

    assert [message.id for message in webauthn_relying_party()] == warnings
