"""The signed QR code: every way a code can be wrong is refused with its own reason."""

import base64
import datetime
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from engagiert.volunteercard import signing
from engagiert.volunteercard.system_checks import signing_key_configured

Reason = signing.Reason
TODAY = datetime.date(2026, 12, 2)
PAYLOAD = signing.CardPayload(
    number="ABCD2345EFGH6789",
    holder="Zoë Ørsted",
    valid_from=datetime.date(2026, 1, 26),
    valid_until=datetime.date(2028, 1, 25),
    issuer_ags="05158000",
    issuer_name="Kreis Mettmann",
)


def _raw(key: Ed25519PrivateKey) -> str:
    return base64.b64encode(key.private_bytes_raw()).decode()


def _payload_of(code: str) -> dict:
    return json.loads(signing._b64decode(code.split(".")[1]))


def _with_payload(code: str, **changes: object) -> str:
    data = {**_payload_of(code), **changes}
    message = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    prefix, _payload, signature = code.split(".")
    return ".".join([prefix, signing._b64encode(message), signature])


def test_code_carries_no_address_or_birth_date_and_verifies():
    code, key_id = signing.sign(PAYLOAD)
    assert set(_payload_of(code)) == {"v", "k", "n", "h", "a", "b", "i", "j"}
    verification = signing.verify_code(code, today=TODAY)
    assert verification.reason == Reason.VALID
    assert verification.payload == signing.CardPayload(**{**PAYLOAD.__dict__, "key_id": key_id})
    assert len(code) < 300  # a QR code of version 10 or less, easy to scan from a phone


@pytest.mark.parametrize(
    "changes",
    [{"h": "Zoe Orsted"}, {"b": "2099-12-31"}, {"n": "ABCD2345EFGH6788"}, {"j": "Stadt Köln"}],
)
def test_tampered_payload_is_refused_for_its_signature(changes):
    code, _key_id = signing.sign(PAYLOAD)
    verification = signing.verify_code(_with_payload(code, **changes), today=TODAY)
    assert verification.reason == Reason.SIGNATURE
    assert verification.payload is None


def test_tampered_signature_is_refused():
    code, _key_id = signing.sign(PAYLOAD)
    prefix, payload, signature = code.split(".")
    flipped = bytearray(signing._b64decode(signature))
    flipped[10] ^= 1
    tampered = ".".join([prefix, payload, signing._b64encode(bytes(flipped))])
    assert signing.verify_code(tampered, today=TODAY).reason == Reason.SIGNATURE


def test_code_of_another_key_with_a_known_key_id_is_refused(settings):
    code, key_id = signing.sign(PAYLOAD)
    stranger = Ed25519PrivateKey.generate()
    message = signing._b64decode(code.split(".")[1])
    forged = f"EK1.{code.split('.')[1]}.{signing._b64encode(stranger.sign(message))}"
    assert signing.verify_code(forged, today=TODAY).reason == Reason.SIGNATURE


def test_code_of_an_unknown_key_is_refused(settings):
    settings.VOLUNTEERCARD_SIGNING_KEY = _raw(Ed25519PrivateKey.generate())
    code, _key_id = signing.sign(PAYLOAD)
    settings.VOLUNTEERCARD_SIGNING_KEY = _raw(Ed25519PrivateKey.generate())
    verification = signing.verify_code(code, today=TODAY)
    assert verification.reason == Reason.UNKNOWN_KEY
    assert verification.payload is None


def test_retired_key_still_verifies_after_rotation(settings):
    old = Ed25519PrivateKey.generate()
    settings.VOLUNTEERCARD_SIGNING_KEY = _raw(old)
    code, old_id = signing.sign(PAYLOAD)
    settings.VOLUNTEERCARD_SIGNING_KEY = signing.private_key_pem(Ed25519PrivateKey.generate())
    settings.VOLUNTEERCARD_PUBLIC_KEYS = [
        base64.b64encode(old.public_key().public_bytes_raw()).decode()
    ]
    assert signing.verify_code(code, today=TODAY).reason == Reason.VALID
    new_code, new_id = signing.sign(PAYLOAD)
    assert new_id != old_id
    assert set(signing.keys().public) == {old_id, new_id}


@pytest.mark.parametrize(
    ("today", "reason"),
    [
        (datetime.date(2026, 1, 25), Reason.NOT_YET_VALID),
        (datetime.date(2026, 1, 26), Reason.VALID),
        (datetime.date(2028, 1, 25), Reason.VALID),
        (datetime.date(2028, 1, 26), Reason.EXPIRED),
    ],
)
def test_dates_are_checked_to_the_day(today, reason):
    code, _key_id = signing.sign(PAYLOAD)
    assert signing.verify_code(code, today=today).reason == reason


@pytest.mark.parametrize(
    "text",
    ["", "hello", "EK1.abc.def", "EK2.e30.AAAA", "https://example.org/", "EK1.!!!.???"],
)
def test_anything_else_is_not_a_card_code(text):
    assert signing.verify_code(text, today=TODAY).reason == Reason.MALFORMED


def test_key_from_a_file_and_the_devkey_command(settings, tmp_path):
    path = tmp_path / "key.pem"
    settings.VOLUNTEERCARD_SIGNING_KEY = ""
    settings.VOLUNTEERCARD_SIGNING_KEY_FILE = str(path)
    assert signing.keys().signing is None
    call_command("volunteercard_devkey")
    assert path.read_text().startswith("-----BEGIN PRIVATE KEY-----")
    assert path.stat().st_mode & 0o077 == 0
    first = path.read_text()
    call_command("volunteercard_devkey")
    assert path.read_text() == first
    code, _key_id = signing.sign(PAYLOAD)
    assert signing.verify_code(code, today=TODAY).valid


def test_deploy_check_refuses_production_without_a_key(settings):
    settings.DEBUG = False
    assert signing_key_configured() == []
    settings.VOLUNTEERCARD_SIGNING_KEY = ""
    [error] = signing_key_configured()
    assert error.id == "volunteercard.E001"
    settings.VOLUNTEERCARD_SIGNING_KEY = "not a key"
    [error] = signing_key_configured()
    assert error.id == "volunteercard.E002"
    with pytest.raises(ImproperlyConfigured):
        signing.keys()
