from django.urls import path

from .views import embed, manage, public

app_name = "opportunities"

urlpatterns = [
    path("", public.home, name="home"),
    path("angebote/<int:pk>/", public.opportunity_detail, name="opportunity_detail"),
    path("angebote/<int:pk>/interesse/", public.interest_create, name="interest_create"),
    path("angebote/<int:pk>/bearbeiten/", manage.opportunity_edit, name="opportunity_edit"),
    path("angebote/<int:pk>/interessierte/", manage.applicants, name="applicants"),
    path("interesse/<str:token>/", public.interest_status, name="interest_status"),
    path("interesse/<str:token>/bestaetigen/", public.interest_confirm, name="interest_confirm"),
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
