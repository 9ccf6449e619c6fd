"""Each app is mounted under its German path; URL names stay English."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("engagiert – administration of the network office")
admin.site.site_title = _("engagiert administration")
admin.site.index_title = _("Network office")

urlpatterns = [
    path("", include("engagiert.core.urls")),
    path("konto/", include("engagiert.accounts.urls")),
    path("kommunen/", include("engagiert.registry.urls")),
    path("netzwerk/", include("engagiert.membership.urls")),
    path("kontakte/", include("engagiert.contacts.urls")),
    path("veranstaltungen/", include("engagiert.events.urls")),
    path("infomail/", include("engagiert.mailings.urls")),
    path("werkstatt/", include("engagiert.workshop.urls")),
    path("wissen/", include("engagiert.knowledge.urls")),
    path("aktuelles/", include("engagiert.news.urls")),
    path("ehrenamtskarte/", include("engagiert.volunteercard.urls")),
    path("mitmachen/", include("engagiert.opportunities.urls")),
    path("wirkung/", include("engagiert.impact.urls")),
    path("offene-daten/", include("engagiert.opendata.urls")),
    path("suche/", include("engagiert.search.urls")),
    path("api/v1/", include("engagiert.api.urls")),
    path("meine-daten/", include("engagiert.privacy.urls")),
    path("schnittstellen/", include("engagiert.api.page_urls")),
    path("", include("engagiert.legal.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "engagiert.core.views.server_error_view"
