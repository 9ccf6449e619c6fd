from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("", views.event_list_view, name="event_list"),
    path("meine/", views.my_events_view, name="my_events"),
    path("meine/kalender-erneuern/", views.calendar_feed_renew_view, name="calendar_feed_renew"),
    path("kalender/<str:token>.ics", views.calendar_feed_view, name="calendar_feed"),
    path("anmeldung/<str:token>/", views.registration_manage_view, name="registration_manage"),
    path(
        "anmeldung/<str:token>/bestaetigen/",
        views.registration_confirm_view,
        name="registration_confirm",
    ),
    path(
        "anmeldung/<str:token>/workshops/",
        views.registration_workshops_view,
        name="registration_workshops",
    ),
    path(
        "anmeldung/<str:token>/stornieren/",
        views.registration_cancel_view,
        name="registration_cancel",
    ),
    path("<int:pk>/", views.event_detail_view, name="event_detail"),
    path("<int:pk>/anmelden/", views.registration_create_view, name="registration_create"),
    path("<int:pk>/kalender.ics", views.event_ics_view, name="event_ics"),
    path("<int:pk>/dateien/<int:file_pk>/", views.event_file_view, name="event_file"),
    path("<int:pk>/verwaltung/", views.event_manage_view, name="event_manage"),
    path(
        "<int:pk>/verwaltung/einlass/<int:registration_pk>/",
        views.check_in_toggle_view,
        name="check_in_toggle",
    ),
    path("<int:pk>/einlass/<str:code>/", views.check_in_scan_view, name="check_in_scan"),
    path(
        "<int:pk>/teilnehmende.<str:fmt>",
        views.participants_export_view,
        name="participants_export",
    ),
    path("<int:pk>/zielgruppe/", views.event_segment_view, name="event_segment"),
]
