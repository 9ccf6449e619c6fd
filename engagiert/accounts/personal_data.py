"""The personal data of the accounts app (see core.extensions.PersonalData)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from engagiert.core.extensions import DataSubject, PersonalData
from engagiert.core.personal_data import UNTIL_ERASURE, USE_OF_PLATFORM, deleting, rows_by

from .models import Role, RoleAssignment, User
from .permissions import is_office


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


def declarations() -> dict[str, PersonalData]:
    roles = rows_by(RoleAssignment, user="user")
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
    }
