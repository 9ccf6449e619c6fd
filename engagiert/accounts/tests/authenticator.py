"""A software authenticator for the tests: real WebAuthn answers (a »none« attestation, ES256
signatures over authenticator data and client data) made with the `cryptography` package, so
the server's checks run as they do for a security key or a phone."""

import hashlib
import json
import secrets
from typing import Any

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url

USER_PRESENT, USER_VERIFIED, ATTESTED = 0x01, 0x04, 0x40


class SoftwareAuthenticator:
    """One passkey on one device: `create` answers registration options, `get` answers
    authentication options; `origin` is what the browser would report."""

    def __init__(self, *, origin: str, rp_id: str = "localhost", verifies_user: bool = True):
        self.origin, self.rp_id, self.verifies_user = origin, rp_id, verifies_user
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = secrets.token_bytes(16)
        self.user_handle = b""
        self.sign_count = 0

    def _public_key(self) -> bytes:
        numbers = self.key.public_key().public_numbers()
        return cbor2.dumps(
            {
                1: 2,
                3: -7,
                -1: 1,
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )

    def _authenticator_data(self, *, attested: bool) -> bytes:
        flags = USER_PRESENT | (USER_VERIFIED if self.verifies_user else 0)
        data = hashlib.sha256(self.rp_id.encode()).digest()
        data += bytes([flags | (ATTESTED if attested else 0)]) + self.sign_count.to_bytes(4, "big")
        if attested:
            data += bytes(16) + len(self.credential_id).to_bytes(2, "big") + self.credential_id
            data += self._public_key()
        return data

    def _client_data(self, kind: str, options: dict[str, Any]) -> bytes:
        return json.dumps(
            {"type": kind, "challenge": options["challenge"], "origin": self.origin}
        ).encode()

    def create(self, options_json: str | bytes) -> dict[str, Any]:
        options = json.loads(options_json)
        self.user_handle = base64url_to_bytes(options["user"]["id"])
        attestation = cbor2.dumps(
            {"fmt": "none", "attStmt": {}, "authData": self._authenticator_data(attested=True)}
        )
        return self._credential(
            clientDataJSON=self._client_data("webauthn.create", options),
            attestationObject=attestation,
            transports=["internal"],
        )

    def get(self, options_json: str | bytes) -> dict[str, Any]:
        options = json.loads(options_json)
        self.sign_count += 1
        client_data = self._client_data("webauthn.get", options)
        data = self._authenticator_data(attested=False)
        signature = self.key.sign(
            data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return self._credential(
            clientDataJSON=client_data,
            authenticatorData=data,
            signature=signature,
            userHandle=self.user_handle,
        )

    def _credential(self, **response: Any) -> dict[str, Any]:
        encoded = {
            name: bytes_to_base64url(value) if isinstance(value, bytes) else value
            for name, value in response.items()
        }
        credential_id = bytes_to_base64url(self.credential_id)
        return {
            "id": credential_id,
            "rawId": credential_id,
            "type": "public-key",
            "response": encoded,
            "clientExtensionResults": {},
        }
