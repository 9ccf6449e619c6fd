import unicodedata
from collections.abc import Iterator
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from engagiert.core import throttle
from engagiert.core.http import client_ip
from engagiert.core.outbox import outbox_add

from .models import User


class ThrottledLoginMixin:
    """Too many failures for the account or from the client's address pause further attempts.

    Used by every way to log in (the login page and the admin's login)."""

    data: Any
    request: HttpRequest | None
    error_messages: dict[str, Any]
    blocked_message = _(
        "Too many failed attempts. For your protection, logging in is paused for "
        "%(minutes)s minutes. You can reset your password in the meantime."
    )

    def clean(self) -> dict[str, Any]:
        email = str(self.data.get("username", ""))
        address = client_ip(self.request) if self.request else ""
        if throttle.login_is_blocked(email=email, address=address):
            raise ValidationError(
                self.blocked_message,
                code="blocked",
                params={"minutes": settings.LOGIN_LOCKOUT_SECONDS // 60},
            )
        try:
            cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        except ValidationError:
            throttle.login_failure_record(email=email, address=address)
            raise
        throttle.login_account_forgive(email=email)
        if self.request is not None:
            # The login that follows asks for the second factor (twofactor.logged_in).
            self.request.password_checked_for = self.get_user()  # type: ignore[attr-defined]
        return cleaned


class LoginForm(ThrottledLoginMixin, AuthenticationForm):
    """E-mail and password; too many failures pause further attempts."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("E-mail address or password is not correct. Please check both."),
    }


class AdminLoginForm(ThrottledLoginMixin, AdminAuthenticationForm):
    """The admin's login, throttled like the login page."""


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


class PasswordResetForm(auth_forms.PasswordResetForm):
    """The reset link goes through the outbox (kept and retried while the mail server is away),
    also to an account that has no password yet: that is how a new account chooses its first."""

    def get_users(self, email: str) -> Iterator[User]:
        wanted = _folded(email)
        return (
            user
            for user in User.objects.filter(email__iexact=email, is_active=True)
            if _folded(user.email) == wanted  # the database's iexact is laxer than Unicode's
        )

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        outbox_add(
            to_email=to_email,
            subject=subject,
            text=render_to_string(email_template_name, context),
        )


class TwoFactorCodeForm(forms.Form):
    """The second step: the app's code, or one of the recovery codes."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The 6-digit code from your authenticator app, or a recovery code."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class TwoFactorSetupForm(forms.Form):
    """The first code from the app proves it is set up."""

    code = forms.CharField(
        label=_("Code from the app"),
        max_length=10,
        help_text=_("The 6-digit code your app shows after adding the account."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class PasskeyNameForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the passkey"),
        max_length=80,
        help_text=_("So that you recognise it, e.g. »Laptop at work« or »My phone«."),
    )


class PasskeyAddForm(PasskeyNameForm):
    """A new passkey: its name and, to prove it is the person at the keyboard, the password.
    Wrong passwords count like failed logins."""

    password = forms.CharField(
        label=_("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, request: HttpRequest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user, self.request = user, request

    def clean_password(self) -> str:
        password = str(self.cleaned_data["password"])
        address = client_ip(self.request)
        if throttle.login_is_blocked(email=self.user.email, address=address):
            raise ValidationError(
                ThrottledLoginMixin.blocked_message,
                code="blocked",
                params={"minutes": settings.LOGIN_LOCKOUT_SECONDS // 60},
            )
        if not self.user.check_password(password):
            throttle.login_failure_record(email=self.user.email, address=address)
            raise ValidationError(_("The password is not correct."), code="invalid")
        return password


class PersonSearchForm(forms.Form):
    email = forms.CharField(label=_("E-mail address"), max_length=254, required=False)


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


class InboxAssignForm(forms.Form):
    """Who in the office takes care of one item of the inbox (empty: nobody)."""

    key = forms.CharField(max_length=120, widget=forms.HiddenInput)
    assignee = forms.ModelChoiceField(
        label=_("Assigned to"), queryset=User.objects.none(), required=False
    )
    #: The inbox's filters, kept for the way back (only a query string).
    back = forms.CharField(max_length=200, required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from .queries import office_people

        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = office_people()  # type: ignore[attr-defined]
