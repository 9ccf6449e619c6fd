"""Passkeys (WebAuthn, checked with py_webauthn): registered on the security page, used as the
second factor after the password, or alone to log in (then they count as both factors).

Rules:
- Each ceremony starts with a random challenge kept in the session with its purpose, the person
  it is for and an expiry (CHALLENGE_SECONDS); the answer takes it out, so a challenge is good
  once, for that purpose and person only.
- The browser must report WEBAUTHN_ORIGIN and the credential must belong to WEBAUTHN_RP_ID.
- Registering asks for user verification and a resident key where the authenticator can
  (preferred), and excludes the person's passkeys already registered. Logging in without a
  password requires user verification (PIN or biometrics): the passkey is then both factors.
- The signature count must grow when an authenticator counts (synced passkeys always send 0): a
  count that does not grow means a copied authenticator; it is refused and audited.
- Failed attempts count like wrong codes (twofactor.THROTTLE_SCOPE) for the person, and for the
  client address when the passkey is unknown.
- Adding or removing a passkey is audited and told to the person by e-mail.
"""

import datetime
import json
import secrets
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import (
    base64url_to_bytes,
    bytes_to_base64url,
    parse_authentication_credential_json,
    parse_registration_credential_json,
)
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from engagiert.core import throttle
from engagiert.core.audit import audit_record
from engagiert.core.mail import mail_send
from engagiert.core.models import AuditEntry

from . import twofactor
from .models import Passkey, User

#: The session key holding the open ceremony: purpose, challenge, person, expiry.
CHALLENGE = "passkey_challenge"
CHALLENGE_SECONDS = 300
#: How long the browser waits for the authenticator, in milliseconds.
TIMEOUT_MS = 120_000
REGISTER, SECOND_FACTOR, SIGN_IN = "register", "second-factor", "sign-in"


def passkeys_of(user: Any) -> QuerySet[Passkey]:
    return Passkey.objects.filter(user=user)


def _user_handle(user: User) -> str:
    """The id authenticators keep for the person (base64url): random, naming no one, the same
    for all their passkeys, so that an authenticator keeps one passkey per person."""
    known = passkeys_of(user).values_list("user_handle", flat=True).first()
    return known or bytes_to_base64url(secrets.token_bytes(32))


def _challenge_new(session: SessionBase, purpose: str, *, user: User | None, **extra: Any) -> bytes:
    challenge = secrets.token_bytes(32)
    expires = timezone.now() + datetime.timedelta(seconds=CHALLENGE_SECONDS)
    session[CHALLENGE] = {
        "purpose": purpose,
        "challenge": bytes_to_base64url(challenge),
        "user": user.pk if user else None,
        "expires": expires.isoformat(),
        **extra,
    }
    return challenge


def _challenge_take(session: SessionBase, purpose: str, *, user: User | None) -> dict[str, Any]:
    """The open ceremony's record, taken out of the session (it is good once)."""
    stored = session.pop(CHALLENGE, None)
    if (
        not isinstance(stored, dict)
        or stored.get("purpose") != purpose
        or stored.get("user") != (user.pk if user else None)
        or datetime.datetime.fromisoformat(stored["expires"]) < timezone.now()
    ):
        raise ValidationError(
            _("The passkey request has expired. Please try again."), code="expired"
        )
    return stored


def _descriptor(passkey: Passkey) -> PublicKeyCredentialDescriptor:
    transports = [
        AuthenticatorTransport(value)
        for value in passkey.transports
        if value in AuthenticatorTransport._value2member_map_
    ]
    return PublicKeyCredentialDescriptor(
        id=base64url_to_bytes(passkey.credential_id), transports=transports or None
    )


def registration_options(*, session: SessionBase, user: User, name: str) -> str:
    """The options for navigator.credentials.create() (JSON); `name` is kept for the answer."""
    handle = _user_handle(user)
    options = generate_registration_options(
        rp_id=settings.WEBAUTHN_RP_ID,
        rp_name=settings.NETWORK_NAME,
        user_id=base64url_to_bytes(handle),
        user_name=user.email,
        user_display_name=user.get_full_name() or user.email,
        challenge=_challenge_new(session, REGISTER, user=user, name=name, handle=handle),
        timeout=TIMEOUT_MS,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
        exclude_credentials=[_descriptor(passkey) for passkey in passkeys_of(user)],
    )
    return str(options_to_json(options))


def _refused() -> ValidationError:
    return ValidationError(
        _("The passkey could not be confirmed. Please try again."), code="invalid"
    )


@transaction.atomic
def passkey_register(*, session: SessionBase, user: User, credential: str) -> Passkey:
    """Check the authenticator's answer to the registration options and keep the passkey."""
    stored = _challenge_take(session, REGISTER, user=user)
    try:
        parsed = parse_registration_credential_json(credential)
        verified = verify_registration_response(
            credential=parsed,
            expected_challenge=base64url_to_bytes(stored["challenge"]),
            expected_rp_id=settings.WEBAUTHN_RP_ID,
            expected_origin=settings.WEBAUTHN_ORIGIN,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError) as error:
        raise _refused() from error
    credential_id = bytes_to_base64url(verified.credential_id)
    if Passkey.objects.filter(credential_id=credential_id).exists():
        raise ValidationError(_("This passkey is already registered."), code="duplicate")
    passkey = Passkey(
        user=user,
        name=stored["name"],
        credential_id=credential_id,
        public_key=bytes_to_base64url(verified.credential_public_key),
        user_handle=stored["handle"],
        sign_count=verified.sign_count,
        transports=[transport.value for transport in parsed.response.transports or []],
    )
    passkey.full_clean()
    passkey.save()
    audit_record(action=AuditEntry.Action.CREATE, obj=passkey, changes={"name": passkey.name})
    mail_send(
        to=[user.email],
        template="accounts/email/passkey_added.txt",
        context={"person": user, "passkey": passkey},
    )
    return passkey


@transaction.atomic
def passkey_rename(*, passkey: Passkey, name: str) -> Passkey:
    before = passkey.name
    passkey.name = name
    passkey.full_clean()
    passkey.save(update_fields=["name", "updated_at"])
    audit_record(action=AuditEntry.Action.UPDATE, obj=passkey, changes={"name": [before, name]})
    return passkey


@transaction.atomic
def passkey_delete(*, passkey: Passkey) -> None:
    """Remove a passkey, unless it is the last second factor of a person whose role needs one."""
    user = passkey.user
    others = passkeys_of(user).exclude(pk=passkey.pk).exists()
    if twofactor.is_required(user) and not others and not twofactor.has_two_factor(user):
        raise ValidationError(
            _(
                "Your role requires two-factor login: set up the authenticator app or another "
                "passkey before you remove your last one."
            ),
            code="required",
        )
    audit_record(action=AuditEntry.Action.DELETE, obj=passkey, changes={"name": passkey.name})
    passkey.delete()
    mail_send(
        to=[user.email],
        template="accounts/email/passkey_removed.txt",
        context={"person": user, "name": passkey.name},
    )


def authentication_options(*, session: SessionBase, user: User | None) -> str:
    """The options for navigator.credentials.get() (JSON): for `user`'s passkeys as the second
    factor, or for any passkey of this site (discoverable) to log in without a password."""
    options = generate_authentication_options(
        rp_id=settings.WEBAUTHN_RP_ID,
        challenge=_challenge_new(session, SECOND_FACTOR if user else SIGN_IN, user=user),
        timeout=TIMEOUT_MS,
        allow_credentials=[_descriptor(passkey) for passkey in passkeys_of(user)] if user else [],
        user_verification=(
            UserVerificationRequirement.PREFERRED if user else UserVerificationRequirement.REQUIRED
        ),
    )
    return str(options_to_json(options))


def _blocked() -> ValidationError:
    return ValidationError(
        _(
            "Too many failed attempts. For your protection, logging in is paused for "
            "%(minutes)s minutes. You can reset your password in the meantime."
        )
        % {"minutes": settings.LOGIN_LOCKOUT_SECONDS // 60},
        code="blocked",
    )


def _failure(user: User | None, address: str) -> None:
    if user is not None:
        throttle.record(
            twofactor.THROTTLE_SCOPE, str(user.pk), window=settings.LOGIN_LOCKOUT_SECONDS
        )
    if address:
        throttle.record(throttle.LOGIN_ADDRESS, address, window=settings.LOGIN_LOCKOUT_SECONDS)


def _unknown() -> ValidationError:
    return ValidationError(
        _("This passkey is not registered for an account here. Please log in with your password."),
        code="unknown",
    )


def passkey_authenticate(
    *, session: SessionBase, credential: str, user: User | None, address: str = ""
) -> Passkey:
    """Check the authenticator's answer to the authentication options; returns the passkey
    used (its person is the one to log in). `user` is the person of the password step when the
    passkey is the second factor, None for a login without password."""
    stored = _challenge_take(session, SECOND_FACTOR if user else SIGN_IN, user=user)
    if address and throttle.attempts(throttle.LOGIN_ADDRESS, address) >= (
        settings.LOGIN_ADDRESS_FAILURE_LIMIT
    ):
        raise _blocked()
    try:
        parsed = parse_authentication_credential_json(credential)
    except (WebAuthnException, ValueError, KeyError, TypeError) as error:
        _failure(user, address)
        raise _refused() from error
    passkey = (
        Passkey.objects.select_related("user")
        .filter(credential_id=bytes_to_base64url(parsed.raw_id), user__is_active=True)
        .first()
    )
    handle = parsed.response.user_handle
    if passkey is not None and user is not None and passkey.user_id != user.pk:
        _failure(user, address)
        raise ValidationError(_("This passkey does not belong to your account."), code="unknown")
    if passkey is None or (
        handle is not None and bytes_to_base64url(handle) != passkey.user_handle
    ):
        _failure(user, address)
        raise _unknown()
    if twofactor.attempts_blocked(user=passkey.user):
        raise _blocked()
    try:
        verified = verify_authentication_response(
            credential=parsed,
            expected_challenge=base64url_to_bytes(stored["challenge"]),
            expected_rp_id=settings.WEBAUTHN_RP_ID,
            expected_origin=settings.WEBAUTHN_ORIGIN,
            credential_public_key=base64url_to_bytes(passkey.public_key),
            credential_current_sign_count=0,  # compared below, to tell a copy from a bad answer
            require_user_verification=user is None,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError) as error:
        _failure(passkey.user, address)
        raise _refused() from error
    if not _count_advanced(passkey, verified.new_sign_count):
        _failure(passkey.user, address)
        audit_record(
            action=AuditEntry.Action.UPDATE,
            obj=passkey,
            changes={"passkey": "refused: signature count did not grow (copied authenticator?)"},
        )
        raise ValidationError(
            _(
                "This passkey was refused: its authenticator may have been copied. Please log "
                "in another way and remove this passkey on the security page."
            ),
            code="clone",
        )
    throttle.reset(twofactor.THROTTLE_SCOPE, str(passkey.user_id))
    return passkey


def _count_advanced(passkey: Passkey, count: int) -> bool:
    """Store the new signature count and the time of use, if the count grew (or nobody counts);
    the conditional update lets only one of two answers with the same count through."""
    stored = passkey.sign_count
    if (count or stored) and count <= stored:
        return False
    return bool(
        Passkey.objects.filter(pk=passkey.pk, sign_count=stored).update(
            sign_count=count, last_used_at=timezone.now()
        )
    )


def credential_json(payload: Any) -> str:
    """The credential part of what the page sends, as JSON text for py_webauthn."""
    if not isinstance(payload, dict) or not isinstance(payload.get("credential"), dict):
        raise _refused()
    return json.dumps(payload["credential"])
