"""Signed links of the application: one purpose each (a salt per purpose), bound to one row.

A link carries the id it acts on and the application's public id, signed with the secret key
and a time stamp; it is refused when altered, when older than its purpose allows, and when used
for another row (a confirmation link of engagement 1 never reaches engagement 2, nor another
application's engagements).
"""

import datetime
from typing import Any

from django.core import signing

EMAIL_SALT = "volunteercard.application-email"
CONFIRMATION_SALT = "volunteercard.engagement-confirmation"
#: How long an applicant may take to confirm the e-mail address.
EMAIL_MAX_AGE = datetime.timedelta(days=7)
#: How long an organisation's confirmation link works.
CONFIRMATION_MAX_AGE = datetime.timedelta(days=60)


class BadLink(Exception):
    """The link was altered, has expired or belongs to something else."""


def _make(salt: str, payload: dict[str, Any]) -> str:
    return signing.TimestampSigner(salt=salt).sign_object(payload, compress=True)


def _read(salt: str, token: str, max_age: datetime.timedelta) -> dict[str, Any]:
    try:
        payload = signing.TimestampSigner(salt=salt).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise BadLink("expired") from error
    except signing.BadSignature as error:
        raise BadLink("bad") from error
    if not isinstance(payload, dict):
        raise BadLink("bad")
    return payload


def email_token(application: Any) -> str:
    return _make(EMAIL_SALT, {"a": str(application.public_id)})


def email_token_read(token: str) -> str:
    """The public id of the application whose address the link confirms."""
    return str(_read(EMAIL_SALT, token, EMAIL_MAX_AGE).get("a", ""))


def confirmation_token(engagement: Any) -> str:
    return _make(
        CONFIRMATION_SALT, {"e": engagement.pk, "a": str(engagement.application.public_id)}
    )


def confirmation_token_read(token: str) -> tuple[int, str]:
    """The engagement id and its application's public id the link was made for."""
    payload = _read(CONFIRMATION_SALT, token, CONFIRMATION_MAX_AGE)
    engagement, application = payload.get("e"), payload.get("a")
    if not isinstance(engagement, int) or not isinstance(application, str):
        raise BadLink("bad")
    return engagement, application
