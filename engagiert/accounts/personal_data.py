"""The personal data of the accounts app (see core.extensions.PersonalData)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from engagiert.core.extensions import DataSubject, PersonalData
from engagiert.core.personal_data import UNTIL_ERASURE, USE_OF_PLATFORM, deleting, rows_by

from .models import (
    InboxAssignment,
    KnownDevice,
    Passkey,
    RecoveryCode,
    Role,
    RoleAssignment,
    TwoFactor,
    User,
    UserSession,
)
from .permissions import is_office

#: The login's own records (second factor, sessions, known devices) protect the account.
SECURITY = "Art. 6 Abs. 1 lit. f DSGVO; Art. 32 DSGVO (Sicherheit der Verarbeitung)"


def _account(subject: DataSubject) -> QuerySet[Any]:
    if subject.user is None:
        return User.objects.none()
    return User.objects.filter(pk=subject.user.pk)


def _not_the_last_office_account(subject: DataSubject) -> None:
    """The network office must keep one account: without it no one could run the platform."""
    user = subject.user
    if user is None or not is_office(user):
        return
    office = User.objects.filter(Q(role_assignments__role=Role.OFFICE) | Q(is_superuser=True))
    if not office.filter(is_active=True).exclude(pk=user.pk).exists():
        raise ValidationError(
            "Dieses Konto ist das letzte Konto der Netzwerkstelle und kann nicht gelöscht "
            "werden. Bitte richten Sie zuerst ein weiteres Konto der Netzwerkstelle ein."
        )


def _inbox_assignments(subject: DataSubject) -> QuerySet[Any]:
    if subject.user is None:
        return InboxAssignment.objects.none()
    return InboxAssignment.objects.filter(Q(assignee=subject.user) | Q(assigned_by=subject.user))


def declarations() -> dict[str, PersonalData]:
    roles = rows_by(RoleAssignment, user="user")
    second_factor = rows_by(TwoFactor, user="user")
    recovery_codes = rows_by(RecoveryCode, user="user")
    passkeys = rows_by(Passkey, user="user")
    sessions = rows_by(UserSession, user="user")
    devices = rows_by(KnownDevice, user="user")
    return {
        "accounts.user": PersonalData(
            model="accounts.User",
            fields=("email", "first_name", "last_name", "date_joined", "last_login"),
            purpose="Benutzerkonto: Anmeldung und Anrede auf der Plattform",
            legal_basis=USE_OF_PLATFORM,
            retention=UNTIL_ERASURE,
            rows_of=_account,
            erase=deleting(_account),
            data_subjects="Nutzerinnen und Nutzer mit Konto",
            check=_not_the_last_office_account,
        ),
        "accounts.role": PersonalData(
            model="accounts.RoleAssignment",
            fields=("user", "role", "authority", "organisation", "function"),
            purpose="Rollen und Rechte: für welche Kommune oder Organisation jemand handelt",
            legal_basis=USE_OF_PLATFORM,
            retention="Bis die Rolle entzogen oder das Konto gelöscht wird.",
            rows_of=roles,
            erase=deleting(roles),
            data_subjects="Nutzerinnen und Nutzer mit Konto",
        ),
        "accounts.two_factor": PersonalData(
            model="accounts.TwoFactor",
            fields=("user", "secret"),
            purpose="Anmeldung mit zweitem Faktor",
            legal_basis=SECURITY,
            retention="Solange der zweite Faktor eingeschaltet ist.",
            rows_of=second_factor,
            erase=deleting(second_factor),
            data_subjects="Nutzerinnen und Nutzer mit Konto",
        ),
        "accounts.recovery_code": PersonalData(
            model="accounts.RecoveryCode",
            fields=("user", "code_hash", "used_at"),
            purpose="Anmeldung mit zweitem Faktor: Wiederherstellungscodes",
            legal_basis=SECURITY,
            retention="Bis die Codes erneuert werden.",
            rows_of=recovery_codes,
            erase=deleting(recovery_codes),
            data_subjects="Nutzerinnen und Nutzer mit Konto",
        ),
        "accounts.passkey": PersonalData(
            model="accounts.Passkey",
            fields=(
                "user",
                "name",
                "credential_id",
                "public_key",
                "user_handle",
                "sign_count",
                "transports",
                "created_at",
                "last_used_at",
            ),
            purpose="Anmeldung mit Passkey (ohne Passwort oder als zweiter Faktor)",
            legal_basis=SECURITY,
            retention="Bis die Person den Passkey entfernt oder das Konto gelöscht wird.",
            rows_of=passkeys,
            erase=deleting(passkeys),
            data_subjects="Nutzerinnen und Nutzer mit Konto",
        ),
        "accounts.session": PersonalData(
            model="accounts.UserSession",
            fields=("user", "device", "address", "created_at", "last_seen_at"),
            purpose="Anzeige, wo eine Person angemeldet ist",
            legal_basis=SECURITY,
            retention="Bis die Sitzung endet (höchstens 10 Stunden ohne Aktivität).",
            rows_of=sessions,
            erase=deleting(sessions),
            data_subjects="Nutzerinnen und Nutzer mit Konto",
        ),
        "accounts.device": PersonalData(
            model="accounts.KnownDevice",
            fields=("user", "device", "fingerprint", "first_seen_at"),
            purpose="Hinweis an eine Person bei einer Anmeldung von einem neuen Gerät",
            legal_basis=SECURITY,
            retention="Solange das Konto besteht.",
            rows_of=devices,
            erase=deleting(devices),
            data_subjects="Nutzerinnen und Nutzer mit Konto",
        ),
        "accounts.inbox_assignment": PersonalData(
            model="accounts.InboxAssignment",
            fields=("assignee", "assigned_by", "assigned_at"),
            purpose="Zuständigkeit im Posteingang des Netzwerkbüros",
            legal_basis=USE_OF_PLATFORM,
            retention="Bis der Eintrag nicht mehr wartet (bei der nächsten Zuweisung gelöscht).",
            rows_of=_inbox_assignments,
            erase=deleting(_inbox_assignments),
            data_subjects="Beschäftigte des Netzwerkbüros",
        ),
    }
