from django.urls import path

from .views import (
    apply,
    holder,
    holders_import,
    issuers,
    partners,
    public,
    review,
    staff_cards,
    statistics,
    verification,
)

app_name = "volunteercard"

urlpatterns = [
    path("", public.home, name="home"),
    path("antrag/", apply.apply_view, name="apply"),
    path("antrag/<uuid:public_id>/", apply.apply_status_view, name="apply_status"),
    path("antrag/adresse/<str:token>/", apply.apply_email_view, name="apply_email"),
    path("bestaetigung/<str:token>/", apply.confirmation_view, name="confirmation"),
    path("bearbeitung/", review.review_list_view, name="review_list"),
    path("bearbeitung/<int:pk>/", review.review_detail_view, name="review_detail"),
    path("ausgabestellen/", issuers.issuer_list_view, name="issuer_list"),
    path("ausgabestellen/neu/", issuers.issuer_create_view, name="issuer_create"),
    path("ausgabestellen/<int:pk>/", issuers.issuer_detail_view, name="issuer_detail"),
    # Benefit partners and their benefits
    path("vorteile/", partners.benefit_list_view, name="benefit_list"),
    path("vorteile/partner/<int:pk>/", partners.partner_detail_view, name="partner_detail"),
    path("akzeptanzstellen/registrieren/", partners.partner_register_view, name="partner_register"),
    path("akzeptanzstellen/meine/", partners.partner_own_view, name="partner_own"),
    path("akzeptanzstellen/<int:pk>/", partners.partner_edit_view, name="partner_edit"),
    path(
        "akzeptanzstellen/<int:pk>/standorte/neu/",
        partners.location_edit_view,
        name="location_create",
    ),
    path(
        "akzeptanzstellen/<int:pk>/standorte/<int:location>/",
        partners.location_edit_view,
        name="location_edit",
    ),
    path(
        "akzeptanzstellen/<int:pk>/vorteile/neu/", partners.benefit_edit_view, name="benefit_create"
    ),
    path(
        "akzeptanzstellen/<int:pk>/vorteile/<int:benefit>/",
        partners.benefit_edit_view,
        name="benefit_edit",
    ),
    path(
        "akzeptanzstellen/<int:pk>/vorteile/<int:benefit>/loeschen/",
        partners.benefit_delete_view,
        name="benefit_delete",
    ),
    path("verwaltung/akzeptanzstellen/", partners.partner_queue_view, name="partner_queue"),
    path(
        "verwaltung/akzeptanzstellen/<int:pk>/",
        partners.partner_review_view,
        name="partner_review",
    ),
    # Import of existing holders, statistics
    path(
        "verwaltung/ausgeber/<int:issuer>/import/",
        holders_import.holders_import_view,
        name="holders_import",
    ),
    path(
        "verwaltung/import-vorlage.csv",
        holders_import.holders_template_view,
        name="holders_template",
    ),
    path("verwaltung/statistik/", statistics.statistics_view, name="statistics"),
    path(
        "verwaltung/statistik.<str:fmt>",
        statistics.statistics_export_view,
        name="statistics_export",
    ),
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
