from django.urls import path

from . import views

app_name = "mailings"
urlpatterns = [
    path("", views.mailing_list_view, name="mailing_list"),
    path("neu/", views.mailing_form_view, name="mailing_create"),
    path("empfaenger/", views.segment_reach_view, name="segment_reach"),
    path(
        "zielgruppe-aus-verzeichnis/",
        views.segment_from_directory_view,
        name="segment_from_directory",
    ),
    path("postausgang/", views.outbox_view, name="outbox"),
    path("postausgang/erneut-senden/", views.outbox_retry_view, name="outbox_retry"),
    path("einstellungen/", views.preferences_view, name="preferences"),
    path("abonnieren/", views.newsletter_view, name="newsletter"),
    path(
        "abonnieren/bestaetigen/<str:token>/",
        views.newsletter_confirm_view,
        name="newsletter_confirm",
    ),
    path("abmelden/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
    path("<int:pk>/", views.mailing_detail_view, name="mailing_detail"),
    path("<int:pk>/bearbeiten/", views.mailing_form_view, name="mailing_edit"),
    path("<int:pk>/fortschritt/", views.mailing_progress_view, name="mailing_progress"),
]
