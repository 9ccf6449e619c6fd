from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("", views.mydata_view, name="mydata"),
    path("export/", views.export_request_view, name="export_request"),
    path("export/<int:pk>/", views.export_status_view, name="export_status"),
    path("export/<int:pk>/meine-daten.zip", views.export_download_view, name="export_download"),
    path("loeschung/", views.erasure_request_view, name="erasure_request"),
    path("verwaltung/", views.office_requests_view, name="office_requests"),
    path("verwaltung/<int:pk>/", views.request_detail_view, name="request_detail"),
    path("verwaltung/<int:pk>/export.zip", views.request_export_view, name="request_export"),
    path("verwaltung/<int:pk>/erledigt/", views.request_complete_view, name="request_complete"),
    path("verwaltung/<int:pk>/loeschen/", views.erasure_complete_view, name="erasure_complete"),
    path("verwaltung/verzeichnis/", views.record_view, name="record"),
    path("verwaltung/verzeichnis.pdf", views.record_pdf_view, name="record_pdf"),
]
