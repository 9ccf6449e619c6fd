from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("", views.home_view, name="home"),
    path("katalog/", views.catalogue_view, name="catalogue"),
    path("katalog/export.<str:fmt>", views.catalogue_export_view, name="catalogue_export"),
    path("katalog/neu/", views.indicator_create_view, name="indicator_create"),
    path("katalog/<slug:key>/", views.indicator_edit_view, name="indicator_edit"),
    path("katalog/<slug:key>/import/", views.indicator_import_view, name="indicator_import"),
    path("netzwerk/", views.network_view, name="network"),
    path("netzwerk/export.<str:fmt>", views.network_export_view, name="network_export"),
    path("stichtag/", views.snapshot_view, name="snapshot"),
    path("kommune/<str:ags>/", views.authority_view, name="authority"),
    path(
        "kommune/<str:ags>/export.<str:fmt>", views.authority_export_view, name="authority_export"
    ),
    path("kommune/<str:ags>/werte/", views.values_edit_view, name="values_edit"),
    path("kommune/<str:ags>/vergleich/", views.peers_view, name="peers"),
    path(
        "kommune/<str:ags>/vergleich/export.<str:fmt>",
        views.peers_export_view,
        name="peers_export",
    ),
]
