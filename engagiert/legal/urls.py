from django.urls import path

from . import views
from .models import Page

app_name = "legal"
urlpatterns = [
    path("impressum/", views.page_view, {"page": Page.IMPRINT}, name="imprint"),
    path("datenschutz/", views.page_view, {"page": Page.PRIVACY}, name="privacy"),
    path("barrierefreiheit/", views.page_view, {"page": Page.ACCESSIBILITY}, name="accessibility"),
    path("barrierefreiheit/rueckmeldung/", views.feedback_view, name="feedback"),
    path("kontakt/", views.page_view, {"page": Page.CONTACT}, name="contact"),
    path("einwilligungen/", views.consent_list_view, name="consents"),
    path(
        "einwilligungen/<int:pk>/widerrufen/", views.consent_withdraw_view, name="consent_withdraw"
    ),
    path("rechtstexte/", views.office_view, name="office"),
    path(
        "rechtstexte/rueckmeldungen/<int:pk>/", views.feedback_detail_view, name="feedback_detail"
    ),
    path("rechtstexte/hinweise/<str:key>/", views.note_edit_view, name="note_edit"),
    path("rechtstexte/<slug:page>/", views.page_edit_view, name="page_edit"),
    path("rechtstexte/<slug:page>/<int:number>/", views.page_version_view, name="page_version"),
]
