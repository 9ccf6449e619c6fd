"""The network's pages as people use them: the member directory, the network section of an
authority's page, the forms, the membership workflow, the declaration, partners, growth chart."""

import datetime
import re
from dataclasses import dataclass

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.testing import form_as_posted
from engagiert.membership.models import (
    Application,
    ApplicationEvent,
    ContactPerson,
    Membership,
    Partnership,
    Profile,
    Signature,
    SigningWave,
    VolunteerCardStatus,
)
from engagiert.membership.tests.factories import (
    ApplicationFactory,
    ContactPersonFactory,
    DeclarationFactory,
    LeaderFactory,
    MembershipFactory,
    PartnershipFactory,
    ProfileFactory,
    SignatureFactory,
    SigningWaveFactory,
)
from engagiert.registry.models import Authority
from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory, TopicFactory

pytestmark = pytest.mark.django_db

DIRECTORY = "/netzwerk/"
QUEUE = "/netzwerk/antraege/"
#: Queries of the directory page whatever the number of members or rows on the page: filter
#: choices (regions, topics, years), count, page, topics of the page, map (member keys, points).
DIRECTORY_QUERIES = 8
#: Queries of an authority's page for a visitor: the registry's four plus the network panel
#: (profile, topics, contacts, leaders, documents, memberships, signatures, open application),
#: plus one each for the panels of the opportunities app (opportunities, actions, cooperations)
#: and the news about the authority.
AUTHORITY_PAGE_QUERIES = 16


def names_on(response) -> list[str]:
    return [authority.name for authority in response.context["page"].object_list]


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def badge(text: str) -> str:
    return f'<span class="kern-label">{text}</span>'


# --- The member directory -------------------------------------------------------------------


@dataclass
class Directory:
    ahausen: Authority
    bedorf: Authority
    cefeld: Authority
    arnsberg: Authority


@pytest.fixture
def directory(db) -> Directory:
    """Four members of different kinds, regions, structures and topics, and three outsiders."""
    duesseldorf = AuthorityFactory(
        ags="051", name="Regierungsbezirk Düsseldorf", kind=Authority.Kind.REGION
    )
    koeln = AuthorityFactory(ags="053", name="Regierungsbezirk Köln", kind=Authority.Kind.REGION)
    arnsberg = AuthorityFactory(
        ags="059", name="Regierungsbezirk Arnsberg", kind=Authority.Kind.REGION
    )
    youth = TopicFactory(name="Junge Menschen", slug="jugend")
    ageing = TopicFactory(name="Demografischer Wandel", slug="demografie")

    ahausen = AuthorityFactory(name="Ahausen", region=duesseldorf)
    ProfileFactory(authority=ahausen, has_staff_unit=True, topics=[youth])
    MembershipFactory(authority=ahausen, since=datetime.date(2013, 5, 1))

    bedorf = AuthorityFactory(name="Bedorf", kind=Authority.Kind.MUNICIPALITY, region=koeln)
    ProfileFactory(
        authority=bedorf,
        has_round_table=True,
        volunteer_card=VolunteerCardStatus.PLANNED,
        volunteer_card_since=None,
        topics=[ageing],
    )
    MembershipFactory(authority=bedorf, since=datetime.date(2016, 9, 15))

    cefeld = AuthorityFactory(name="Kreis Cefeld", kind=Authority.Kind.DISTRICT, region=duesseldorf)
    ProfileFactory(
        authority=cefeld,
        has_volunteer_agency=True,
        volunteer_card=VolunteerCardStatus.NO,
        volunteer_card_since=None,
        topics=[youth, ageing],
    )
    MembershipFactory(authority=cefeld, since=datetime.date(2016, 9, 15))

    MembershipFactory(authority=arnsberg, since=datetime.date(2016, 9, 15))

    # Outsiders who match every filter: not a member, a former member, an applicant.
    for name, past in (("Nichtdorf", False), ("Ehemalsstadt", True), ("Antragsheim", False)):
        outsider = AuthorityFactory(name=name, region=duesseldorf)
        ProfileFactory(authority=outsider, has_staff_unit=True, topics=[youth, ageing])
        if past:
            MembershipFactory(
                authority=outsider,
                since=datetime.date(2013, 5, 1),
                until=datetime.date(2020, 12, 31),
                end_reason="Haushaltslage",
            )
        if name == "Antragsheim":
            ApplicationFactory(authority=outsider)
    return Directory(ahausen, bedorf, cefeld, arnsberg)


def results_of(response) -> str:
    """The result list of the directory page (the map above shows every Gemeinde)."""
    text = response.content.decode()
    return text[text.index('<div id="results">') :]


def test_member_directory_lists_current_members_only(client, directory):
    response = client.get(DIRECTORY)
    text = response.content.decode()

    assert response.status_code == 200
    assert names_on(response) == ["Ahausen", "Bedorf", "Kreis Cefeld", "Regierungsbezirk Arnsberg"]
    assert "Mitglieder des Netzwerks" in text
    assert "4 Mitglieder gefunden" in text
    assert "4 Mitglieder markiert" in text  # on the map
    for outsider in ("Nichtdorf", "Ehemalsstadt", "Antragsheim"):
        assert outsider not in results_of(response)
    assert "Angezeigte Mitglieder exportieren" not in text  # the export is for the office


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"q": "ahau"}, ["Ahausen"]),
        ({"q": "CEFELD"}, ["Kreis Cefeld"]),
        ({"kind": "gemeinden"}, ["Ahausen", "Bedorf"]),
        ({"kind": "kreise"}, ["Kreis Cefeld"]),
        ({"kind": "gemeinde"}, ["Bedorf"]),
        ({"region": "051"}, ["Ahausen", "Kreis Cefeld"]),
        ({"region": "059"}, ["Regierungsbezirk Arnsberg"]),
        ({"structure": "stabsstelle"}, ["Ahausen"]),
        ({"structure": "runder-tisch"}, ["Bedorf"]),
        ({"structure": "freiwilligenagentur"}, ["Kreis Cefeld"]),
        ({"volunteer_card": "planned"}, ["Bedorf"]),
        ({"topic": "jugend"}, ["Ahausen", "Kreis Cefeld"]),
        ({"topic": "demografie"}, ["Bedorf", "Kreis Cefeld"]),
        ({"since": "2016"}, ["Bedorf", "Kreis Cefeld", "Regierungsbezirk Arnsberg"]),
        ({"since": "2013"}, ["Ahausen"]),
        ({"kind": "gemeinden", "topic": "demografie", "since": "2016"}, ["Bedorf"]),
        ({"region": "051", "structure": "runder-tisch"}, []),
    ],
)
def test_member_directory_filters(client, directory, filters, expected):
    response = client.get(DIRECTORY, filters)
    text = response.content.decode()

    assert response.status_code == 200
    assert names_on(response) == expected
    if len(expected) == 1:
        assert "1 Mitglied gefunden" in text
    elif expected:
        assert f"{len(expected)} Mitglieder gefunden" in text
    else:
        assert "Kein passendes Mitglied gefunden" in text


def test_member_directory_answers_htmx_with_the_results_fragment(client, directory):
    response = client.get(DIRECTORY, {"topic": "jugend"}, headers={"HX-Request": "true"})
    text = response.content.decode()
    results = text[: text.index('<div id="member-map"')]

    assert response.status_code == 200
    assert "<html" not in text
    assert "2 Mitglieder gefunden" in results
    assert "Ahausen" in results
    assert "Kreis Cefeld" in results
    assert "Bedorf" not in results
    # The map comes along (out of band) and marks exactly the members found.
    assert '<div id="member-map" data-hx-swap-oob="true">' in text
    assert "2 Mitglieder markiert" in text
    assert '<script src="' not in text  # the page has loaded the map's scripts already


def test_member_directory_map_marks_the_filtered_members_as_named_links(client, directory):
    response = client.get(DIRECTORY, {"topic": "jugend"})
    text = response.content.decode()
    svg = text[text.index("<svg") : text.index("</svg>")]

    assert "2 Mitglieder markiert" in text
    assert f'<a href="/kommunen/{directory.ahausen.ags}/" aria-label="Ahausen"' in svg
    assert 'aria-label="Kreis Cefeld"' in svg
    assert 'aria-label="Bedorf"' not in svg  # a member, but not one the filters find
    assert 'role="img"' not in svg  # links inside an image would be hidden from screen readers


@pytest.mark.parametrize(
    "filters",
    [
        {"kind": "planet"},
        {"region": "999"},
        {"structure": "evil"},
        {"volunteer_card": "vielleicht"},
        {"topic": "gibt-es-nicht"},
        {"since": "abc"},
        {"since": "1850"},
        {"q": "x" * 500},
        {"kind": "planet", "topic": "<script>", "since": "2016'--", "seite": "-3"},
    ],
)
def test_member_directory_ignores_invalid_filter_values(client, directory, filters):
    response = client.get(DIRECTORY, filters)

    assert response.status_code == 200
    assert len(names_on(response)) == 4
    assert "4 Mitglieder gefunden" in response.content.decode()
    assert "<script>" not in response.content.decode()


def _many_members(count: int, *, contacts: int = 10, topics: int = 3) -> list[Authority]:
    """`count` members, each with a profile, `contacts` contact persons and `topics` topics."""
    authorities = Authority.objects.bulk_create(AuthorityFactory.build_batch(count))
    Profile.objects.bulk_create(
        Profile(authority=a, has_staff_unit=True, volunteer_card=VolunteerCardStatus.PARTICIPATING)
        for a in authorities
    )
    Membership.objects.bulk_create(
        Membership(authority=a, since=datetime.date(2012 + i % 10, 1, 1))
        for i, a in enumerate(authorities)
    )
    themes = [TopicFactory() for _ in range(topics)]
    Profile.topics.through.objects.bulk_create(
        Profile.topics.through(profile_id=a.pk, topic_id=t.pk) for a in authorities for t in themes
    )
    ContactPerson.objects.bulk_create(
        ContactPerson(authority=a, name=f"Kontakt {n}", function="Koordination", phone="0211 1234")
        for a in authorities
        for n in range(contacts)
    )
    return authorities


def test_member_directory_paginates(client):
    _many_members(30, contacts=0, topics=1)

    first = client.get(DIRECTORY, {"kind": "gemeinden"})
    second = client.get(DIRECTORY, {"kind": "gemeinden", "seite": "2"})

    assert len(first.context["page"].object_list) == 25
    text = first.content.decode()
    assert "30 Mitglieder gefunden" in text
    assert "Seite 1 von 2" in text
    assert 'href="?kind=gemeinden&amp;seite=2"' in text  # the next page keeps the filter
    assert len(second.context["page"].object_list) == 5
    assert "Seite 2 von 2" in second.content.decode()
    assert set(names_on(first)).isdisjoint(names_on(second))
    assert names_on(client.get(DIRECTORY, {"seite": "abc"})) == names_on(first)
    assert names_on(client.get(DIRECTORY, {"seite": "99"})) == names_on(second)


@pytest.mark.parametrize(
    ("filters", "headers"),
    [
        ({}, {}),
        ({"topic": "thema"}, {}),
        ({"kind": "gemeinden", "seite": "2"}, {}),
        ({}, {"HX-Request": "true"}),
    ],
)
def test_member_directory_query_count_does_not_grow_with_rows(
    client, django_assert_max_num_queries, filters, headers
):
    few = _many_members(3)
    topic = few[0].profile.topics.first()
    assert topic is not None
    query = {**filters, "topic": topic.slug} if "topic" in filters else filters
    with django_assert_max_num_queries(DIRECTORY_QUERIES):
        assert client.get(DIRECTORY, query, headers=headers).status_code == 200

    _many_members(60)

    with django_assert_max_num_queries(DIRECTORY_QUERIES):
        response = client.get(DIRECTORY, query, headers=headers)
    assert response.status_code == 200
    assert len(names_on(response)) >= 3


def test_member_directory_offers_the_export_to_the_office(directory, office_user):
    client = logged_in(office_user)

    text = client.get(DIRECTORY, {"topic": "jugend"}).content.decode()
    export = client.get("/netzwerk/export.csv", {"topic": "jugend"})

    assert "Angezeigte Mitglieder exportieren" in text
    assert 'href="/netzwerk/export.csv?topic=jugend"' in text
    rows = export.content.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("Amtlicher Schlüssel (AGS);Name;Art")
    assert [row.split(";")[1] for row in rows[1:]] == ["Ahausen", "Kreis Cefeld"]


# --- The network section of an authority's page ---------------------------------------------


def test_authority_page_shows_a_member_in_the_network(client):
    authority = AuthorityFactory(name="Ahausen")
    ProfileFactory(
        authority=authority,
        has_round_table=True,
        topics=[TopicFactory(name="Junge Menschen", slug="jugend")],
    )
    MembershipFactory(authority=authority, since=datetime.date(2013, 5, 1))
    ContactPersonFactory(authority=authority, name="Anna Ahausen", public_fields=["name"])
    LeaderFactory(authority=authority, name="Bernd Bürgermeister")

    response = client.get(f"/kommunen/{authority.ags}/")
    text = response.content.decode()

    assert response.status_code == 200
    assert "Im Netzwerk" in text
    assert badge("Mitglied") in text
    assert badge("Kein Mitglied") not in text
    assert "seit Mai 2013" in text
    assert "Runder Tisch" in text
    assert "Junge Menschen" in text
    assert "Anna Ahausen" in text
    assert "Bernd Bürgermeister, Bürgermeister/in" in text
    assert "Profil bearbeiten" not in text  # visitors cannot edit


def test_authority_page_shows_a_non_member_and_an_applicant(client):
    outsider = AuthorityFactory(name="Nichtdorf")
    applicant = AuthorityFactory(name="Antragsheim")
    ApplicationFactory(authority=applicant)
    former = AuthorityFactory(name="Ehemalsstadt")
    MembershipFactory(
        authority=former, since=datetime.date(2013, 5, 1), until=datetime.date(2020, 12, 31)
    )

    outsider_text = client.get(f"/kommunen/{outsider.ags}/").content.decode()
    applicant_text = client.get(f"/kommunen/{applicant.ags}/").content.decode()
    former_text = client.get(f"/kommunen/{former.ags}/").content.decode()

    assert "Im Netzwerk" in outsider_text
    assert badge("Kein Mitglied") in outsider_text
    assert badge("Antrag in Prüfung") in applicant_text
    assert badge("Kein Mitglied") in former_text
    assert "Mai 2013 – Dezember 2020" in former_text


def test_authority_page_invites_a_non_member_instead_of_empty_sections(client):
    outsider = AuthorityFactory(name="Nichtdorf")

    text = client.get(f"/kommunen/{outsider.ags}/").content.decode()
    panel = text[text.index('id="network-heading"') :]

    assert "Nichtdorf ist noch nicht Mitglied des Netzwerks" in panel
    assert f'href="/netzwerk/{outsider.ags}/antrag/"' in panel
    assert "Für Nichtdorf die Mitgliedschaft beantragen" in panel
    assert "Ansprechpersonen" not in panel  # no empty sections with a »–«
    assert "Verwaltungsspitze" not in panel
    assert "<li>–</li>" not in panel


def test_authority_page_shows_a_member_since_only_as_precisely_as_it_is_known(client):
    member = AuthorityFactory(name="Frühstadt")
    MembershipFactory(authority=member, since=datetime.date(2016, 1, 1), since_precision="year")

    text = client.get(f"/kommunen/{member.ags}/").content.decode()

    assert "seit 2016" in text
    assert "Januar 2016" not in text
    assert "noch nicht Mitglied" not in text


def test_authority_page_offers_the_officer_their_actions(authority, officer):
    text = logged_in(officer).get(f"/kommunen/{authority.ags}/").content.decode()

    assert "Profil bearbeiten" in text
    assert "Ansprechperson hinzufügen" in text
    assert "Mitgliedschaft beantragen" in text
    assert "Aus dem Netzwerk austreten" not in text  # not a member


def _rich_member(name: str, items: int) -> Authority:
    authority = AuthorityFactory(name=name)
    ProfileFactory(authority=authority, topics=[TopicFactory() for _ in range(items)])
    old = MembershipFactory(
        authority=authority, since=datetime.date(2012, 1, 1), until=datetime.date(2014, 1, 1)
    )
    assert old.until
    MembershipFactory(authority=authority, since=datetime.date(2016, 1, 1))
    for _ in range(items):
        ContactPersonFactory(authority=authority)
        LeaderFactory(authority=authority)
        SignatureFactory(authority=authority, wave=SigningWaveFactory())
    return authority


@pytest.mark.parametrize("viewer", ["anonymous", "office", "officer"])
def test_authority_page_query_count_is_bounded(client, django_assert_max_num_queries, viewer):
    small, large = _rich_member("Kleindorf", 1), _rich_member("Großstadt", 10)
    # A logged-in viewer adds the session, the user and the role assignments (+ membership
    # check); a member's officer also sees the authority's published impact measures, the
    # office its contacts' summary (people and open follow-ups).
    ceiling = AUTHORITY_PAGE_QUERIES + {"anonymous": 0, "office": 5, "officer": 5}[viewer]
    if viewer != "anonymous":
        user = UserFactory()
        if viewer == "office":
            role_grant(user=user, role=Role.OFFICE)
        else:
            role_grant(user=user, role=Role.OFFICER, authority=large)
        client.force_login(user)

    for authority in (small, large):
        with django_assert_max_num_queries(ceiling):
            response = client.get(f"/kommunen/{authority.ags}/")
        assert response.status_code == 200
        assert badge("Mitglied") in response.content.decode()


# --- Forms: German errors at the field, input kept ------------------------------------------


def test_contact_form_shows_the_phone_error_at_the_field_and_keeps_input(authority, officer):
    client = logged_in(officer)

    response = client.post(
        f"/netzwerk/{authority.ags}/kontakte/neu/",
        {
            "name": "Clara Kontakt",
            "function": "Ehrenamtskoordination",
            "phone": "abc",
            "email": "clara@kommune.example",
            "public_fields": ["name"],
        },
    )
    text = response.content.decode()

    assert response.status_code == 200
    assert "Bitte geben Sie eine Telefonnummer aus Ziffern ein" in text
    phone_input = re.search(r'<input[^>]*name="phone"[^>]*>', text)
    assert phone_input is not None
    assert 'aria-invalid="true"' in phone_input.group()
    assert 'value="abc"' in phone_input.group()
    assert 'value="Clara Kontakt"' in text
    assert not ContactPerson.objects.filter(authority=authority).exists()


def test_contact_form_refuses_a_name_with_a_line_break_at_the_field(authority, officer):
    response = logged_in(officer).post(
        f"/netzwerk/{authority.ags}/kontakte/neu/",
        {"name": "Clara\r\nBcc: alle@example.org", "function": "Koordination"},
    )
    text = response.content.decode()

    assert response.status_code == 200
    assert "Bitte in einer Zeile schreiben, ohne Zeilenumbrüche oder Steuerzeichen." in text
    assert not ContactPerson.objects.filter(authority=authority).exists()


def test_contact_form_saves_and_the_page_shows_the_contact(authority, officer):
    client = logged_in(officer)

    response = client.post(
        f"/netzwerk/{authority.ags}/kontakte/neu/",
        {
            "name": "Clara Kontakt",
            "function": "Ehrenamtskoordination",
            "phone": "0211 / 12 34-5",
            "public_fields": ["name"],
            "is_primary": "on",
        },
        follow=True,
    )
    text = response.content.decode()

    assert response.redirect_chain == [(f"/kommunen/{authority.ags}/", 302)]
    assert "Gespeichert." in text
    assert "Clara Kontakt" in text
    assert badge("Hauptansprechperson") in text


def test_contact_form_changes_a_contact_of_the_own_authority(authority, officer):
    contact = ContactPersonFactory(authority=authority, name="Clara Kontakt", phone="0211 1")
    other = ContactPersonFactory(authority=authority, name="Otto Anders")
    client = logged_in(officer)

    response = client.post(
        f"/netzwerk/{authority.ags}/kontakte/{contact.pk}/",
        {"name": "Clara Kontakt-Neu", "function": "Koordination", "phone": "0211 2"},
        follow=True,
    )

    assert "Gespeichert." in response.content.decode()
    contact.refresh_from_db()
    assert (contact.name, contact.function, contact.phone) == (
        "Clara Kontakt-Neu",
        "Koordination",
        "0211 2",
    )
    other.refresh_from_db()
    assert other.name == "Otto Anders"


def test_leader_form_changes_and_delete_removes_a_leader(authority, officer):
    leader = LeaderFactory(authority=authority, name="Bernd Bürgermeister")
    client = logged_in(officer)

    client.post(
        f"/netzwerk/{authority.ags}/leitung/{leader.pk}/",
        {"name": "Berta Bürgermeisterin", "office": leader.office, "since": "2025-11-01"},
    )
    leader.refresh_from_db()
    assert (leader.name, leader.since) == ("Berta Bürgermeisterin", datetime.date(2025, 11, 1))

    response = client.post(f"/netzwerk/{authority.ags}/leitung/{leader.pk}/loeschen/", follow=True)

    assert "Gelöscht." in response.content.decode()
    assert not authority.leaders.exists()


def test_profile_form_changes_the_strategy_and_it_is_stored(authority, officer):
    client = logged_in(officer)
    shown = client.get(f"/netzwerk/{authority.ags}/profil/").context["form"]

    response = client.post(
        f"/netzwerk/{authority.ags}/profil/",
        form_as_posted(shown, strategy="Leitbild Engagement 2035"),
    )

    assert response.status_code == 302
    assert Profile.objects.get(authority=authority).strategy == "Leitbild Engagement 2035"


def test_profile_form_leaves_taking_part_to_the_card_programme(authority, officer):
    """»Takes part« and its year come from the Ehrenamtskarte's issuers, not from the officer."""
    client = logged_in(officer)

    response = client.post(
        f"/netzwerk/{authority.ags}/profil/",
        {
            "volunteer_card": "participating",
            "volunteer_card_since": "1990",
            "strategy": "Leitbild Engagement 2030",
            "has_round_table": "on",
        },
    )
    text = response.content.decode()

    assert response.status_code == 200
    card_select = re.search(r'<select[^>]*name="volunteer_card"[^>]*>', text)
    assert card_select is not None
    assert 'aria-invalid="true"' in card_select.group()
    assert 'value="participating"' not in text
    assert "Leitbild Engagement 2030" in text
    assert not Profile.objects.filter(authority=authority, strategy__contains="Leitbild").exists()


def test_profile_form_saves_structures_and_topics(authority, officer):
    topic = TopicFactory(name="Junge Menschen", slug="jugend")
    client = logged_in(officer)

    response = client.post(
        f"/netzwerk/{authority.ags}/profil/",
        {
            "volunteer_card": "planned",
            "strategy": "Leitbild Engagement 2030",
            "has_round_table": "on",
            "topics": [topic.pk],
        },
        follow=True,
    )
    text = response.content.decode()

    assert f"Das Profil von {authority.name} wurde gespeichert." in text
    assert "Leitbild Engagement 2030" in text
    assert 'Ehrenamtskarte NRW</dt><dd class="kern-description-list-item__value">geplant' in text
    assert "Junge Menschen" in text


def test_profile_form_shows_a_bad_website_at_the_field_in_german_and_keeps_input(
    authority, officer
):
    response = logged_in(officer).post(
        f"/netzwerk/{authority.ags}/profil/",
        {"website": "kein link", "description": "Runder Tisch seit 2015", "volunteer_card": "no"},
    )
    text = response.content.decode()

    assert response.status_code == 200
    assert "Bitte geben Sie eine vollständige Webadresse ein" in text
    website_input = re.search(r'<input[^>]*name="website"[^>]*>', text)
    assert website_input is not None
    assert 'aria-invalid="true"' in website_input.group()
    assert "Runder Tisch seit 2015" in text
    assert not Profile.objects.filter(authority=authority).exclude(description="").exists()


def test_profile_form_saves_website_and_text_shown_on_the_authority_page(authority, officer):
    response = logged_in(officer).post(
        f"/netzwerk/{authority.ags}/profil/",
        {
            "website": "www.musterstadt.de/ehrenamt",
            "description": "Runder Tisch im Rathaus",
            "volunteer_card": "no",
        },
        follow=True,
    )
    text = response.content.decode()

    assert response.redirect_chain == [(f"/kommunen/{authority.ags}/", 302)]
    assert "wurde gespeichert" in text
    assert 'href="https://www.musterstadt.de/ehrenamt"' in text
    assert "Engagement in Kürze" in text
    assert "Runder Tisch im Rathaus" in text


def test_application_form_shows_unmet_criteria_at_their_fields(authority, officer):
    contact = ContactPersonFactory(authority=authority)
    client = logged_in(officer)

    response = client.post(
        f"/netzwerk/{authority.ags}/antrag/",
        {
            "contact_person": contact.pk,
            "cross_cutting": "Zu kurz.",
            "volunteer_card": "no",
            "motivation": "Austausch",
        },
    )
    text = response.content.decode()

    assert response.status_code == 200
    assert "Bitte beschreiben Sie in einigen Sätzen" in text
    assert "Mitglieder nehmen an der Ehrenamtskarte NRW teil oder planen die Einführung." in text
    assert "Mitglieder unterzeichnen die Gemeinsame Erklärung." in text
    assert text.count('aria-invalid="true"') >= 3
    assert "Austausch" in text
    assert not Application.objects.exists()


# --- The membership workflow through the pages ----------------------------------------------


def _apply(officer_client: Client, authority: Authority, contact: ContactPerson):
    return officer_client.post(
        f"/netzwerk/{authority.ags}/antrag/",
        {
            "contact_person": contact.pk,
            "volunteer_card": "participating",
            "cross_cutting": "Die Stabsstelle Ehrenamt koordiniert alle Fachbereiche.",
            "motivation": "Austausch mit anderen Kommunen",
            "accepts_declaration": "on",
        },
    )


def test_membership_workflow_from_application_to_directory(
    authority, officer, office_user, django_capture_on_commit_callbacks
):
    contact = ContactPersonFactory(authority=authority, name="Anna Ansprech")
    wave = SigningWaveFactory(occasion="Netzwerktreffen Herbst", date=datetime.date(2026, 9, 15))
    officer_client, office_client = logged_in(officer), logged_in(office_user)

    form = officer_client.get(f"/netzwerk/{authority.ags}/antrag/").content.decode()
    assert "Mitgliedschaft beantragen" in form
    assert "Antrag absenden" in form

    response = _apply(officer_client, authority, contact)
    assert response.status_code == 302
    assert response["Location"] == f"/netzwerk/{authority.ags}/antraege/"
    own = officer_client.get(response["Location"]).content.decode()
    assert "Ihr Antrag ist eingereicht." in own
    assert "eingereicht, in Prüfung" in own
    application = Application.objects.get(authority=authority)
    assert (
        badge("Antrag in Prüfung")
        in officer_client.get(f"/kommunen/{authority.ags}/").content.decode()
    )

    queue = office_client.get(QUEUE).content.decode()
    assert "Mitgliedsanträge" in queue
    assert f'href="/netzwerk/antraege/{application.pk}/">{authority.name}</a>' in queue
    detail = office_client.get(f"/netzwerk/antraege/{application.pk}/").content.decode()
    assert "Entscheidung des Netzwerkbüros" in detail
    assert "Anna Ansprech" in detail

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(
            f"/netzwerk/antraege/{application.pk}/",
            {
                "decision": "admit",
                "wave": wave.pk,
                "signed_by": "Bernd Bürgermeister",
                "signer_role": "Bürgermeister",
                "message": "Herzlich willkommen!",
            },
        )
    assert response.status_code == 302
    assert response["Location"] == f"/netzwerk/antraege/{application.pk}/"
    membership = Membership.objects.get(authority=authority)
    assert membership.until is None
    assert membership.since == timezone.localdate()
    assert Signature.objects.filter(wave=wave, authority=authority).exists()
    decided = office_client.get(response["Location"]).content.decode()
    assert "Erledigt. Die antragstellende Kommune wird per E-Mail benachrichtigt." in decided
    assert f"Mitglied seit {membership.since:%d.%m.%Y}." in decided
    # The outbox also delivers the submission mails queued earlier in this test.
    welcome = [m for m in mail.outbox if m.subject.startswith("Willkommen im Netzwerk")]
    assert [m.subject for m in welcome] == [
        f"Willkommen im Netzwerk: {authority.name} ist aufgenommen"
    ]
    assert officer.email in welcome[0].to

    directory = office_client.get(DIRECTORY)
    assert names_on(directory) == [authority.name]
    assert "1 Mitglied gefunden" in directory.content.decode()
    page = officer_client.get(f"/kommunen/{authority.ags}/").content.decode()
    assert badge("Mitglied") in page
    assert "Netzwerktreffen Herbst" in page
    assert "Aus dem Netzwerk austreten" in page
    assert "Es gibt keine Anträge mit diesem Stand." in office_client.get(QUEUE).content.decode()


def test_decline_without_a_message_shows_the_error_at_the_field(
    office_user, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(authority=AuthorityFactory(name="Antragsheim"))
    events = ApplicationEvent.objects.count()
    client = logged_in(office_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/netzwerk/antraege/{application.pk}/", {"decision": "decline", "message": "  "}
        )
    text = response.content.decode()

    assert response.status_code == 200
    assert "Bitte nennen Sie der antragstellenden Kommune eine Begründung." in text
    message = re.search(r'<textarea[^>]*name="message"[^>]*>', text)
    assert message is not None
    assert 'aria-invalid="true"' in message.group()
    assert re.search(r'<input[^>]*value="decline"[^>]*checked', text)  # the choice is kept
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert application.decided_at is None
    assert ApplicationEvent.objects.count() == events
    assert not Membership.objects.exists()
    assert mail.outbox == []


def test_decline_with_a_reason_tells_the_applicant(office_user, django_capture_on_commit_callbacks):
    application = ApplicationFactory(authority=AuthorityFactory(name="Antragsheim"))
    client = logged_in(office_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/netzwerk/antraege/{application.pk}/",
            {"decision": "decline", "message": "Keine Ansprechperson benannt."},
            follow=True,
        )
    text = response.content.decode()

    application.refresh_from_db()
    assert application.status == Application.Status.DECLINED
    assert "Stand: abgelehnt" in text
    assert "Keine Ansprechperson benannt." in text
    assert "Entscheidung des Netzwerkbüros" not in text  # decided: no form any more
    assert not Membership.objects.exists()
    assert mail.outbox[-1].subject == "Ihr Mitgliedsantrag für Antragsheim"
    assert "Keine Ansprechperson benannt." in mail.outbox[-1].body


def test_member_leaves_the_network_through_the_form(authority, officer):
    MembershipFactory(authority=authority, since=datetime.date(2015, 6, 1))
    client = logged_in(officer)

    refused = client.post(f"/netzwerk/{authority.ags}/austritt/", {"reason": ""})
    left = client.post(
        f"/netzwerk/{authority.ags}/austritt/",
        {"reason": "Neuausrichtung der Verwaltung"},
        follow=True,
    )
    text = left.content.decode()

    assert refused.status_code == 200
    assert 'aria-invalid="true"' in refused.content.decode()
    assert f"{authority.name} hat das Netzwerk verlassen." in text
    assert badge("Kein Mitglied") in text
    membership = Membership.objects.get(authority=authority)
    assert membership.until == timezone.localdate()
    assert membership.end_reason == "Neuausrichtung der Verwaltung"


# --- Declaration, partners, growth chart ----------------------------------------------------


def _section(text: str, marker: str) -> str:
    """The <section> of the page that contains `marker`, whitespace collapsed."""
    for part in text.split("<section")[1:]:
        part = part.split("</section>")[0]
        if marker in part:
            return " ".join(part.split())
    raise AssertionError(f"no section with {marker!r}")


@dataclass
class Waves:
    first: SigningWave
    second: SigningWave


@pytest.fixture
def waves(db) -> Waves:
    declaration = DeclarationFactory(version="2012", adopted=datetime.date(2012, 12, 5))
    first = SigningWaveFactory(
        declaration=declaration,
        occasion="Erstunterzeichnung",
        date=datetime.date(2012, 12, 5),
        place="Düsseldorf",
    )
    second = SigningWaveFactory(
        declaration=declaration,
        occasion="Zweite Unterzeichnungsrunde",
        date=datetime.date(2016, 1, 1),
        date_precision="year",
        place="",
    )
    SignatureFactory(
        wave=first,
        authority=AuthorityFactory(name="Ahausen"),
        signed_by="Anna Arndt",
        signer_role="Bürgermeisterin",
    )
    SignatureFactory(
        wave=first,
        authority=None,
        organisation=OrganisationFactory(name="Städtetag NRW"),
        signed_by="",
    )
    SignatureFactory(wave=second, authority=AuthorityFactory(name="Bedorf"), signed_by="")
    return Waves(first, second)


def test_declaration_page_lists_signatories_per_wave(client, waves):
    response = client.get("/netzwerk/erklaerung/")
    text = response.content.decode()

    assert response.status_code == 200
    assert "Zukunftsfaktor Bürgerengagement – Gemeinsam und vernetzt handeln" in text
    assert "Fassung 2012, verabschiedet im Dezember 2012" in text
    assert "Unterzeichnende, Runde für Runde" in text
    wave_one = _section(text, f'id="wave-{waves.first.pk}"')
    wave_two = _section(text, f'id="wave-{waves.second.pk}"')
    assert "Erstunterzeichnung – 5. Dezember 2012" in wave_one
    assert "Düsseldorf" in wave_one
    assert "2 Unterzeichnende" in wave_one
    assert "Ahausen" in wave_one
    assert "Anna Arndt, Bürgermeisterin" in wave_one
    assert "Städtetag NRW" in wave_one
    assert "Bedorf" not in wave_one
    assert "Zweite Unterzeichnungsrunde – 2016</h3>" in wave_two  # only the year is known
    assert "1 Unterzeichnende/r" in wave_two
    assert "Bedorf" in wave_two
    assert "Ahausen" not in wave_two
    assert text.index("Erstunterzeichnung") < text.index("Zweite Unterzeichnungsrunde")


def test_declaration_page_writes_wave_date_and_place_without_a_gap(client, waves):
    text = client.get("/netzwerk/erklaerung/").content.decode()

    assert "Erstunterzeichnung – 5. Dezember 2012, Düsseldorf" in _section(
        text, f'id="wave-{waves.first.pk}"'
    )


def test_declaration_page_without_signings(client):
    text = client.get("/netzwerk/erklaerung/").content.decode()

    assert "Bisher ist keine Unterzeichnung erfasst." in text


def test_partner_page_lists_partners_by_role(client):
    PartnershipFactory(
        organisation=OrganisationFactory(name="Landesnetzwerk Engagement"),
        role=Partnership.Role.FACILITATOR,
        since=2012,
        contact_name="Petra Partner",
    )
    PartnershipFactory(
        organisation=OrganisationFactory(name="Akademie Beispiel"),
        role=Partnership.Role.FACILITATOR,
        since=2011,
        until=2019,
    )
    PartnershipFactory(
        organisation=OrganisationFactory(name="Hochschule Musterstadt"),
        role=Partnership.Role.EVALUATOR,
        since=2014,
    )

    response = client.get("/netzwerk/partner/")
    text = response.content.decode()

    assert response.status_code == 200
    assert "Partnerinstitutionen" in text
    facilitation = _section(text, ">Netzwerkbegleitung</h2>")
    evaluation = _section(text, ">Wissenschaftliche Begleitung</h2>")
    assert "Akademie Beispiel" in facilitation
    assert "(2011–2019)" in facilitation
    assert "Landesnetzwerk Engagement" in facilitation
    assert "(seit 2012)" in facilitation
    assert "Petra Partner" in facilitation
    assert "Hochschule Musterstadt" not in facilitation
    assert "Hochschule Musterstadt" in evaluation
    assert facilitation.index("Akademie Beispiel") < facilitation.index("Landesnetzwerk")


def test_partner_page_without_partners(client):
    assert (
        "Bisher ist keine Partnerinstitution erfasst."
        in client.get("/netzwerk/partner/").content.decode()
    )


def _three_memberships() -> None:
    MembershipFactory(authority=AuthorityFactory(), since=datetime.date(2013, 3, 1))
    MembershipFactory(authority=AuthorityFactory(), since=datetime.date(2016, 9, 15))
    MembershipFactory(
        authority=AuthorityFactory(),
        since=datetime.date(2016, 9, 15),
        until=datetime.date(2018, 12, 31),
    )


def test_start_page_shows_the_growth_chart_when_memberships_exist(client):
    assert "So ist das Netzwerk gewachsen" not in client.get("/").content.decode()

    _three_memberships()
    text = client.get("/").content.decode()

    assert "So ist das Netzwerk gewachsen" in text
    svg = re.search(r"<svg[^>]*>", text)
    assert svg is not None
    assert 'role="img"' in svg.group()
    assert "Mitglieder des Netzwerks jeweils zum Jahresende" in text
    assert "Mitglieder jeweils zum Jahresende (Beitritte abzüglich Austritte)." in text
    desc = re.search(r'<desc id="growth-desc">(.*?)</desc>', text)
    assert desc is not None
    totals = [int(item.split(": ")[1]) for item in desc.group(1).split("; ")]
    assert totals[:6] == [1, 1, 1, 3, 3, 2]  # 2013 … 2018: two joined in 2016, one left in 2018
    assert "Die Zahlen als Tabelle" in text
    figure = re.search(
        r'figure__value">(\d+)</span>\s*<a class="kern-link" href="/netzwerk/">'
        r"Mitglieder des Netzwerks",
        text,
    )
    assert figure is not None
    assert figure.group(1) == "2"


def test_start_page_growth_chart_writes_years_without_thousands_separator(client):
    _three_memberships()

    text = client.get("/").content.decode()

    assert "2013: 1; 2014: 1; 2015: 1; 2016: 3; 2017: 3; 2018: 2" in text
    assert "2.013" not in text


def test_the_leader_and_partner_forms_tell_what_their_own_data_are_for(authority, officer):
    leader_form = logged_in(officer).get(f"/netzwerk/{authority.ags}/leitung/neu/").text
    office = UserFactory()
    role_grant(user=office, role=Role.OFFICE)
    partner_form = logged_in(office).get("/netzwerk/partner/neu/").text

    assert "Einladung zum jährlichen Spitzentreffen" in leader_form
    assert "Ansprechpersonen einer Mitgliedskommune" not in leader_form
    assert "Ansprechperson einer Partnerinstitution" in partner_form
    assert "Ansprechpersonen einer Mitgliedskommune" not in partner_form


def test_office_pages_of_the_network_lead_back_and_its_forms_can_be_left(office_user):
    office_client = logged_in(office_user)
    application = ApplicationFactory()
    network = '<p class="kern-preline"><a class="kern-link" href="/netzwerk/">Netzwerk</a></p>'

    pages = {url: office_client.get(url).content.decode() for url in (QUEUE, "/netzwerk/partner/")}
    detail = office_client.get(f"/netzwerk/antraege/{application.pk}/").content.decode()

    assert all(network in page for page in pages.values())
    decision = detail[detail.index("Entscheidung des Netzwerkbüros") :]
    assert f'<a class="kern-link" href="{QUEUE}">Abbrechen</a>' in decision
