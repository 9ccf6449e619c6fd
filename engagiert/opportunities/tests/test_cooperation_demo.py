"""The demo of corporate volunteering and the cooperation registry loads on the real registry,
in any order and again, and shows what it is meant to show."""

from pathlib import Path

import pytest
from django.test import Client

import engagiert.registry
from engagiert.demo.opportunity_cooperation import opportunity_cooperation_load
from engagiert.opportunities import cooperation_queries as queries
from engagiert.opportunities.models import Cooperation, CorporateMatch, CorporateOffer
from engagiert.registry.services import registry_import_file

REGISTRY_FILE = Path(engagiert.registry.__file__).parent / "data" / "nrw_kommunen.csv"


@pytest.mark.django_db
def test_the_demo_loads_twice_and_its_social_day_finds_the_association():
    registry_import_file(path=REGISTRY_FILE)
    logins = opportunity_cooperation_load()
    opportunity_cooperation_load()

    assert [email for email, _name, _role in logins] == [
        "unternehmen@engagiert.example",
        "buergergarten@engagiert.example",
    ]
    offer = CorporateOffer.objects.get(title__startswith="Social Day: Azubis")
    [fit] = queries.needs_for_offer(offer)
    assert fit.item.title == "Hochbeete und Zaun für den Bürgergarten"
    assert "Art passt: Teamtag (Social Day)" in fit.reasons
    assert CorporateMatch.objects.get().engagement_hours == 70
    assert Cooperation.objects.count() == 4
    public = Client().get("/mitmachen/kooperationen/", {"sector": "business"})
    assert [c.name for c in public.context["page"].object_list] == [
        "Unternehmen engagiert in Kamp-Lintfort"
    ]
