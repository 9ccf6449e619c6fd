from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from engagiert.core.navigation import NavItem


def _authenticated(user: Any) -> bool:
    return bool(user.is_authenticated)


class AccountsConfig(AppConfig):
    name = "engagiert.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")
    navigation = [NavItem(_("My area"), "accounts:dashboard", _authenticated, order=90)]

    def ready(self) -> None:
        from django.contrib import admin

        from engagiert.core.audit import audit_model

        from .forms import AdminLoginForm
        from .models import RoleAssignment, User

        admin.site.login_form = AdminLoginForm

        audit_model(User)
        audit_model(RoleAssignment)
