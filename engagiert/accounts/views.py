import json
import logging
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from engagiert.core.extensions import Place, panels_for
from engagiert.core.http import client_ip, safe_next
from engagiert.core.qr import qr_svg

from . import passkeys, permissions, queries, services, sessions, twofactor
from .forms import (
    InboxAssignForm,
    LoginForm,
    PasskeyAddForm,
    PasskeyNameForm,
    PasswordResetForm,
    PersonSearchForm,
    ThrottledLoginMixin,
    TwoFactorCodeForm,
    TwoFactorSetupForm,
)
from .models import Role, User

logger = logging.getLogger(__name__)


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A password set by a reset link ends every session of the person."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        sessions.sessions_end_others(user=form.user, keep=None)
        return response


@login_required
def dashboard_view(request: HttpRequest) -> HttpResponse:
    """The start page after login: one section per role the person holds."""
    user = request.user
    assignments = permissions.role_assignments(user)
    roles = {assignment.role for assignment in assignments}
    if permissions.is_office(user):
        roles.add(Role.OFFICE)
    context = {
        "assignments": assignments,
        "roles": roles,
        "Role": Role,
        "is_office": Role.OFFICE in roles,
        "panels": panels_for(Place.DASHBOARD, user=user),
    }
    if Role.OFFICE in roles:
        context.update(_inbox_context(request))
    return render(request, "accounts/dashboard.html", context)


def _inbox_context(request: HttpRequest) -> dict[str, Any]:
    """The office's inbox on its start page, filtered by kind (`art`) and »assigned to me«."""
    kind = request.GET.get("art", "")
    mine = request.GET.get("mir") == "1"
    inbox = queries.inbox(kind=kind, assignee=request.user if mine else None)
    return {
        "inbox": inbox,
        "inbox_kind": kind,
        "inbox_mine": mine,
        "inbox_back": request.GET.urlencode(),
        "inbox_today": timezone.localdate(),
        "office_people": list(queries.office_people()),
    }


@login_required
@require_POST
def inbox_assign_view(request: HttpRequest) -> HttpResponse:
    """»Zuweisen« in the office's inbox: back to the inbox with its filters and a message."""
    if not permissions.is_office(request.user):
        raise PermissionDenied
    form = InboxAssignForm(request.POST)
    if not form.is_valid():
        logger.warning("Inbox assignment refused: %s", form.errors.as_json())
        messages.error(request, _("Please choose a person of the network office."))
        return redirect("accounts:dashboard")
    assignee = form.cleaned_data["assignee"]
    try:
        services.inbox_assign(
            key=form.cleaned_data["key"], assignee=assignee, by=cast(User, request.user)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        done = _("Assigned to %(name)s.") % {"name": _person(assignee)} if assignee else None
        messages.success(request, done or _("The item is assigned to nobody now."))
    back = QueryDict(form.cleaned_data["back"]).urlencode()
    return redirect(reverse("accounts:dashboard") + (f"?{back}" if back else ""))


def _person(user: User) -> str:
    return user.get_full_name() or user.email


def _safe_next(request: HttpRequest, next_url: str) -> str:
    return safe_next(request, next_url, reverse("accounts:dashboard"))


def _after_second_step(request: HttpRequest) -> HttpResponse:
    return redirect(_safe_next(request, str(request.session.pop(twofactor.NEXT, ""))))


@login_required
@never_cache
def two_factor_verify_view(request: HttpRequest) -> HttpResponse:
    """The second login step: the app's code or a recovery code."""
    user = cast(User, request.user)
    if twofactor.pending(request.session) != twofactor.VERIFY:
        return redirect("accounts:dashboard")
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.attempts_blocked(user=user):
            form.add_error("code", ThrottledLoginMixin.blocked_message % _lockout())
        elif twofactor.two_factor_check(user=user, code=form.cleaned_data["code"]):
            twofactor.login_complete(request=request, user=user)
            return _after_second_step(request)
        else:
            form.add_error("code", _("The code is not correct. Please try again."))
    context = {
        "form": form if twofactor.has_two_factor(user) else None,
        "has_passkeys": passkeys.passkeys_of(user).exists(),
    }
    return render(request, "accounts/two_factor_verify.html", context)


def _lockout() -> dict[str, int]:
    return {"minutes": settings.LOGIN_LOCKOUT_SECONDS // 60}


@login_required
@never_cache
def two_factor_setup_view(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: QR code and secret, confirmed by a first code."""
    user = cast(User, request.user)
    secret = twofactor.setup_secret(request.session)
    form = TwoFactorSetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = twofactor.two_factor_enable(
                user=user, secret=secret, code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            del request.session[twofactor.SETUP_SECRET]
            request.session[twofactor.NEW_CODES] = codes
            if twofactor.pending(request.session) == twofactor.SETUP:
                twofactor.login_complete(request=request, user=user)
            return redirect("accounts:two_factor_recovery_codes")
    uri = twofactor.provisioning_uri(user=user, secret=secret)
    context = {
        "form": form,
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "qr": mark_safe(qr_svg(uri, label=_("QR code for the authenticator app"))),  # noqa: S308
        "required": twofactor.is_required(user),
        "pending": twofactor.pending(request.session),
        "passkey_form": PasskeyAddForm(user=user, request=request),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@login_required
@never_cache
def two_factor_recovery_codes_view(request: HttpRequest) -> HttpResponse:
    """The recovery codes, shown once after they were made; POST makes new ones."""
    user = cast(User, request.user)
    if request.method == "POST":
        if not twofactor.has_two_factor(user):
            return redirect("accounts:security")
        request.session[twofactor.NEW_CODES] = twofactor.recovery_codes_renew(user=user)
        return redirect("accounts:two_factor_recovery_codes")
    codes = request.session.pop(twofactor.NEW_CODES, None)
    if not codes:
        return redirect("accounts:security")
    return render(request, "accounts/two_factor_recovery_codes.html", {"codes": codes})


@login_required
@require_POST
def two_factor_disable_view(request: HttpRequest) -> HttpResponse:
    try:
        twofactor.two_factor_disable(user=cast(User, request.user))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Two-factor login is switched off."))
    return redirect("accounts:security")


@login_required
def security_view(request: HttpRequest) -> HttpResponse:
    """Account security: the second factor and the sessions, each ended with one click."""
    user = cast(User, request.user)
    context = {
        "has_two_factor": twofactor.has_two_factor(user),
        "required": twofactor.is_required(user),
        "codes_left": twofactor.recovery_codes_left(user),
        "passkeys": passkeys.passkeys_of(user),
        "passkey_form": PasskeyAddForm(user=user, request=request),
        "sessions": sessions.sessions_active(user),
        "current": request.session.session_key,
    }
    return render(request, "accounts/security.html", context)


@login_required
@require_POST
def session_end_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(sessions.sessions_active(cast(User, request.user)), pk=pk)
    if session.session_key == request.session.session_key:
        logout(request)
        return redirect("core:home")
    sessions.session_end(session=session)
    messages.success(request, _("The session is ended."))
    return redirect("accounts:security")


class PasswordChangeView(auth_views.PasswordChangeView):
    """A new password ends every other session of the person."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:security")

    def form_valid(self, form: Any) -> HttpResponse:
        before = self.request.session.session_key or ""
        response = super().form_valid(form)  # keeps this session under a new key
        kept = self.request.session.session_key or ""
        ended = sessions.sessions_end_others(user=form.user, keep=kept, renamed_from=before)
        messages.success(
            self.request,
            _("Your password is changed. Other sessions ended: %(count)s.") % {"count": ended},
        )
        return response


@login_required
def two_factor_people_view(request: HttpRequest) -> HttpResponse:
    """The office looks up a person to reset their lost second factor."""
    if not permissions.is_office(request.user):
        raise PermissionDenied
    form = PersonSearchForm(request.GET or None)
    people = (
        twofactor.people_with_two_factor(form.cleaned_data["email"])
        if form.is_valid() and form.cleaned_data["email"]
        else None
    )
    return render(request, "accounts/two_factor_people.html", {"form": form, "people": people})


@login_required
def two_factor_reset_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then reset: the person sets up a new factor and is told by mail."""
    if not permissions.is_office(request.user):
        raise PermissionDenied
    person = get_object_or_404(twofactor.people_with_second_factor(), pk=pk)
    if request.method == "POST":
        twofactor.two_factor_reset(user=person)
        messages.success(
            request,
            _("The second factor of %(name)s is reset; they were told by e-mail.")
            % {"name": person},
        )
        return redirect("accounts:two_factor_people")
    return render(request, "accounts/two_factor_reset.html", {"person": person})


def _credential(request: HttpRequest) -> str:
    try:
        payload = json.loads(request.body)
    except ValueError:
        payload = None
    return passkeys.credential_json(payload)


def _refusal(error: ValidationError) -> JsonResponse:
    return JsonResponse({"error": error.messages[0]}, status=400)


def _options(options: str) -> HttpResponse:
    return HttpResponse(options, content_type="application/json")


@login_required
@require_POST
@never_cache
def passkey_register_options_view(request: HttpRequest) -> HttpResponse:
    """Step 1 of adding a passkey: name and password checked, the options for the browser."""
    user = cast(User, request.user)
    form = PasskeyAddForm(request.POST, user=user, request=request)
    if not form.is_valid():
        errors = {field: list(found) for field, found in form.errors.items()}
        return JsonResponse({"errors": errors}, status=400)
    name = form.cleaned_data["name"]
    return _options(passkeys.registration_options(session=request.session, user=user, name=name))


@login_required
@require_POST
def passkey_register_view(request: HttpRequest) -> JsonResponse:
    """Step 2: the authenticator's answer checked and the passkey kept."""
    try:
        passkey = passkeys.passkey_register(
            session=request.session, user=cast(User, request.user), credential=_credential(request)
        )
    except ValidationError as error:
        return _refusal(error)
    messages.success(request, _("The passkey »%(name)s« is added.") % {"name": passkey.name})
    if twofactor.pending(request.session) == twofactor.SETUP:  # it is the required factor
        twofactor.login_complete(request=request, user=passkey.user)
        next_url = _safe_next(request, str(request.session.pop(twofactor.NEXT, "")))
        return JsonResponse({"redirect": next_url})
    return JsonResponse({"redirect": reverse("accounts:security")})


@login_required
def passkey_rename_view(request: HttpRequest, pk: int) -> HttpResponse:
    passkey = get_object_or_404(passkeys.passkeys_of(request.user), pk=pk)
    form = PasskeyNameForm(request.POST or None, initial={"name": passkey.name})
    if request.method == "POST" and form.is_valid():
        try:
            passkeys.passkey_rename(passkey=passkey, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(request, _("The passkey is renamed."))
            return redirect("accounts:security")
    return render(request, "accounts/passkey_rename.html", {"form": form, "passkey": passkey})


@login_required
def passkey_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then remove a passkey."""
    passkey = get_object_or_404(passkeys.passkeys_of(request.user), pk=pk)
    if request.method == "POST":
        try:
            passkeys.passkey_delete(passkey=passkey)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request, _("The passkey »%(name)s« is removed.") % {"name": passkey.name}
            )
        return redirect("accounts:security")
    return render(request, "accounts/passkey_delete.html", {"passkey": passkey})


def _second_step_due(request: HttpRequest) -> bool:
    return twofactor.pending(request.session) == twofactor.VERIFY


def _no_second_step() -> JsonResponse:
    return JsonResponse({"redirect": reverse("accounts:dashboard")}, status=400)


@login_required
@require_POST
@never_cache
def passkey_verify_options_view(request: HttpRequest) -> HttpResponse:
    """The second login step with a passkey: the options for the person's passkeys."""
    if not _second_step_due(request):
        return _no_second_step()
    user = cast(User, request.user)
    return _options(passkeys.authentication_options(session=request.session, user=user))


@login_required
@require_POST
def passkey_verify_view(request: HttpRequest) -> JsonResponse:
    if not _second_step_due(request):
        return _no_second_step()
    user = cast(User, request.user)
    try:
        passkeys.passkey_authenticate(
            session=request.session,
            credential=_credential(request),
            user=user,
            address=client_ip(request),
        )
    except ValidationError as error:
        return _refusal(error)
    twofactor.login_complete(request=request, user=user)
    next_url = _safe_next(request, str(request.session.pop(twofactor.NEXT, "")))
    return JsonResponse({"redirect": next_url})


@require_POST
@never_cache
def passkey_sign_in_options_view(request: HttpRequest) -> HttpResponse:
    """Logging in without a password: the options for any passkey of this site."""
    return _options(passkeys.authentication_options(session=request.session, user=None))


@require_POST
def passkey_sign_in_view(request: HttpRequest) -> JsonResponse:
    """The passkey (with its user verification) is both factors: the person is logged in."""
    try:
        passkey = passkeys.passkey_authenticate(
            session=request.session,
            credential=_credential(request),
            user=None,
            address=client_ip(request),
        )
    except ValidationError as error:
        return _refusal(error)
    login(request, passkey.user, backend="django.contrib.auth.backends.ModelBackend")
    twofactor.login_complete(request=request, user=passkey.user)
    return JsonResponse({"redirect": _safe_next(request, request.GET.get("next", ""))})
