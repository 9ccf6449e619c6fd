from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("eingang/zuweisen/", views.inbox_assign_view, name="inbox_assign"),
    path("anmelden/", views.LoginView.as_view(), name="login"),
    path(
        "anmelden/passkey/optionen/",
        views.passkey_sign_in_options_view,
        name="passkey_sign_in_options",
    ),
    path("anmelden/passkey/", views.passkey_sign_in_view, name="passkey_sign_in"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("passwort-vergessen/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "passwort-vergessen/gesendet/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "passwort-neu/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "passwort-neu/fertig/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("zwei-faktor/", views.two_factor_verify_view, name="two_factor_verify"),
    path(
        "zwei-faktor/passkey/optionen/",
        views.passkey_verify_options_view,
        name="passkey_verify_options",
    ),
    path("zwei-faktor/passkey/", views.passkey_verify_view, name="passkey_verify"),
    path("zwei-faktor/einrichten/", views.two_factor_setup_view, name="two_factor_setup"),
    path(
        "zwei-faktor/wiederherstellungscodes/",
        views.two_factor_recovery_codes_view,
        name="two_factor_recovery_codes",
    ),
    path("zwei-faktor/ausschalten/", views.two_factor_disable_view, name="two_factor_disable"),
    path("zwei-faktor/personen/", views.two_factor_people_view, name="two_factor_people"),
    path(
        "zwei-faktor/personen/<int:pk>/zuruecksetzen/",
        views.two_factor_reset_view,
        name="two_factor_reset",
    ),
    path("sicherheit/", views.security_view, name="security"),
    path(
        "sicherheit/passkeys/optionen/",
        views.passkey_register_options_view,
        name="passkey_register_options",
    ),
    path("sicherheit/passkeys/", views.passkey_register_view, name="passkey_register"),
    path(
        "sicherheit/passkeys/<int:pk>/umbenennen/",
        views.passkey_rename_view,
        name="passkey_rename",
    ),
    path(
        "sicherheit/passkeys/<int:pk>/entfernen/",
        views.passkey_delete_view,
        name="passkey_delete",
    ),
    path("sicherheit/sitzungen/<int:pk>/beenden/", views.session_end_view, name="session_end"),
    path("passwort-aendern/", views.PasswordChangeView.as_view(), name="password_change"),
]
