"""What the apps' documents add to the search: an authority's network profile, an event's
programme and the partner institutions, kept current when they change.

The search app knows none of these apps; each one registers its provider in its `apps.py`.
"""

from typing import Any

import pytest
from django.test import Client

from engagiert.events.models import Event
from engagiert.events.tests.factories import AgendaItemFactory, EventFactory
from engagiert.membership.models import Membership, Partnership, VolunteerCardStatus
from engagiert.membership.services import profile_update
from engagiert.membership.tests.factories import (
    MembershipFactory,
    PartnershipFactory,
    ProfileFactory,
)
from engagiert.registry.models import Authority
from engagiert.registry.services import registry_import
from engagiert.registry.tests.conftest import REGISTRY_FILE
from engagiert.registry.tests.factories import (
    AuthorityFactory,
    OrganisationFactory,
    TopicFactory,
)
from engagiert.search import engine
from engagiert.search.indexing import rebuild
from engagiert.search.models import SearchEntry

pytestmark = pytest.mark.django_db

SEARCH = "/suche/"


def titles(query: str, **filters: Any) -> list[str]:
    results = engine.search(query, members=False, filters=engine.Filters(**filters))
    return [entry.title for entry in results.entries]


@pytest.fixture
def member_authority(db) -> Authority:
    """A member town whose profile names its structures, strategy and focus topics."""
    authority = AuthorityFactory(name="Hilden", kind=Authority.Kind.TOWN)
    MembershipFactory(authority=authority)
    ProfileFactory(
        authority=authority,
        has_round_table=True,
        has_volunteer_agency=True,
        volunteer_card=VolunteerCardStatus.PLANNED,
        strategy="Leitbild »Hilden hilft«: Nachbarschaften stärken, Vereine entlasten.",
        topics=[TopicFactory(slug="demografie", name="Demografischer Wandel")],
    )
    return authority


@pytest.mark.parametrize(
    "query",
    [
        "Freiwilligenagentur",
        "Runder Tisch",
        "Demografischer Wandel",
        "Nachbarschaften Vereine",  # the strategy text
        "Ehrenamtskarte geplant",
        "Mitglied im Netzwerk",
    ],
)
def test_what_a_member_profile_says_finds_the_authority(member_authority, query):
    assert titles(query) == ["Hilden"]


def test_the_search_page_shows_the_authority_of_a_profile_in_german(member_authority):
    response = Client().get(SEARCH, {"q": "Runder Tisch"})

    assert response.status_code == 200
    assert "Hilden" in response.text
    assert "<mark>Runder</mark> <mark>Tisch</mark>" in response.text
    assert '<p class="kern-preline">Kommune</p>' in response.text  # named by its provider


def test_structures_a_profile_does_not_have_find_nothing(member_authority):
    assert titles("Stabsstelle") == []


def test_a_changed_profile_is_found_at_once(member_authority):
    profile = member_authority.profile
    profile.has_round_table = False
    profile.has_staff_unit = True
    profile.save()

    assert titles("Runder Tisch") == []
    assert titles("Stabsstelle") == ["Hilden"]


def test_focus_topics_added_and_removed_are_found_at_once(member_authority):
    profile = member_authority.profile
    topic = TopicFactory(slug="junge-menschen", name="Junge Menschen")

    profile.topics.add(topic)
    after_add = titles("Junge Menschen")
    topic.profile_set.remove(profile)  # from the topic's side
    after_remove = titles("Junge Menschen")

    assert after_add == ["Hilden"]
    assert after_remove == []


def test_an_ended_membership_leaves_the_authority_text(member_authority):
    Membership.objects.filter(authority=member_authority).update(until="2026-01-31")
    Membership.objects.get(authority=member_authority).save()

    assert titles("Mitglied im Netzwerk") == []
    assert titles("Freiwilligenagentur") == ["Hilden"]  # the profile stays on its page


def test_a_rebuild_indexes_the_profiles_too(member_authority):
    rebuild()

    assert titles("Freiwilligenagentur", authority_kind=Authority.Kind.TOWN) == ["Hilden"]


def test_the_workshops_of_an_events_programme_find_the_event(db):
    event = EventFactory(title="Jahrestagung 2026")
    AgendaItemFactory(
        event=event,
        title="Werkstatt Quartiersarbeit",
        description="Wie Kommunen Nachbarschaftstreffs mit Ehrenamtlichen betreiben.",
    )

    assert titles("Quartiersarbeit") == ["Jahrestagung 2026"]
    assert titles("Nachbarschaftstreffs") == ["Jahrestagung 2026"]


def test_a_changed_or_deleted_programme_item_is_reflected_at_once(db):
    item = AgendaItemFactory(event=EventFactory(title="Jahrestagung"), title="Werkstatt Sport")

    item.title = "Werkstatt Kultur"
    item.save()
    after_edit = (titles("Sport"), titles("Kultur"))
    item.delete()

    assert after_edit == ([], ["Jahrestagung"])
    assert titles("Kultur") == []
    assert titles("Jahrestagung") == ["Jahrestagung"]


def test_the_programme_of_a_draft_is_not_found(db):
    AgendaItemFactory(event=EventFactory(status=Event.Status.DRAFT), title="Werkstatt Geheim")

    assert titles("Geheim") == []


def test_a_partner_institution_is_found_with_its_role(db):
    partner = PartnershipFactory(
        organisation=OrganisationFactory(name="Landesnetzwerk Bürgerengagement"),
        role=Partnership.Role.EVALUATOR,
    )

    response = Client().get(SEARCH, {"q": "wissenschaftliche Begleitung"})

    assert titles("Landesnetzwerk") == ["Landesnetzwerk Bürgerengagement"]
    assert "Landesnetzwerk Bürgerengagement" in response.text
    assert '<p class="kern-preline">Partnerinstitution</p>' in response.text
    partner.delete()
    assert titles("Landesnetzwerk") == []


def test_an_organisation_without_a_role_in_the_network_is_not_found(db):
    OrganisationFactory(name="Sportverein Blau-Weiß")
    rebuild()

    assert titles("Sportverein") == []


def test_the_officers_text_about_their_authority_is_found_at_once(db):
    authority = AuthorityFactory(name="Musterstadt")

    profile_update(
        authority=authority, topics=[], description="Unsere Ehrenamtsbörse vermittelt Paten."
    )

    assert titles("Ehrenamtsbörse") == ["Musterstadt"]


def test_the_registry_import_reindexes_the_municipalities(db, django_capture_on_commit_callbacks):
    data = REGISTRY_FILE.read_bytes()
    assert titles("Gladbach") == []

    with django_capture_on_commit_callbacks(execute=True):
        registry_import(data=data, source="nrw_kommunen.csv")

    # Names match as whole words: »Gladbach« is no part the German lexicon knows.
    assert titles("Gladbach") == ["Bergisch Gladbach"]
    assert titles("Mönchengladbach")[0] == "Mönchengladbach"
    assert titles("Moenchengladbach", region="Regierungsbezirk Düsseldorf") == ["Mönchengladbach"]
    assert SearchEntry.objects.filter(kind="authority").count() == 432

    renamed = data.replace(b"05978024,L\xc3\xbcnen,", "05978024,Lünen-Brambauer,".encode())
    with django_capture_on_commit_callbacks(execute=True):
        registry_import(data=renamed, source="nrw_kommunen.csv")

    assert titles("Brambauer") == ["Lünen-Brambauer"]
    assert "Lünen" not in titles("Luenen")
