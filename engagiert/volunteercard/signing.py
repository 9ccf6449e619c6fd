"""The card's QR code: a compact payload signed with Ed25519, verifiable without a connection.

The code reads ``EK1.<payload>.<signature>``, both parts base64url without padding. The payload
is JSON with short keys — version, key id, card number, holder's name, valid from, valid until
(null: for life), issuer's AGS and name — and nothing else: no address, no birth date. The
signature covers the payload's bytes exactly as they stand in the code.

Keys rotate by id: the id is derived from the public key (so it cannot be misconfigured), the
current private key signs, the current and the retired public keys verify. The verification page
ships those public keys and applies the same rules in the browser (`static/volunteercard/
verify.js`), in the same order as `verify_code`: format, key, signature, not yet valid, expired.
Revocation needs the server (`cards.card_check`).
"""

import base64
import binascii
import datetime
import functools
import hashlib
import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PREFIX = "EK1"
VERSION = 1


class Reason(StrEnum):
    """Why a code is valid or not; the browser uses the same names."""

    VALID = "valid"
    MALFORMED = "malformed"
    UNKNOWN_KEY = "unknown_key"
    SIGNATURE = "signature"
    NOT_YET_VALID = "not_yet_valid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    UNKNOWN_CARD = "unknown_card"


#: What the verification page says for each reason (also shipped to the browser).
REASON_TEXTS: dict[Reason, Promise] = {
    Reason.VALID: _("The card is genuine and valid."),
    Reason.MALFORMED: _("This is not the code of an Ehrenamtskarte."),
    Reason.UNKNOWN_KEY: _("The code was signed with an unknown key."),
    Reason.SIGNATURE: _("The signature does not match: the code has been altered."),
    Reason.NOT_YET_VALID: _("The card is not yet valid."),
    Reason.EXPIRED: _("The card has expired."),
    Reason.REVOKED: _("The card is revoked."),
    Reason.UNKNOWN_CARD: _("No card with this number is known."),
}


@dataclass(frozen=True)
class CardPayload:
    number: str
    holder: str
    valid_from: datetime.date
    valid_until: datetime.date | None
    issuer_ags: str
    issuer_name: str
    key_id: str = ""

    def as_json(self, key_id: str) -> bytes:
        data = {
            "v": VERSION,
            "k": key_id,
            "n": self.number,
            "h": self.holder,
            "a": self.valid_from.isoformat(),
            "b": self.valid_until.isoformat() if self.valid_until else None,
            "i": self.issuer_ags,
            "j": self.issuer_name,
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass(frozen=True)
class Verification:
    reason: Reason
    payload: CardPayload | None = None
    #: For a revoked card: the kind of revocation (never the staff's free text).
    revocation: str = ""

    @property
    def valid(self) -> bool:
        return self.reason == Reason.VALID

    @property
    def text(self) -> str:
        return str(REASON_TEXTS[self.reason])


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def key_id_for(public: bytes) -> str:
    """Eight hex digits of the public key's SHA-256: the same key always has the same id."""
    return hashlib.sha256(public).hexdigest()[:8]


def _raw_public(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def private_key_from_text(text: str) -> Ed25519PrivateKey:
    """A private key written as PEM (PKCS#8) or as its 32 raw bytes in base64."""
    text = text.strip()
    try:
        if text.startswith("-----BEGIN"):
            key = serialization.load_pem_private_key(text.encode(), password=None)
        else:
            key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(text, validate=True))
    except (ValueError, TypeError, binascii.Error) as error:
        raise ImproperlyConfigured(f"The card signing key cannot be read: {error}") from error
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured("The card signing key must be an Ed25519 key.")
    return key


def private_key_pem(key: Ed25519PrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@dataclass(frozen=True)
class Keys:
    #: The key that signs new codes, None when none is configured.
    signing: Ed25519PrivateKey | None
    signing_id: str
    #: Every key that verifies: id → raw public key (the current one and the retired ones).
    public: dict[str, bytes]

    def public_base64(self) -> dict[str, str]:
        return {key_id: base64.b64encode(raw).decode() for key_id, raw in self.public.items()}


@functools.lru_cache(maxsize=8)
def _keys(key_text: str, key_file: str, file_version: float, retired: tuple[str, ...]) -> Keys:
    if not key_text and file_version:
        key_text = Path(key_file).read_text(encoding="ascii")
    signing = private_key_from_text(key_text) if key_text else None
    public: dict[str, bytes] = {}
    for text in retired:
        try:
            raw = base64.b64decode(text, validate=True)
            Ed25519PublicKey.from_public_bytes(raw)
        except (ValueError, binascii.Error) as error:
            raise ImproperlyConfigured(f"A card public key cannot be read: {error}") from error
        public[key_id_for(raw)] = raw
    signing_id = ""
    if signing:
        raw = _raw_public(signing)
        signing_id = key_id_for(raw)
        public[signing_id] = raw
    return Keys(signing=signing, signing_id=signing_id, public=public)


def keys() -> Keys:
    """The configured keys (read again when the configuration or the key file changes)."""
    key_text, key_file = settings.VOLUNTEERCARD_SIGNING_KEY, settings.VOLUNTEERCARD_SIGNING_KEY_FILE
    file_version = 0.0
    if not key_text and key_file:
        try:
            file_version = Path(key_file).stat().st_mtime
        except OSError:
            file_version = 0.0
    return _keys(key_text, key_file, file_version, tuple(settings.VOLUNTEERCARD_PUBLIC_KEYS))


def sign(payload: CardPayload, *, with_keys: Keys | None = None) -> tuple[str, str]:
    """The QR text of a card and the id of the key that signed it."""
    current = with_keys or keys()
    if current.signing is None:
        raise ImproperlyConfigured(
            "No card signing key: set VOLUNTEERCARD_SIGNING_KEY or VOLUNTEERCARD_SIGNING_KEY_FILE."
        )
    message = payload.as_json(current.signing_id)
    signature = current.signing.sign(message)
    return f"{PREFIX}.{_b64encode(message)}.{_b64encode(signature)}", current.signing_id


def _parse(text: str) -> tuple[bytes, bytes, dict[str, object]] | None:
    parts = text.strip().split(".")
    if len(parts) != 3 or parts[0] != PREFIX:
        return None
    try:
        message, signature = _b64decode(parts[1]), _b64decode(parts[2])
        data = json.loads(message.decode())
    except (ValueError, binascii.Error):
        return None
    if not isinstance(data, dict) or data.get("v") != VERSION or len(signature) != 64:
        return None
    return message, signature, data


def _payload(data: dict[str, object]) -> CardPayload | None:
    try:
        until = data["b"]
        return CardPayload(
            number=str(data["n"]),
            holder=str(data["h"]),
            valid_from=datetime.date.fromisoformat(str(data["a"])),
            valid_until=datetime.date.fromisoformat(str(until)) if until else None,
            issuer_ags=str(data["i"]),
            issuer_name=str(data["j"]),
            key_id=str(data["k"]),
        )
    except (KeyError, ValueError):
        return None


def verify_code(text: str, *, today: datetime.date, with_keys: Keys | None = None) -> Verification:
    """Check a scanned code without the database: format, key, signature, then the dates."""
    parsed = _parse(text)
    payload = _payload(parsed[2]) if parsed else None
    if parsed is None or payload is None:
        return Verification(Reason.MALFORMED)
    message, signature, _data = parsed
    raw = (with_keys or keys()).public.get(payload.key_id)
    if raw is None:
        return Verification(Reason.UNKNOWN_KEY)
    try:
        Ed25519PublicKey.from_public_bytes(raw).verify(signature, message)
    except InvalidSignature:
        return Verification(Reason.SIGNATURE)
    if payload.valid_from > today:
        return Verification(Reason.NOT_YET_VALID, payload)
    if payload.valid_until is not None and payload.valid_until < today:
        return Verification(Reason.EXPIRED, payload)
    return Verification(Reason.VALID, payload)
