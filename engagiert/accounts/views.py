from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy

from engagiert.core.extensions import Place, panels_for

from . import permissions
from .forms import LoginForm, PasswordResetForm
from .models import Role


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
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


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
    return render(request, "accounts/dashboard.html", context)
