"""People and their roles.

A person logs in with their e-mail address. What they may do follows from their role
assignments: a role alone (network office, volunteer), a role for one authority (engagement
officer, development team, leader) or a role for one organisation (organisation member,
benefit partner). One person can hold several.
"""

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from engagiert.core import throttle
from engagiert.core.models import TimestampedModel
from engagiert.core.validators import no_control_characters


class UserManager(DjangoUserManager["User"]):
    """Users are identified by e-mail; there is no separate user name."""

    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> "User":
        """Log in whatever the capitalisation: »Max@Stadt.de« is »max@stadt.de«."""
        return self.get(email__iexact=username)

    def _create_user_with_email(self, email: str, password: str | None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: Any
    ) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user_with_email(email, password, **extra)

    def create_superuser(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: Any
    ) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user_with_email(email, password, **extra)


class User(AbstractUser):
    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    # Names go into e-mail headers (the recipient's display name): one line each.
    first_name = models.CharField(
        _("first name"), max_length=150, blank=True, validators=[no_control_characters]
    )
    last_name = models.CharField(
        _("last name"), max_length=150, blank=True, validators=[no_control_characters]
    )
    is_demo = models.BooleanField(
        _("demo account"),
        default=False,
        help_text=_("Invented for demonstration; not a real person."),
    )
    #: When the person was told that their unused account will be deleted (retention).
    inactivity_warned_at = models.DateTimeField(_("warned of deletion"), null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_any_case",
                violation_error_message=_("An account with this e-mail address exists already."),
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A new password (reset, change, set by the office) lifts the account's login pause."""
        password_changed = getattr(self, "_password", None) is not None
        super().save(*args, **kwargs)
        if password_changed:
            throttle.login_account_forgive(email=self.email)


class Role(models.TextChoices):
    OFFICE = "office", _("Network office")
    OFFICER = "officer", _("Engagement officer")
    DEVELOPMENT_TEAM = "development_team", _("Development team member")
    LEADER = "leader", _("Leader (mayor, district administrator)")
    ORGANISATION = "organisation", _("Organisation member")
    VOLUNTEER = "volunteer", _("Volunteer")
    BENEFIT_PARTNER = "benefit_partner", _("Benefit partner")
    CARD_STAFF = "card_staff", _("Ehrenamtskarte staff")


#: Roles that act for one authority, and roles that act for one organisation.
AUTHORITY_ROLES = frozenset({Role.OFFICER, Role.DEVELOPMENT_TEAM, Role.LEADER, Role.CARD_STAFF})
ORGANISATION_ROLES = frozenset({Role.ORGANISATION, Role.BENEFIT_PARTNER})


class RoleAssignment(TimestampedModel):
    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    authority = models.ForeignKey(
        "registry.Authority",
        verbose_name=_("authority"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    function = models.CharField(
        _("function"),
        max_length=200,
        blank=True,
        help_text=_("e.g. »Stabsstelle Bürgerengagement«"),
    )

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["role", "pk"]
        constraints = [
            models.CheckConstraint(
                name="role_scope_matches_role",
                condition=(
                    Q(
                        role__in=sorted(AUTHORITY_ROLES),
                        authority__isnull=False,
                        organisation__isnull=True,
                    )
                    | Q(
                        role__in=sorted(ORGANISATION_ROLES),
                        authority__isnull=True,
                        organisation__isnull=False,
                    )
                    | Q(
                        role__in=[Role.OFFICE, Role.VOLUNTEER],
                        authority__isnull=True,
                        organisation__isnull=True,
                    )
                ),
                violation_error_message=_("This role needs exactly the scope it acts for."),
            ),
            # One row per person, role and scope (partial indexes: NULLs are never equal).
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(authority__isnull=True, organisation__isnull=True),
                name="role_unique_unscoped",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "authority"],
                condition=Q(authority__isnull=False),
                name="role_unique_per_authority",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organisation"],
                condition=Q(organisation__isnull=False),
                name="role_unique_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        scope = self.authority or self.organisation
        label = self.get_role_display()
        return f"{label}: {scope}" if scope else str(label)


class TwoFactor(TimestampedModel):
    """A person's authenticator app (TOTP): the shared secret and the last time step used.

    The secret must stay readable to check a code; refusing a time step used before stops a
    code seen over someone's shoulder from working a second time."""

    user = models.OneToOneField(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="two_factor"
    )
    secret = models.CharField(_("secret"), max_length=64)
    last_step = models.BigIntegerField(_("last time step used"), default=0)

    class Meta:
        verbose_name = _("two-factor login")
        verbose_name_plural = _("two-factor logins")

    def __str__(self) -> str:
        return str(self.user)


class RecoveryCode(TimestampedModel):
    """A single-use code for when the authenticator app is lost, stored only as a keyed hash."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_hash = models.CharField(_("code (hashed)"), max_length=128, unique=True)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.user} #{self.pk}"


class UserSession(models.Model):
    """One logged-in browser of a person, keyed by its session, so they can see and end it.

    Only the shortened address is kept (the network, not the connection)."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="sessions"
    )
    session_key = models.CharField(_("session"), max_length=40, unique=True)
    device = models.CharField(_("device"), max_length=200, blank=True)
    address = models.CharField(_("approximate place (network)"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("logged in"), auto_now_add=True)
    last_seen_at = models.DateTimeField(_("last activity"))

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-last_seen_at"]

    def __str__(self) -> str:
        return f"{self.user}: {self.device}"


class KnownDevice(models.Model):
    """A browser a person has logged in with before; a login from another one is announced."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="known_devices"
    )
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    device = models.CharField(_("device"), max_length=200, blank=True)
    first_seen_at = models.DateTimeField(_("first seen"), auto_now_add=True)

    class Meta:
        verbose_name = _("known device")
        verbose_name_plural = _("known devices")
        constraints = [
            models.UniqueConstraint(fields=["user", "fingerprint"], name="known_device_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.device}"


class Passkey(TimestampedModel):
    """A passkey (WebAuthn credential) of a person: the authenticator keeps the private key, the
    platform its public key and how often it was used (a count that goes back betrays a copy)."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="passkeys"
    )
    name = models.CharField(_("name"), max_length=80)
    #: The credential's id, base64url-encoded (at most 1023 bytes by the standard).
    credential_id = models.CharField(_("credential id"), max_length=1400, unique=True)
    #: The public key in COSE form, base64url-encoded.
    public_key = models.TextField(_("public key"))
    #: The random id the authenticator keeps for the person (base64url), the same for all their
    #: passkeys; a passkey used to log in must bring it back.
    user_handle = models.CharField(_("user handle"), max_length=100)
    sign_count = models.PositiveBigIntegerField(_("signature count"), default=0)
    transports = models.JSONField(_("transports"), default=list, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("passkey")
        verbose_name_plural = _("passkeys")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.user}: {self.name}"


class InboxAssignment(models.Model):
    """Who in the network office takes care of one item of the office's inbox.

    Items belong to other apps and are named by their stable key (`core.extensions.InboxItem`);
    an item the inbox no longer lists leaves its assignment behind until the next assignment
    clears the stale ones.
    """

    key = models.CharField(_("item"), max_length=120, unique=True)
    assignee = models.ForeignKey(
        User, verbose_name=_("assigned to"), on_delete=models.CASCADE, related_name="+"
    )
    assigned_by = models.ForeignKey(
        User,
        verbose_name=_("assigned by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now=True)

    class Meta:
        verbose_name = _("inbox assignment")
        verbose_name_plural = _("inbox assignments")

    def __str__(self) -> str:
        return f"{self.key} → {self.assignee}"
