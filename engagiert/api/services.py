"""Writes of the API app: tokens are issued and revoked, webhook subscriptions registered and
ended.

Rules:
- A token belongs to one authority or one organisation and carries only scopes that fit its
  holder's kind (members-only data are an authority's, opportunities an organisation's).
- The secret is shown once, when the token is issued; the database keeps only its SHA-256
  digest and a short prefix to recognise it. A revoked or expired token opens nothing.
- Issuing and revoking are written to the audit log, without the secret or its digest.
- A webhook's target is an https address (plain http only while DEBUG, for local tests).
"""

import datetime
import hmac
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engagiert.core.audit import audit_record
from engagiert.core.models import AuditEntry
from engagiert.registry.models import Authority, Organisation

from .models import (
    AUTHORITY_SCOPES,
    ORGANISATION_SCOPES,
    ApiToken,
    WebhookEvent,
    WebhookSubscription,
    secret_digest,
)

SECRET_PREFIX = "ek_"
#: How many characters of the secret stay visible (»ek_« and six more).
VISIBLE = len(SECRET_PREFIX) + 6
#: last_used_at is written at most this often per token (not on every request).
USE_RESOLUTION = datetime.timedelta(minutes=1)


def _audit(token_or_subscription: Any, action: str, changes: dict[str, Any]) -> None:
    audit_record(action=action, obj=token_or_subscription, changes=changes)


@transaction.atomic
def token_issue(
    *,
    name: str,
    scopes: Iterable[str],
    expires_at: datetime.datetime,
    created_by: Any,
    authority: Authority | None = None,
    organisation: Organisation | None = None,
) -> tuple[ApiToken, str]:
    """Issue a token; returns it and its secret, which is not kept and cannot be shown again."""
    scopes = sorted(set(scopes))
    if (authority is None) == (organisation is None):
        raise ValidationError(_("Choose either an authority or an organisation."))
    allowed = AUTHORITY_SCOPES if authority is not None else ORGANISATION_SCOPES
    if not scopes:
        raise ValidationError({"scopes": _("Choose at least one scope.")})
    if any(scope not in allowed for scope in scopes):
        raise ValidationError({"scopes": _("This scope does not fit the holder's kind.")})
    if expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("The expiry date must lie in the future.")})
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        name=name.strip(),
        authority=authority,
        organisation=organisation,
        scopes=scopes,
        prefix=secret[:VISIBLE],
        digest=secret_digest(secret),
        created_by=created_by,
        expires_at=expires_at,
    )
    token.full_clean()
    token.save()
    _audit(
        token,
        AuditEntry.Action.CREATE,
        {"holder": str(token.holder), "scopes": scopes, "expires_at": expires_at.isoformat()},
    )
    return token, secret


@transaction.atomic
def token_revoke(*, token: ApiToken, user: Any) -> ApiToken:
    """Revoke a token at once; revoking twice changes nothing."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = user
        token.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
        _audit(
            token, AuditEntry.Action.UPDATE, {"revoked_at": [None, token.revoked_at.isoformat()]}
        )
    return token


def token_authenticate(secret: str) -> ApiToken | None:
    """The active token this secret stands for, or None; its use is noted (once a minute)."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 100:
        return None
    digest = secret_digest(secret)
    token = ApiToken.objects.select_related("authority", "organisation").filter(digest=digest)
    found = token.first()
    # The lookup is by digest; comparing the digests again in constant time costs nothing.
    if found is None or not hmac.compare_digest(found.digest, digest) or not found.is_active:
        return None
    now = timezone.now()
    if found.last_used_at is None or found.last_used_at < now - USE_RESOLUTION:
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        found.last_used_at = now
    return found


def token_secret_inactive_reason(secret: str) -> str:
    """Why a known secret opens nothing (for the client's error message), else ""."""
    token = ApiToken.objects.filter(digest=secret_digest(secret)).first()
    if token is None:
        return ""
    if token.revoked_at is not None:
        return _("This API token has been revoked.")
    if token.expires_at <= timezone.now():
        return _("This API token has expired.")
    return ""


# --- Webhooks -------------------------------------------------------------------------------


def webhook_url_check(url: str) -> None:
    """Only https targets, except plain http while DEBUG (local development and tests)."""
    if not url.startswith("https://") and not (settings.DEBUG and url.startswith("http://")):
        raise ValidationError({"url": _("The target address must begin with https://.")})


@transaction.atomic
def subscription_create(
    *,
    name: str,
    url: str,
    events: Iterable[str],
    created_by: Any,
    authority: Authority | None = None,
) -> tuple[WebhookSubscription, str]:
    """Register a subscription; returns it and its signing secret (shown on its page)."""
    webhook_url_check(url)
    events = sorted(set(events))
    if not events or any(event not in WebhookEvent.values for event in events):
        raise ValidationError({"events": _("Choose at least one event.")})
    secret = "whsec_" + secrets.token_urlsafe(32)
    subscription = WebhookSubscription(
        name=name.strip(),
        url=url,
        events=events,
        secret=secret,
        authority=authority,
        created_by=created_by,
    )
    subscription.full_clean()
    subscription.save()
    _audit(
        subscription,
        AuditEntry.Action.CREATE,
        {"url": url, "events": events, "authority": authority.ags if authority else ""},
    )
    return subscription, secret


@transaction.atomic
def subscription_delete(*, subscription: WebhookSubscription) -> None:
    """End a subscription; its queued deliveries go with it."""
    _audit(subscription, AuditEntry.Action.DELETE, {"url": subscription.url})
    subscription.delete()
