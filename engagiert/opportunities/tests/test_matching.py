"""Matching on /mitmachen/: place and radius, topics, availability, skills, remote; ranked,
each result with the reasons shown; kept searches tell their owner about new matches once,
through the digest."""

import datetime
from decimal import Decimal
from email.utils import parseaddr

import pytest
from django.test import Client
from django.utils import timezone

from engagiert.accounts.tests.factories import UserFactory
from engagiert.mailings.digest import digest_send, providers
from engagiert.mailings.models import NotificationPreference
from engagiert.registry import geo
from engagiert.registry.models import Authority
from engagiert.registry.tests.factories import AuthorityFactory, TopicFactory

from ..models import SavedSearch
from .conftest import sent
from .factories import OpportunityFactory, ProviderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    """Moers, Kamp-Lintfort (about 9 km away) and Arnsberg (about 110 km away)."""

    def town(ags, name, lat, lon):
        return AuthorityFactory(
            ags=ags,
            name=name,
            kind=Authority.Kind.TOWN,
            latitude=Decimal(lat),
            longitude=Decimal(lon),
        )

    return {
        "moers": town("05170024", "Moers", "51.4516", "6.6262"),
        "kamp": town("05170020", "Kamp-Lintfort", "51.5000", "6.5333"),
        "arnsberg": town("05958004", "Arnsberg", "51.3967", "8.0644"),
    }


def _titles(**params) -> list[str]:
    response = Client().get("/mitmachen/", params)
    return [m.opportunity.title for m in response.context["results"]]


def test_distance_is_the_great_circle_distance():
    assert geo.distance_km(51.4516, 6.6262, 51.5, 6.5333) == pytest.approx(8.3, abs=0.3)
    assert geo.distance_km(51.0, 7.0, 51.0, 7.0) == 0


def test_the_radius_keeps_what_is_near_and_orders_nearest_first(places):
    OpportunityFactory(title="In Kamp-Lintfort", authority=places["kamp"])
    OpportunityFactory(title="In Moers", authority=places["moers"])
    OpportunityFactory(title="In Arnsberg", authority=places["arnsberg"])

    assert _titles(ort="05170024", umkreis=25) == ["In Moers", "In Kamp-Lintfort"]
    assert _titles(ort="05170024", umkreis=5) == ["In Moers"]
    assert _titles(ort="05170024", umkreis=50) == ["In Moers", "In Kamp-Lintfort"]
    assert _titles(ort="05958004", umkreis=50) == ["In Arnsberg"]
    assert len(_titles()) == 3


def test_remote_opportunities_reach_beyond_the_radius_when_asked(places):
    OpportunityFactory(title="Online-Nachhilfe", authority=places["arnsberg"], remote_possible=True)

    assert _titles(ort="05170024", umkreis=10) == []
    assert _titles(ort="05170024", umkreis=10, remote="on") == ["Online-Nachhilfe"]


def test_results_show_the_reasons_they_fit(places):
    refugees = TopicFactory(name="Flüchtlingshilfe", slug="fluechtlingshilfe")
    OpportunityFactory(
        title="Sprachcafé",
        authority=places["kamp"],
        topic=refugees,
        on_weekends=True,
        skills="Arabisch, Geduld",
    )
    response = Client().get(
        "/mitmachen/",
        {
            "ort": "05170024",
            "umkreis": 25,
            "thema": "fluechtlingshilfe",
            "zeit": "wochenende",
            "kenntnisse": "arabisch",
        },
    )
    page = response.content.decode()

    assert (
        "8 km entfernt · Thema Flüchtlingshilfe · am Wochenende · Ihre Kenntnis: Arabisch" in page
    )


def test_availability_and_skills_rank_better_fits_first(places):
    OpportunityFactory(title="Werktags", authority=places["moers"], on_weekdays=True)
    OpportunityFactory(title="Samstags", authority=places["kamp"], on_weekends=True)

    assert _titles(ort="05170024", zeit="wochenende") == ["Samstags", "Werktags"]
    assert _titles(ort="05170024") == ["Werktags", "Samstags"]


def test_topics_filter(places):
    sport = TopicFactory(slug="sport")
    OpportunityFactory(title="Übungsleitung", topic=sport)
    OpportunityFactory(title="Vorlesen")

    assert _titles(thema="sport") == ["Übungsleitung"]


def test_a_wrong_filter_value_is_dropped_not_an_error():
    OpportunityFactory(title="Vorlesen")
    response = Client().get("/mitmachen/", {"ort": "kaputt", "umkreis": "x", "thema": "nix"})

    assert response.status_code == 200


def test_matching_takes_the_same_queries_for_many_opportunities(
    places, django_assert_max_num_queries
):
    provider = ProviderFactory(authority=places["moers"])
    for n in range(60):
        OpportunityFactory(provider=provider, latitude=51.45 + n / 1000)
    with django_assert_max_num_queries(8):
        response = Client().get("/mitmachen/", {"ort": "05170024", "umkreis": 25})
    assert response.context["page"].paginator.count == 60


def _choose(user, frequency):
    """The person hears about their kept searches at `frequency` and about nothing else."""
    for kind in providers():
        chosen = frequency if kind == "saved_searches" else NotificationPreference.Frequency.NEVER
        NotificationPreference.objects.create(user=user, kind=kind, frequency=chosen)


def _keep(user, name, query):
    client = Client()
    client.force_login(user)
    client.post("/mitmachen/meine-suchen/", {"name": name, "notify": "on", "query": query})
    return client


def test_the_digest_tells_a_kept_search_its_new_matches_once_and_only_to_its_owner(places):
    volunteer = UserFactory(email="suche@example.org")
    _choose(volunteer, NotificationPreference.Frequency.DIGEST)
    client = _keep(volunteer, "Moers am Wochenende", "ort=05170024&umkreis=10")
    search = SavedSearch.objects.get()
    assert client.get(search.get_absolute_url()).status_code == 200
    never = UserFactory(email="nie@example.org")
    _choose(never, NotificationPreference.Frequency.NEVER)
    _keep(never, "Auch Moers", "ort=05170024&umkreis=10")
    other = UserFactory(email="fremd@example.org")
    _choose(other, NotificationPreference.Frequency.NOW)
    _keep(other, "Sauerland", "ort=05958004&umkreis=10")
    OpportunityFactory(title="Nah dran", authority=places["kamp"])
    OpportunityFactory(title="Weit weg", authority=places["arnsberg"])
    now = timezone.now()

    assert digest_send(frequency="digest", now=now) == 1
    assert digest_send(frequency="digest", now=now) == 0  # the same window again
    assert digest_send(frequency="now", now=now) == 1

    mails = {parseaddr(m.to[0])[1]: m.body for m in sent()}
    assert sorted(mails) == ["fremd@example.org", "suche@example.org"]
    assert "Neue Treffer Ihrer gespeicherten Suchen" in mails["suche@example.org"]
    assert "Nah dran (Ihre Suche »Moers am Wochenende«" in mails["suche@example.org"]
    assert "Weit weg" not in mails["suche@example.org"]
    assert "Sauerland" not in mails["suche@example.org"]
    assert "Weit weg (Ihre Suche »Sauerland«" in mails["fremd@example.org"]
    assert "Nah dran" not in mails["fremd@example.org"]
    later = now + datetime.timedelta(days=7)
    assert digest_send(frequency="digest", now=later) == 0


def test_a_kept_search_without_e_mail_is_not_told(places):
    volunteer = UserFactory(email="suche@example.org")
    _choose(volunteer, NotificationPreference.Frequency.DIGEST)
    _keep(volunteer, "Nur zum Nachsehen", "ort=05170024&umkreis=10")
    SavedSearch.objects.update(notify=False)
    OpportunityFactory(title="Nah dran", authority=places["kamp"])

    assert digest_send(frequency="digest") == 0


def test_a_search_belongs_to_its_owner():
    search = SavedSearch.objects.create(user=UserFactory(), name="Meine", query="")
    other = Client()
    other.force_login(UserFactory(email="fremd@example.org"))

    assert other.post(f"/mitmachen/meine-suchen/{search.pk}/loeschen/").status_code == 404
    assert SavedSearch.objects.filter(pk=search.pk).exists()
