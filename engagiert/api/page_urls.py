"""The office's pages for integrations, mounted at /schnittstellen/."""

from django.urls import path

from . import views

app_name = "integrations"

urlpatterns = [
    path("", views.token_list_view, name="token_list"),
    path("tokens/neu/", views.token_create_view, name="token_create"),
    path("tokens/<int:pk>/widerrufen/", views.token_revoke_view, name="token_revoke"),
    path("webhooks/", views.subscription_list_view, name="subscription_list"),
    path("webhooks/neu/", views.subscription_create_view, name="subscription_create"),
    path("webhooks/<int:pk>/", views.subscription_detail_view, name="subscription_detail"),
    path("webhooks/<int:pk>/loeschen/", views.subscription_delete_view, name="subscription_delete"),
]
