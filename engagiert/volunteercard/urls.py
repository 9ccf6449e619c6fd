from django.urls import path

from .views import holder, public, staff_cards, verification

app_name = "volunteercard"

urlpatterns = [
    path("", public.home, name="home"),
    path("karten/", holder.my_cards_view, name="my_cards"),
    path("karte/<str:token>/", holder.card_detail_view, name="card_detail"),
    path("karte/<str:token>/karte.pdf", holder.card_pdf_view, name="card_pdf"),
    path(
        "karte/<str:token>/manifest.webmanifest",
        holder.card_manifest_view,
        name="card_manifest",
    ),
    path("offline.js", holder.service_worker_view, name="service_worker"),
    path("pruefen/", verification.check_view, name="check"),
    path("pruefen/status/", verification.check_status_view, name="check_status"),
    path("verwaltung/karten/", staff_cards.staff_card_list_view, name="staff_card_list"),
    path(
        "verwaltung/karten/<str:number>/",
        staff_cards.staff_card_detail_view,
        name="staff_card_detail",
    ),
    path(
        "verwaltung/karten/<str:number>/sperren/",
        staff_cards.staff_card_revoke_view,
        name="staff_card_revoke",
    ),
    path(
        "verwaltung/karten/<str:number>/ersetzen/",
        staff_cards.staff_card_replace_view,
        name="staff_card_replace",
    ),
]
