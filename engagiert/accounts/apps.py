import datetime
from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import (
    NavItem,
    PeriodicJob,
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
        from django.core import checks

        from engagiert.core.audit import audit_model

        from . import sessions, twofactor
        from .forms import AdminLoginForm
        from .models import RoleAssignment, User
        from .system_checks import webauthn_relying_party

        checks.register(webauthn_relying_party, checks.Tags.security)
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
        audit_model(User)
        audit_model(RoleAssignment)
