from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import services
from .models import User


class LoginForm(AuthenticationForm):
    """E-mail and password; too many failures pause further attempts."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("E-mail address or password is not correct. Please check both."),
        "blocked": _(
            "Too many failed attempts. For your protection, logging in is paused for "
            "%(minutes)s minutes. You can reset your password in the meantime."
        ),
    }

    def _address(self) -> str:
        return self.request.META.get("REMOTE_ADDR", "") if self.request else ""

    def clean(self) -> dict[str, Any]:
        email = self.data.get("username", "")
        if services.login_is_blocked(email=email, address=self._address()):
            raise ValidationError(
                self.error_messages["blocked"],
                code="blocked",
                params={"minutes": settings.LOGIN_LOCKOUT_SECONDS // 60},
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            services.login_failure_record(email=email, address=self._address())
            raise
        services.login_failures_clear(email=email, address=self._address())
        return cleaned


class LowercaseEmailMixin:
    """E-mail addresses are stored in lower case, so each person has exactly one account."""

    cleaned_data: dict[str, Any]

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()


class AdminUserCreationForm(LowercaseEmailMixin, auth_forms.AdminUserCreationForm):
    """The admin's form for a new person: e-mail instead of a user name."""

    class Meta:
        model = User
        fields = ("email",)


class AdminUserChangeForm(LowercaseEmailMixin, auth_forms.UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"
        field_classes: dict[str, type] = {}
