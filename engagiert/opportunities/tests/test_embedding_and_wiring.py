"""The embeddable page and feeds of an area, and what the app adds to other pages: search,
the start page's figures, the authority page's panel, the digest's news, impact figures."""

import datetime
import json
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from engagiert.core.extensions import indicator_providers, news_providers
from engagiert.registry.models import Authority
from engagiert.registry.tests.factories import AuthorityFactory

from ..models import Interest, Provider
from .conftest import member_of, officer_of
from .factories import InterestFactory, OpportunityFactory, ProviderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kreis():
    """The Kreis Wesel with two of its towns, and a town elsewhere."""
    district = AuthorityFactory(ags="05170", name="Kreis Wesel", kind=Authority.Kind.DISTRICT)

    def town(ags, name):
        return AuthorityFactory(
            ags=ags,
            name=name,
            kind=Authority.Kind.TOWN,
            district=district,
            parent=district,
            latitude=Decimal("51.5"),
            longitude=Decimal("6.6"),
        )

    return {
        "kreis": district,
        "moers": town("05170024", "Moers"),
        "kamp": town("05170020", "Kamp-Lintfort"),
        "bonn": AuthorityFactory(ags="05314000", name="Bonn"),
    }


def test_the_embedded_page_may_be_framed_and_shows_its_area_only(kreis):
    OpportunityFactory(title="Tafel Moers", authority=kreis["moers"])
    OpportunityFactory(title="Sprachcafé Kamp-Lintfort", authority=kreis["kamp"])
    OpportunityFactory(title="Bonner Angebot", authority=kreis["bonn"])

    response = Client().get("/mitmachen/einbetten/05170024/")
    page = response.content.decode()
    assert "X-Frame-Options" not in response.headers
    assert "frame-ancestors *" in response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" not in response.headers["Content-Security-Policy"]
    assert "Tafel Moers" in page
    assert "Kamp-Lintfort" not in page
    assert 'target="_blank"' in page
    assert "site-nav" not in page  # none of our navigation

    district = Client().get("/mitmachen/einbetten/05170/").content.decode()
    assert "Tafel Moers" in district
    assert "Sprachcafé Kamp-Lintfort" in district
    assert "Bonner Angebot" not in district


def test_every_other_page_still_refuses_to_be_framed():
    response = Client().get("/mitmachen/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_the_json_and_rss_feeds_carry_the_same_opportunities(kreis):
    OpportunityFactory(title="Tafel Moers", authority=kreis["moers"])
    OpportunityFactory(title="Bonner Angebot", authority=kreis["bonn"])

    data = json.loads(Client().get("/mitmachen/einbetten/05170/angebote.json").content)
    assert [item["title"] for item in data["items"]] == ["Tafel Moers"]
    assert data["items"][0]["url"].startswith("http")
    rss = ET.fromstring(Client().get("/mitmachen/einbetten/05170/angebote.rss").content)
    assert [t.text for t in rss.iter("title")][1:] == ["Tafel Moers"]


def test_the_snippet_page_is_for_the_officer_and_the_areas_providers(kreis):
    provider = ProviderFactory(authority=kreis["moers"])
    officer = Client()
    officer.force_login(officer_of(kreis["moers"]))
    member = Client()
    member.force_login(member_of(provider))
    stranger = Client()
    stranger.force_login(officer_of(kreis["bonn"]))

    page = officer.get("/mitmachen/einbetten/05170024/code/").content.decode()
    assert '&lt;iframe src="http://testserver/mitmachen/einbetten/05170024/"' in page
    assert member.get("/mitmachen/einbetten/05170024/code/").status_code == 200
    assert stranger.get("/mitmachen/einbetten/05170024/code/").status_code == 403


def test_the_search_finds_a_public_opportunity_and_not_a_pending_one():
    OpportunityFactory(
        title="Repair-Café Rheinberg", description="Toaster und Fahrräder reparieren"
    )
    OpportunityFactory(
        title="Geheimes Repair-Café",
        description="Toaster",
        provider=ProviderFactory(status=Provider.Status.PENDING),
    )

    page = Client().get("/suche/", {"q": "Toaster"}).content.decode()
    assert "Repair-Café Rheinberg" in page
    assert "Geheimes Repair-Café" not in page


def test_verifying_a_provider_makes_its_opportunities_searchable():
    provider = ProviderFactory(status=Provider.Status.PENDING)
    OpportunityFactory(title="Lesepaten Xanten", description="Vorlesen", provider=provider)
    assert "Lesepaten Xanten" not in Client().get("/suche/", {"q": "Vorlesen"}).content.decode()

    officer = Client()
    officer.force_login(officer_of(provider.authority))
    officer.post(
        f"/mitmachen/pruefung/{provider.pk}/",
        {
            "action": "verify",
            "verify-municipal_contact_name": "Jan Stadt",
            "verify-municipal_contact_email": "jan@stadt.example",
        },
    )
    assert "Lesepaten Xanten" in Client().get("/suche/", {"q": "Vorlesen"}).content.decode()


def test_the_start_page_counts_open_opportunities():
    OpportunityFactory.create_batch(3)
    page = Client().get("/").content.decode()

    assert "offene Engagementangebote" in page


def test_the_authority_page_shows_its_open_opportunities(kreis):
    OpportunityFactory(title="Tafel Moers", authority=kreis["moers"])

    assert "Tafel Moers" in Client().get("/kommunen/05170024/").content.decode()
    assert "Tafel Moers" in Client().get("/kommunen/05170/").content.decode()
    assert "Tafel Moers" not in Client().get("/kommunen/05314000/").content.decode()


def test_the_digest_reports_new_public_opportunities():
    news = news_providers.get("opportunities.new")
    assert news is not None
    OpportunityFactory(title="Neu und offen")
    OpportunityFactory(
        title="Noch ungeprüft", provider=ProviderFactory(status=Provider.Status.PENDING)
    )
    now = timezone.now()

    titles = [item.title for item in news.news(now - datetime.timedelta(hours=1), now)]
    assert titles == ["Neu und offen"]
    assert news.news(now, now + datetime.timedelta(hours=1)) == []


def test_placements_count_accepted_interest_per_gemeinde_and_year(kreis):
    opportunity = OpportunityFactory(authority=kreis["moers"])
    InterestFactory(
        opportunity=opportunity, status=Interest.Status.ACCEPTED, answered_at=timezone.now()
    )
    InterestFactory(
        opportunity=opportunity, status=Interest.Status.DECLINED, answered_at=timezone.now()
    )
    indicator = indicator_providers.get("opportunities.placements")
    assert indicator is not None

    assert indicator.values(timezone.now().year) == {"05170024": 1.0}
    assert indicator.values(timezone.now().year - 1) == {}


def test_an_opportunity_posted_before_its_provider_was_verified_is_news_at_the_verification():
    from engagiert.opportunities import services

    news = news_providers.get("opportunities.new")
    assert news is not None
    provider = ProviderFactory(status=Provider.Status.PENDING)
    OpportunityFactory(title="Früh angelegt", provider=provider)
    posted = timezone.now()
    assert news.news(posted - datetime.timedelta(hours=1), posted) == []

    services.provider_verify(
        provider=provider,
        user=officer_of(provider.authority),
        municipal_contact_name="Jan Stadt",
        municipal_contact_email="jan@stadt.example",
    )
    verified = timezone.now()
    assert [item.title for item in news.news(posted, verified)] == ["Früh angelegt"]
    assert news.news(verified, verified + datetime.timedelta(hours=1)) == []
