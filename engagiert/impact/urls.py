from django.urls import path

from . import measure_views, views, views_assessment, views_report

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

# Measures on the impact ladder and goals per indicator.
urlpatterns += [
    path("massnahmen/", measure_views.measures_published_view, name="measures_published"),
    path("kommune/<str:ags>/massnahmen/", measure_views.measure_list_view, name="measure_list"),
    path(
        "kommune/<str:ags>/massnahmen/export.<str:fmt>",
        measure_views.measure_export_view,
        name="measure_export",
    ),
    path(
        "kommune/<str:ags>/massnahmen/neu/",
        measure_views.measure_create_view,
        name="measure_create",
    ),
    path(
        "kommune/<str:ags>/massnahmen/<int:pk>/",
        measure_views.measure_detail_view,
        name="measure_detail",
    ),
    path(
        "kommune/<str:ags>/massnahmen/<int:pk>/bearbeiten/",
        measure_views.measure_edit_view,
        name="measure_edit",
    ),
    path(
        "kommune/<str:ags>/massnahmen/<int:pk>/loeschen/",
        measure_views.measure_delete_view,
        name="measure_delete",
    ),
    path(
        "kommune/<str:ags>/massnahmen/<int:pk>/nachweise/neu/",
        measure_views.evidence_create_view,
        name="evidence_create",
    ),
    path(
        "kommune/<str:ags>/massnahmen/<int:pk>/nachweise/<int:evidence>/",
        measure_views.evidence_file_view,
        name="evidence_file",
    ),
    path(
        "kommune/<str:ags>/massnahmen/<int:pk>/nachweise/<int:evidence>/loeschen/",
        measure_views.evidence_delete_view,
        name="evidence_delete",
    ),
    path("kommune/<str:ags>/ziele/", measure_views.goals_view, name="goals"),
    path(
        "kommune/<str:ags>/ziele/<int:pk>/loeschen/",
        measure_views.goal_delete_view,
        name="goal_delete",
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
