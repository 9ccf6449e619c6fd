"""`make run`: a development key for the cards' QR codes, written under var/ once."""

from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.management.base import BaseCommand

from ... import signing


class Command(BaseCommand):
    help = "Create a development signing key for the Ehrenamtskarte unless a key is configured."

    def handle(self, *args: Any, **options: Any) -> None:
        path = settings.VOLUNTEERCARD_SIGNING_KEY_FILE
        if settings.VOLUNTEERCARD_SIGNING_KEY or not path or Path(path).exists():
            self.stdout.write("Ehrenamtskarte: a signing key is configured.")
            return
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).touch(mode=0o600)
        Path(path).write_text(signing.private_key_pem(Ed25519PrivateKey.generate()), "ascii")
        self.stdout.write(f"Ehrenamtskarte: development signing key written to {path}.")
