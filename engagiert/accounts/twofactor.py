"""Two-factor login: a code from an authenticator app (TOTP) after the password.

Rules:
- The second factor is the authenticator app or a passkey (passkeys.py).
- Anyone may switch it on in the account settings; people holding a role named in
  TWO_FACTOR_REQUIRED_ROLES (the network office and card staff; superusers count as office)
  must: after the password they set it up before any other page opens.
- The password step marks the session: `verify` (a code is due) or `setup` (it must be set up).
  TwoFactorMiddleware lets such a session reach only that page and the logout; the mark goes
  when the code is right. Every password form calls `password_step_passed` (the login page
  and the admin's login share ThrottledLoginMixin); a new way to log in must call it too.
- A code is good for its 30-second step and one step either side (clocks drift), and only
  once: a step at or before the last one used is refused.
- Ten recovery codes replace the app once each; they are shown once and kept as keyed hashes.
- Wrong codes count like wrong passwords (LOGIN_FAILURE_LIMIT per LOGIN_LOCKOUT_SECONDS).
- A lost second factor is reset by the office: audited, and the person is told by e-mail.
"""

import hmac
import secrets
from typing import Any

import pyotp
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from engagiert.core import throttle
from engagiert.core.audit import audit_record
from engagiert.core.http import client_ip
from engagiert.core.mail import mail_send
from engagiert.core.models import AuditEntry

from .models import Passkey, RecoveryCode, TwoFactor, User
from .permissions import role_assignments
from .sessions import TOUCHED, login_record

#: The session's mark after the password: which second step is due.
PENDING = "two_factor_pending"
VERIFY, SETUP = "verify", "setup"
#: Where to go once the second step is done.
NEXT = "two_factor_next"
#: The secret shown during setup, kept in the session until a first code confirms it.
SETUP_SECRET = "two_factor_setup_secret"
#: Recovery codes just made, shown once.
NEW_CODES = "two_factor_new_codes"
RECOVERY_CODE_COUNT = 10
TOTP_DIGITS = 6
THROTTLE_SCOPE = "two-factor"
ISSUER = "engagiert NRW"


def is_required(user: Any) -> bool:
    """True for the roles that must log in with a second factor."""
    required = set(settings.TWO_FACTOR_REQUIRED_ROLES)
    if user.is_superuser and "office" in required:
        return True
    return any(assignment.role in required for assignment in role_assignments(user))


def has_two_factor(user: Any) -> bool:
    return TwoFactor.objects.filter(user=user).exists()


def has_second_factor(user: Any) -> bool:
    """The authenticator app or a passkey."""
    return has_two_factor(user) or Passkey.objects.filter(user=user).exists()


def password_step_passed(*, session: SessionBase, user: User, next_url: str = "") -> None:
    """After a right password: mark which second step is due, if any."""
    session.pop(PENDING, None)
    if has_second_factor(user):
        session[PENDING] = VERIFY
    elif is_required(user):
        session[PENDING] = SETUP
    if session.get(PENDING) and next_url:
        session[NEXT] = next_url


def logged_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    """After every login (`user_logged_in`): a login by password asks for the second step when
    one is due; a login complete without one is recorded as a session."""
    if request is None or getattr(request, "password_checked_for", None) != user:
        return
    next_url = request.POST.get("next", "") or request.GET.get("next", "")
    password_step_passed(session=request.session, user=user, next_url=next_url)
    if not pending(request.session):
        login_complete(request=request, user=user)


def login_complete(*, request: HttpRequest, user: User) -> None:
    """Both steps done: the session is listed, a new browser announced."""
    request.session.pop(PENDING, None)
    login_record(
        user=user,
        session_key=request.session.session_key or "",
        user_agent=request.headers.get("User-Agent", ""),
        address=client_ip(request),
    )
    request.session[TOUCHED] = timezone.now().isoformat()


def pending(session: SessionBase) -> str:
    return str(session.get(PENDING, ""))


def setup_secret(session: SessionBase) -> str:
    """The secret offered during setup (a new one per setup, kept until confirmed)."""
    if not session.get(SETUP_SECRET):
        session[SETUP_SECRET] = pyotp.random_base32()
    return str(session[SETUP_SECRET])


def provisioning_uri(*, user: User, secret: str) -> str:
    """What the QR code carries: the otpauth:// link authenticator apps read."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def _normalised(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def _matching_step(secret: str, code: str, *, after: int) -> int | None:
    """The time step (this one or a neighbour) whose code is `code`, if later than `after`."""
    totp = pyotp.TOTP(secret)
    now = totp.timecode(timezone.now())
    for step in (now - 1, now, now + 1):
        if step > after and hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def _hash(code: str) -> str:
    return salted_hmac("accounts.recovery-code", _normalised(code)).hexdigest()


def _recovery_codes_new(user: User) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = [secrets.token_hex(5) for _index in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(
        [RecoveryCode(user=user, code_hash=_hash(code)) for code in codes]
    )
    return [f"{code[:5]}-{code[5:]}" for code in codes]


@transaction.atomic
def two_factor_enable(*, user: User, secret: str, code: str) -> list[str]:
    """Switch the authenticator app on once a first code proves it is set up; returns the
    recovery codes (shown once)."""
    step = _matching_step(secret, _normalised(code), after=0)
    if step is None:
        raise ValidationError(
            _("The code is not correct. Please enter the 6-digit code your app shows now."),
            code="invalid",
        )
    TwoFactor.objects.update_or_create(user=user, defaults={"secret": secret, "last_step": step})
    codes = _recovery_codes_new(user)
    audit_record(action=AuditEntry.Action.CREATE, obj=user, changes={"two_factor": "on"})
    return codes


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    """New recovery codes; the old ones stop working."""
    codes = _recovery_codes_new(user)
    audit_record(action=AuditEntry.Action.UPDATE, obj=user, changes={"recovery_codes": "new"})
    return codes


def attempts_blocked(*, user: User) -> bool:
    return throttle.attempts(THROTTLE_SCOPE, str(user.pk)) >= settings.LOGIN_FAILURE_LIMIT


@transaction.atomic
def two_factor_check(*, user: User, code: str) -> bool:
    """True if `code` is the app's current code or an unused recovery code (then used up).

    Each wrong code counts towards the pause; the conditional updates make a code count once
    even when two requests bring it at the same moment."""
    code = _normalised(code)
    device = TwoFactor.objects.filter(user=user).first()
    if device is not None and len(code) == TOTP_DIGITS:
        step = _matching_step(device.secret, code, after=device.last_step)
        if step is not None and TwoFactor.objects.filter(pk=device.pk, last_step__lt=step).update(
            last_step=step
        ):
            throttle.reset(THROTTLE_SCOPE, str(user.pk))
            return True
    elif device is not None and RecoveryCode.objects.filter(
        user=user, code_hash=_hash(code), used_at__isnull=True
    ).update(used_at=timezone.now()):
        throttle.reset(THROTTLE_SCOPE, str(user.pk))
        return True
    throttle.record(THROTTLE_SCOPE, str(user.pk), window=settings.LOGIN_LOCKOUT_SECONDS)
    return False


def people_with_second_factor() -> QuerySet[User]:
    return User.objects.filter(Q(two_factor__isnull=False) | Q(passkeys__isnull=False)).distinct()


def people_with_two_factor(email: str) -> QuerySet[User]:
    """Accounts with a second factor whose address contains `email` (the office's search)."""
    return people_with_second_factor().filter(email__icontains=email.strip())[:50]


def recovery_codes_left(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def _two_factor_remove(user: User, *, passkeys: bool) -> bool:
    removed, _kinds = TwoFactor.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()
    if passkeys:
        removed += Passkey.objects.filter(user=user).delete()[0]
    return bool(removed)


@transaction.atomic
def two_factor_disable(*, user: User) -> None:
    """The person switches the app off themselves, unless their role requires a second factor
    and they have no passkey."""
    if is_required(user) and not Passkey.objects.filter(user=user).exists():
        raise ValidationError(_("Your role requires two-factor login."), code="required")
    if _two_factor_remove(user, passkeys=False):
        audit_record(action=AuditEntry.Action.DELETE, obj=user, changes={"two_factor": "off"})


@transaction.atomic
def two_factor_reset(*, user: User) -> bool:
    """The office resets a lost second factor: the person sets up a new one at the next login
    (if their role requires it) and is told by e-mail, so a reset they did not ask for shows.
    The passkeys go too: they may be on the lost device."""
    if not _two_factor_remove(user, passkeys=True):
        return False
    audit_record(action=AuditEntry.Action.DELETE, obj=user, changes={"two_factor": "reset"})
    mail_send(
        to=[user.email],
        template="accounts/email/two_factor_reset.txt",
        context={"person": user},
    )
    return True


@transaction.atomic
def two_factor_seed(*, user: User, secret: str) -> None:
    """Give an account a known secret (the demo accounts only: their code can be printed)."""
    if not user.is_demo:
        raise ValidationError("Only demo accounts get a known secret.")
    TwoFactor.objects.update_or_create(user=user, defaults={"secret": secret})
