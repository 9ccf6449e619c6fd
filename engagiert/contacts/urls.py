from django.urls import path

from . import views

app_name = "contacts"
urlpatterns = [
    path("", views.contact_list_view, name="list"),
    path("export.csv", views.contact_export_view, name="export"),
    path("neu/", views.person_create_view, name="person_create"),
    path("<int:pk>/", views.person_view, name="person"),
    path("<int:pk>/bearbeiten/", views.person_edit_view, name="person_edit"),
    path("<int:pk>/nachfolge/", views.person_hand_over_view, name="person_hand_over"),
    path("kommune/<str:ags>/", views.authority_view, name="authority"),
    path("eintraege/<int:pk>/", views.activity_edit_view, name="activity_edit"),
    path("eintraege/<int:pk>/loeschen/", views.activity_delete_view, name="activity_delete"),
    path("wiedervorlagen/", views.follow_up_list_view, name="follow_ups"),
    path("wiedervorlagen/<int:pk>/erledigt/", views.follow_up_mark_view, name="follow_up_mark"),
    path("import/", views.import_upload_view, name="import"),
    path("import/<int:pk>/", views.import_preview_view, name="import_preview"),
]
