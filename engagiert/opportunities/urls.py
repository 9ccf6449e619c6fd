from django.urls import path

from .views import cooperation, public, shifts

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
    # Corporate volunteering and the cooperation registry (views/cooperation.py)
    path("unternehmen/", cooperation.offer_list_view, name="corporate_offers"),
    path("unternehmen/angebote/neu/", cooperation.offer_create_view, name="corporate_offer_create"),
    path("unternehmen/angebote/<int:pk>/", cooperation.offer_detail_view, name="corporate_offer"),
    path(
        "unternehmen/angebote/<int:pk>/bearbeiten/",
        cooperation.offer_edit_view,
        name="corporate_offer_edit",
    ),
    path("unternehmen/bedarfe/", cooperation.need_list_view, name="corporate_needs"),
    path("unternehmen/bedarfe/neu/", cooperation.need_create_view, name="corporate_need_create"),
    path("unternehmen/bedarfe/<int:pk>/", cooperation.need_detail_view, name="corporate_need"),
    path(
        "unternehmen/bedarfe/<int:pk>/bearbeiten/",
        cooperation.need_edit_view,
        name="corporate_need_edit",
    ),
    path("unternehmen/kontakt/", cooperation.match_propose_view, name="corporate_propose"),
    path("unternehmen/vermittlungen/", cooperation.match_list_view, name="corporate_matches"),
    path(
        "unternehmen/vermittlungen/<int:pk>/", cooperation.match_detail_view, name="corporate_match"
    ),
    path(
        "unternehmen/vermittlungen/<int:pk>/antworten/",
        cooperation.match_answer_view,
        name="corporate_match_answer",
    ),
    path(
        "unternehmen/vermittlungen/<int:pk>/einsatz/",
        cooperation.match_record_view,
        name="corporate_match_record",
    ),
    path("unternehmen/uebersicht/", cooperation.overview_view, name="corporate_overview"),
    path("kooperationen/", cooperation.cooperation_list_view, name="cooperation_list"),
    path("kooperationen/neu/", cooperation.cooperation_create_view, name="cooperation_create"),
    path("kooperationen/<int:pk>/", cooperation.cooperation_detail_view, name="cooperation_detail"),
    path(
        "kooperationen/<int:pk>/bearbeiten/",
        cooperation.cooperation_edit_view,
        name="cooperation_edit",
    ),
]
