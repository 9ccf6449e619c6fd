from django.urls import path

from . import views

app_name = "workshop"
urlpatterns = [
    path("", views.cohort_list_view, name="cohort_list"),
    path("neu/", views.cohort_form_view, name="cohort_create"),
    path("<int:number>/", views.cohort_detail_view, name="cohort_detail"),
    path("<int:number>/bearbeiten/", views.cohort_form_view, name="cohort_edit"),
    path("<int:number>/ausschreibung/", views.call_view, name="call"),
    path("<int:number>/auswahl/<int:pk>/bewertung/", views.panel_score_view, name="panel_score"),
    path(
        "<int:number>/evaluation/export.<str:fmt>",
        views.evaluation_export_view,
        name="evaluation_export",
    ),
    path("<int:number>/bewerbung/", views.application_view, name="application"),
    path("<int:number>/auswahl/", views.selection_view, name="selection"),
    path("<int:number>/abschliessen/", views.finish_view, name="finish"),
    path("<int:number>/evaluation/", views.evaluation_view, name="evaluation"),
    path("<int:number>/raum/", views.space_view, name="space"),
    path("<int:number>/raum/themen/", views.topics_view, name="topics"),
    path("<int:number>/raum/themen/<int:pk>/stimme/", views.vote_view, name="vote"),
    path("<int:number>/raum/werkstaetten/<int:session>/", views.session_view, name="session"),
    path(
        "<int:number>/raum/werkstaetten/<int:session>/protokoll/",
        views.minutes_view,
        name="minutes",
    ),
    path(
        "<int:number>/raum/werkstaetten/<int:session>/protokoll/datei/",
        views.minutes_file_view,
        name="minutes_file",
    ),
    path("<int:number>/raum/termine/", views.slots_view, name="slots"),
    path("<int:number>/raum/termine/<int:pk>/", views.slot_action_view, name="slot_action"),
    path("<int:number>/raum/lernquellen/", views.resources_view, name="resources"),
    path(
        "<int:number>/raum/lernquellen/<int:pk>/veroeffentlichen/",
        views.resource_publish_view,
        name="resource_publish",
    ),
    path(
        "<int:number>/raum/lernquellen/<int:pk>/datei/",
        views.resource_file_view,
        name="resource_file",
    ),
    path("<int:number>/raum/diskussion/", views.threads_view, name="threads"),
    path("<int:number>/raum/diskussion/<int:pk>/", views.thread_view, name="thread"),
]
