from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("", views.home_view, name="home"),
    path("katalog.<str:fmt>", views.catalogue_view, name="catalogue"),
    path("<slug:slug>/", views.dataset_detail_view, name="dataset_detail"),
    path("<slug:slug>.<str:fmt>", views.dataset_file_view, name="dataset_file"),
]
