from django.urls import path

from .views import public

app_name = "opportunities"

urlpatterns = [
    path("", public.home, name="home"),
]
