from django.urls import path

from .views import cooperation, embed, manage, public, shifts

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
    path("angebote/<int:pk>/", public.opportunity_detail, name="opportunity_detail"),
    path("angebote/<int:pk>/interesse/", public.interest_create, name="interest_create"),
    path("angebote/<int:pk>/bearbeiten/", manage.opportunity_edit, name="opportunity_edit"),
    path("angebote/<int:pk>/interessierte/", manage.applicants, name="applicants"),
    path("interesse/<str:token>/", public.interest_status, name="interest_status"),
    path("interesse/<str:token>/bestaetigen/", public.interest_confirm, name="interest_confirm"),
    path(
        "interesse/<str:token>/zurueckziehen/", public.interest_withdraw, name="interest_withdraw"
    ),
    path("interessierte/<int:pk>/antwort/", manage.interest_answer, name="interest_answer"),
    path("anbieter/", manage.my_providers, name="my_providers"),
    path("anbieter/registrieren/", public.provider_register, name="provider_register"),
    path("anbieter/<int:pk>/angebote/neu/", manage.opportunity_create, name="opportunity_create"),
    path("pruefung/", manage.verification_queue, name="verification_queue"),
    path("pruefung/<int:pk>/", manage.provider_review, name="provider_review"),
    path("vermittlung/<str:ags>/", manage.agency_overview, name="agency_overview"),
    path("meine-suchen/", manage.saved_searches, name="saved_searches"),
    path("meine-suchen/<int:pk>/loeschen/", manage.saved_search_delete, name="saved_search_delete"),
    path("einbetten/<str:ags>/", embed.embed, name="embed"),
    path("einbetten/<str:ags>/angebote.json", embed.embed_json, name="embed_json"),
    path("einbetten/<str:ags>/angebote.rss", embed.embed_rss, name="embed_rss"),
    path("einbetten/<str:ags>/code/", manage.embed_snippet, name="embed_snippet"),
]
