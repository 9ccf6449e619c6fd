from django.urls import path

from .views import public, shifts

app_name = "opportunities"

urlpatterns = [
    path("", public.home, name="home"),
    # Spontaneous help in shifts
    path("aktionen/", shifts.action_list_view, name="action_list"),
    path("aktionen/<int:pk>/", shifts.action_detail_view, name="action_detail"),
    path("aktionen/schichten/<int:pk>/eintragen/", shifts.signup_create_view, name="signup_create"),
    path("aktionen/anmeldung/<str:token>/", shifts.signup_manage_view, name="signup_manage"),
    path(
        "aktionen/anmeldung/<str:token>/bestaetigen/",
        shifts.signup_confirm_view,
        name="signup_confirm",
    ),
    path(
        "aktionen/anmeldung/<str:token>/stornieren/",
        shifts.signup_cancel_view,
        name="signup_cancel",
    ),
    path(
        "aktionen/anmeldung/<str:token>/nachweis.pdf",
        shifts.signup_evidence_view,
        name="signup_evidence",
    ),
    path("aktionen/meine/", shifts.my_shifts_view, name="my_shifts"),
    path(
        "aktionen/meine/nachweis/<int:provider>.pdf",
        shifts.my_evidence_view,
        name="my_evidence",
    ),
    path("aktionen/verwalten/", shifts.action_manage_list_view, name="action_manage_list"),
    path("aktionen/<int:pk>/verwalten/", shifts.action_manage_view, name="action_manage"),
    path(
        "aktionen/<int:pk>/verwalten/schichten/<int:shift>/",
        shifts.shift_helpers_view,
        name="shift_helpers",
    ),
    path(
        "aktionen/<int:pk>/verwalten/helfende/<int:signup>/stunden/",
        shifts.signup_hours_view,
        name="signup_hours",
    ),
    path(
        "aktionen/<int:pk>/verwalten/nachricht/",
        shifts.helpers_message_view,
        name="helpers_message",
    ),
]
