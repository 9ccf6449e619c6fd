from django.urls import path

from .views import public

app_name = "volunteercard"

urlpatterns = [
    path("", public.home, name="home"),
]
