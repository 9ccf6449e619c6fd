"""`check`: warn of a passkey relying party that browsers refuse for the platform's origin."""

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks


def webauthn_relying_party(**kwargs: Any) -> list[checks.CheckMessage]:
    """WEBAUTHN_RP_ID must be a host name (no IP address) equal to the origin's host or a parent
    domain of it, and the origin https (browsers allow http only for localhost)."""
    rp_id, origin = settings.WEBAUTHN_RP_ID, urlsplit(settings.WEBAUTHN_ORIGIN)
    host = origin.hostname or ""
    hint = "Set WEBAUTHN_ORIGIN and WEBAUTHN_RP_ID (or SITE_URL); see the README."
    warnings: list[checks.CheckMessage] = []
    try:
        ipaddress.ip_address(rp_id)
    except ValueError:
        pass
    else:
        warnings.append(
            checks.Warning(
                f"WEBAUTHN_RP_ID {rp_id!r} is an IP address; browsers refuse passkeys for it.",
                hint=hint,
                id="accounts.W001",
            )
        )
    if host != rp_id and not host.endswith(f".{rp_id}"):
        warnings.append(
            checks.Warning(
                f"The host of WEBAUTHN_ORIGIN ({host!r}) is not WEBAUTHN_RP_ID ({rp_id!r}) or "
                "below it; browsers refuse such passkeys.",
                hint=hint,
                id="accounts.W002",
            )
        )
    if origin.scheme != "https" and host != "localhost":
        warnings.append(
            checks.Warning(
                f"WEBAUTHN_ORIGIN {settings.WEBAUTHN_ORIGIN!r} is not https; browsers offer "
                "passkeys only on https (and http://localhost).",
                hint=hint,
                id="accounts.W003",
            )
        )
    return warnings
