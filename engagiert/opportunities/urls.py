from django.urls import path

from .views import cooperation, public

app_name = "opportunities"

urlpatterns = [
    path("", public.home, name="home"),
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
