from django.urls import path

from . import network_views, views

app_name = "membership"
urlpatterns = [
    path("", views.member_directory_view, name="directory"),
    path("export.<str:fmt>", views.member_export_view, name="directory_export"),
    path("erklaerung/", views.declaration_view, name="declaration"),
    path(
        "erklaerung/fassungen/neu/",
        network_views.declaration_publish_view,
        name="declaration_publish",
    ),
    path("erklaerung/unterzeichnungen/neu/", network_views.wave_form_view, name="wave_create"),
    path(
        "erklaerung/unterzeichnungen/<int:pk>/",
        network_views.wave_detail_view,
        name="wave_detail",
    ),
    path(
        "erklaerung/unterzeichnungen/<int:pk>/bearbeiten/",
        network_views.wave_form_view,
        name="wave_edit",
    ),
    path(
        "erklaerung/unterzeichnungen/<int:pk>/unterschriften/<int:signature>/entfernen/",
        network_views.signature_remove_view,
        name="signature_remove",
    ),
    path("partner/", views.partner_list_view, name="partners"),
    path("mitglied-werden/", views.join_view, name="join"),
    path("partner/neu/", network_views.partnership_form_view, name="partnership_create"),
    path("partner/<int:pk>/", network_views.partnership_form_view, name="partnership_edit"),
    path("partner/<int:pk>/beenden/", network_views.partnership_end_view, name="partnership_end"),
    path("antraege/", views.application_queue_view, name="application_queue"),
    path("antraege/<int:pk>/", views.application_detail_view, name="application_detail"),
    path(
        "antraege/<int:pk>/zurueckziehen/",
        views.application_withdraw_view,
        name="application_withdraw",
    ),
    path("kontakte/<int:pk>/zustimmung/", views.contact_consent_view, name="contact_consent"),
    path("<str:ags>/profil/", views.profile_edit_view, name="profile_edit"),
    path("<str:ags>/verlauf/", views.profile_history_view, name="profile_history"),
    path("<str:ags>/kontakte/neu/", views.contact_form_view, name="contact_create"),
    path("<str:ags>/kontakte/<int:pk>/", views.contact_form_view, name="contact_edit"),
    path(
        "<str:ags>/kontakte/<int:pk>/einladen/",
        network_views.contact_invite_view,
        name="contact_invite",
    ),
    path("<str:ags>/leitung/neu/", views.leader_form_view, name="leader_create"),
    path("<str:ags>/leitung/<int:pk>/", views.leader_form_view, name="leader_edit"),
    path("<str:ags>/<str:kind>/<int:pk>/loeschen/", views.object_delete_view, name="object_delete"),
    path("<str:ags>/dokumente/neu/", views.document_upload_view, name="document_upload"),
    path("<str:ags>/dokumente/<int:pk>/", views.document_download_view, name="document_download"),
    path("<str:ags>/antrag/", views.application_create_view, name="application_create"),
    path("<str:ags>/antraege/", views.application_list_own_view, name="application_list_own"),
    path("<str:ags>/austritt/", views.membership_end_view, name="membership_end"),
]
