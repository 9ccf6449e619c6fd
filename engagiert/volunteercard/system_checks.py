"""`check --deploy`: production must have a key to sign the cards' QR codes."""

from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from . import signing


def signing_key_configured(**kwargs: Any) -> list[checks.CheckMessage]:
    try:
        keys = signing.keys()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="volunteercard.E002")]
    if keys.signing is None and not settings.DEBUG:
        return [
            checks.Error(
                "No key signs the Ehrenamtskarte's QR codes; no card can be issued.",
                hint="Set VOLUNTEERCARD_SIGNING_KEY or VOLUNTEERCARD_SIGNING_KEY_FILE "
                "(an Ed25519 private key, PEM or 32 raw bytes in base64).",
                id="volunteercard.E001",
            )
        ]
    return []
