from django.urls import path

from . import views, views_assessment, views_report

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

# The yearly self-assessment and the annual network report.
urlpatterns += [
    path("selbstauskunft/", views_assessment.assessment_list_view, name="assessment_list"),
    path(
        "selbstauskunft/neu/",
        views_assessment.questionnaire_create_view,
        name="questionnaire_create",
    ),
    path(
        "selbstauskunft/kopieren/",
        views_assessment.questionnaire_copy_view,
        name="questionnaire_copy",
    ),
    path("selbstauskunft/<int:year>/", views_assessment.questionnaire_view, name="questionnaire"),
    path(
        "selbstauskunft/<int:year>/bearbeiten/",
        views_assessment.questionnaire_edit_view,
        name="questionnaire_edit",
    ),
    path(
        "selbstauskunft/<int:year>/erinnern/",
        views_assessment.questionnaire_remind_view,
        name="questionnaire_remind",
    ),
    path(
        "selbstauskunft/<int:year>/ergebnisse/",
        views_assessment.questionnaire_results_view,
        name="questionnaire_results",
    ),
    path(
        "selbstauskunft/<int:year>/fragen/neu/",
        views_assessment.question_edit_view,
        name="question_create",
    ),
    path(
        "selbstauskunft/<int:year>/fragen/<int:pk>/",
        views_assessment.question_edit_view,
        name="question_edit",
    ),
    path(
        "kommune/<str:ags>/selbstauskunft/<int:year>/",
        views_assessment.response_view,
        name="response",
    ),
    path(
        "kommune/<str:ags>/selbstauskunft/<int:year>/konflikt/<int:question>/",
        views_assessment.response_conflict_view,
        name="response_conflict",
    ),
    path("bericht/", views_report.report_list_view, name="report_list"),
    path("bericht/<int:pk>/", views_report.report_view, name="report"),
    path("bericht/<int:pk>/bericht.pdf", views_report.report_download_view, name="report_download"),
]
