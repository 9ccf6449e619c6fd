from django.urls import path

from . import views

app_name = "registry"
urlpatterns = [
    path("", views.authority_list_view, name="authority_list"),
    path("<str:ags>/", views.authority_detail_view, name="authority_detail"),
]
