import datetime
from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import (
    DataSubject,
    NavItem,
    PeriodicJob,
    PersonalData,
    navigation,
    periodic_jobs,
    personal_data,
)


def _authenticated(user: Any) -> bool:
    return bool(user.is_authenticated)


def _retire_inactive_accounts() -> object:
    from engagiert.core.audit import audit_actor

    from .retention import inactive_accounts_retire

    with audit_actor("retention"):
        return inactive_accounts_retire()


def _declare_personal_data() -> None:
    """The login's own records of a person: second factor, sessions, known browsers."""
    from django.db.models import QuerySet

    from .models import KnownDevice, RecoveryCode, TwoFactor, UserSession

    def rows(model: Any) -> Any:
        def rows_of(subject: DataSubject) -> QuerySet[Any]:
            if subject.user is None:
                return model.objects.none()
            return model.objects.filter(user=subject.user)

        return rows_of

    def erase(model: Any) -> Any:
        def erase_rows(subject: DataSubject) -> int:
            count, _kinds = rows(model)(subject).delete()
            return int(count)

        return erase_rows

    declarations = (
        (TwoFactor, ("secret",), _("Two-factor login"), _("While it is switched on")),
        (RecoveryCode, ("code_hash", "used_at"), _("Two-factor login"), _("Until renewed")),
        (
            UserSession,
            ("device", "address", "created_at", "last_seen_at"),
            _("Showing a person where they are logged in"),
            _("Until the session ends (at most 10 hours without activity)"),
        ),
        (
            KnownDevice,
            ("device", "fingerprint", "first_seen_at"),
            _("Telling a person about a login from a new device"),
            _("As long as the account exists"),
        ),
    )
    for model, fields, purpose, retention in declarations:
        personal_data.register(
            f"accounts.{model.__name__}",
            PersonalData(
                model=model._meta.label,
                fields=fields,
                purpose=purpose,
                legal_basis="Art. 6 Abs. 1 lit. f DSGVO; Art. 32 DSGVO",
                retention=retention,
                rows_of=rows(model),
                erase=erase(model),
                data_subjects=_("Everyone with an account"),
            ),
        )


class AccountsConfig(AppConfig):
    name = "engagiert.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from .personal_data import declarations

        for key, declaration in declarations().items():
            personal_data.register(key, declaration)
        from django.contrib import admin
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from engagiert.core.audit import audit_model

        from . import sessions, twofactor
        from .forms import AdminLoginForm
        from .models import RoleAssignment, User

        admin.site.login_form = AdminLoginForm
        user_logged_in.connect(twofactor.logged_in, dispatch_uid="accounts.two_factor")
        user_logged_out.connect(sessions.logged_out, dispatch_uid="accounts.sessions")

        navigation.register(
            "accounts.my_area",
            NavItem(_("My area"), "accounts:dashboard", _authenticated, order=90),
        )
        periodic_jobs.register(
            "accounts.inactive",
            PeriodicJob(
                _("Warn, then delete accounts unused for long"),
                datetime.timedelta(days=1),
                _retire_inactive_accounts,
            ),
        )
        _declare_personal_data()
        audit_model(User)
        audit_model(RoleAssignment)
