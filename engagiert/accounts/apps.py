from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import NavItem, navigation, personal_data


def _authenticated(user: Any) -> bool:
    return bool(user.is_authenticated)


class AccountsConfig(AppConfig):
    name = "engagiert.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from .personal_data import declarations

        for key, declaration in declarations().items():
            personal_data.register(key, declaration)
        from django.contrib import admin

        from engagiert.core.audit import audit_model

        from .forms import AdminLoginForm
        from .models import RoleAssignment, User

        admin.site.login_form = AdminLoginForm

        navigation.register(
            "accounts.my_area",
            NavItem(_("My area"), "accounts:dashboard", _authenticated, order=90),
        )
        audit_model(User)
        audit_model(RoleAssignment)
