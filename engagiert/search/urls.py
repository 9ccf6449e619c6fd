from django.urls import path

from . import views

app_name = "search"
urlpatterns = [
    path("", views.search_view, name="search"),
    path("verwaltung/", views.office_view, name="office"),
    path("verwaltung/neu-aufbauen/", views.rebuild_view, name="rebuild"),
    path(
        "verwaltung/synonyme/<int:pk>/loeschen/", views.synonym_delete_view, name="synonym_delete"
    ),
]
