from django.urls import path

from . import office_views, views

app_name = "events"
urlpatterns = [
    path("", views.event_list_view, name="event_list"),
    path("neu/", office_views.event_create_view, name="event_create"),
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
    path(
        "anmeldung/<str:token>/bescheinigung.pdf",
        office_views.certificate_view,
        name="certificate",
    ),
    path("<int:pk>/", views.event_detail_view, name="event_detail"),
    path("<int:pk>/bearbeiten/", office_views.event_edit_view, name="event_edit"),
    path("<int:pk>/veroeffentlichen/", office_views.event_publish_view, name="event_publish"),
    path("<int:pk>/kopieren/", office_views.event_copy_view, name="event_copy"),
    path("<int:pk>/programm/", office_views.programme_view, name="programme"),
    path(
        "<int:pk>/programm/<int:item_pk>/",
        office_views.programme_item_edit_view,
        name="programme_item_edit",
    ),
    path(
        "<int:pk>/programm/<int:item_pk>/entfernen/",
        office_views.programme_item_delete_view,
        name="programme_item_delete",
    ),
    path(
        "<int:pk>/programm/<int:item_pk>/verschieben/",
        office_views.programme_item_move_view,
        name="programme_item_move",
    ),
    path("<int:pk>/fragen/", office_views.questions_view, name="questions"),
    path(
        "<int:pk>/fragen/<int:question_pk>/",
        office_views.question_edit_view,
        name="question_edit",
    ),
    path(
        "<int:pk>/fragen/<int:question_pk>/entfernen/",
        office_views.question_delete_view,
        name="question_delete",
    ),
    path("<int:pk>/einladen/", office_views.invite_view, name="invite"),
    path(
        "<int:pk>/nachricht/", office_views.participants_message_view, name="participants_message"
    ),
    path("<int:pk>/dokumentation/", office_views.documentation_view, name="documentation"),
    path(
        "<int:pk>/dokumentation/ergebnisse/<int:result_pk>/",
        office_views.result_edit_view,
        name="result_edit",
    ),
    path(
        "<int:pk>/dokumentation/ergebnisse/<int:result_pk>/entfernen/",
        office_views.result_delete_view,
        name="result_delete",
    ),
    path(
        "<int:pk>/dokumentation/dateien/<int:file_pk>/",
        office_views.event_file_edit_view,
        name="event_file_edit",
    ),
    path(
        "<int:pk>/dokumentation/dateien/<int:file_pk>/entfernen/",
        office_views.event_file_delete_view,
        name="event_file_delete",
    ),
    path("<int:pk>/anmelden/", views.registration_create_view, name="registration_create"),
    path("<int:pk>/kalender.ics", views.event_ics_view, name="event_ics"),
    path("<int:pk>/dateien/<int:file_pk>/", views.event_file_view, name="event_file"),
    path("<int:pk>/verwaltung/", views.event_manage_view, name="event_manage"),
    path(
        "<int:pk>/verwaltung/einlass/<int:registration_pk>/",
        views.check_in_toggle_view,
        name="check_in_toggle",
    ),
    path(
        "<int:pk>/verwaltung/nachruecken/<int:registration_pk>/",
        office_views.registration_promote_view,
        name="registration_promote",
    ),
    path("<int:pk>/einlass/<str:code>/", views.check_in_scan_view, name="check_in_scan"),
    path(
        "<int:pk>/teilnehmende.<str:fmt>",
        views.participants_export_view,
        name="participants_export",
    ),
    path("<int:pk>/zielgruppe/", office_views.event_segment_view, name="event_segment"),
]
