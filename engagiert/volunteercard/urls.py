from django.urls import path

from .views import apply, issuers, public, review

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
]
