"""The cooperation registry: officers record their municipality's networks, everyone finds the
public ones by filters and in the site search, members also the members-only ones."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.membership.tests.factories import MembershipFactory
from engagiert.opportunities.models import Cooperation
from engagiert.registry.models import Authority
from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory, TopicFactory

from .cooperation_factories import CooperationFactory


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def own(db):
    return MembershipFactory(authority=AuthorityFactory(name="Ahausen")).authority


@pytest.fixture
def other(db):
    return MembershipFactory(authority=AuthorityFactory(name="Bedorf")).authority


def officer_of(authority: Authority, email: str):
    user = UserFactory(email=email)
    role_grant(user=user, role=Role.OFFICER, authority=authority)
    return user


def form_data(**changes):
    data = {
        "name": "Unternehmen engagiert in Ahausen",
        "kind": "multi",
        "sectors": ["administration", "business", "civil_society"],
        "purpose": "Betriebe, Vereine und Verwaltung planen gemeinsam Social Days.",
        "partners": "IHK-Regionalbüro\nFreiwilligenagentur Ahausen",
        "since": "2012",
        "success_factors": ["coordinating_office", "regular_meetings"],
        "success_notes": "Die Wirtschaftsförderung lädt viermal im Jahr ein.",
        "contact_name": "Erika Muster",
        "contact_email": "netzwerk@ahausen.example",
    }
    data.update(changes)
    return data


def test_an_officer_records_a_cooperation_of_their_own_municipality(own, other):
    officer = officer_of(own, "engagement@ahausen.example")
    partner = OrganisationFactory(name="3WIN e.V.")
    topic = TopicFactory(name="Unternehmensengagement", slug="unternehmensengagement")
    url = reverse("opportunities:cooperation_create")

    # Asking for another municipality's form still records for the officer's own one.
    response = login(officer).post(
        f"{url}?kommune={other.ags}",
        form_data(partner_organisations=[partner.pk], topics=[topic.pk]),
    )
    cooperation = Cooperation.objects.get()
    assert response.url == cooperation.get_absolute_url()
    assert cooperation.authority == own
    assert cooperation.sectors == "administration business civil_society"
    assert cooperation.success_factors == "coordinating_office regular_meetings"
    assert list(cooperation.partner_organisations.all()) == [partner]
    assert cooperation.partner_lines == ["IHK-Regionalbüro", "Freiwilligenagentur Ahausen"]
    page = Client().get(cooperation.get_absolute_url()).content.decode()
    assert "Eine koordinierende Stelle" in page
    assert "Zivilgesellschaft" in page


def test_wrong_input_is_named_at_the_field_in_german(own):
    client = login(officer_of(own, "engagement@ahausen.example"))
    url = reverse("opportunities:cooperation_create")

    mono = client.post(url, form_data(kind="mono"))
    assert mono.context["form"].errors == {
        "sectors": ["An einem monosektoralen Netzwerk ist genau ein Sektor beteiligt."]
    }
    multi = client.post(url, form_data(sectors=["business"]))
    assert multi.context["form"].errors == {
        "sectors": ["An einem mehrsektoralen Netzwerk sind mindestens zwei Sektoren beteiligt."]
    }
    later = client.post(url, form_data(since=str(datetime.date.today().year + 1)))
    assert later.context["form"].errors == {
        "since": ["Geben Sie ein Jahr zwischen 1900 und dem laufenden Jahr an."]
    }
    none = client.post(url, form_data(sectors=[], contact_email="kein-mail"))
    assert none.context["form"].errors == {
        "sectors": ["Wählen Sie mindestens einen Sektor."],
        "contact_email": ["Bitte gültige E-Mail-Adresse eingeben."],
    }
    assert not Cooperation.objects.exists()


def test_only_the_own_officer_and_the_office_edit_a_cooperation(own, other):
    cooperation = CooperationFactory(authority=own)
    url = reverse("opportunities:cooperation_edit", args=[cooperation.pk])
    stranger = login(officer_of(other, "engagement@bedorf.example"))
    office = UserFactory(email="buero@example.org")
    role_grant(user=office, role=Role.OFFICE)

    assert stranger.get(url).status_code == 403
    assert stranger.post(url, form_data(name="Gekapert")).status_code == 403
    assert login(office).get(url).status_code == 200
    response = login(officer_of(own, "engagement@ahausen.example")).post(
        url, form_data(name="Netzwerk Bürgerstiftung")
    )
    assert response.status_code == 302
    cooperation.refresh_from_db()
    assert cooperation.name == "Netzwerk Bürgerstiftung"
    # A volunteer or an organisation member records nothing.
    volunteer = UserFactory(email="ehrenamt@example.org")
    role_grant(user=volunteer, role=Role.VOLUNTEER)
    assert login(volunteer).get(reverse("opportunities:cooperation_create")).status_code == 403


def test_members_only_entries_are_hidden_from_the_public(own, other):
    public = CooperationFactory(authority=own, name="Runder Tisch Ehrenamt")
    hidden = CooperationFactory(authority=own, name="Interner Arbeitskreis", members_only=True)
    list_url = reverse("opportunities:cooperation_list")

    anonymous = Client().get(list_url)
    assert list(anonymous.context["page"].object_list) == [public]
    assert Client().get(hidden.get_absolute_url()).status_code == 404
    authority_page = Client().get(own.get_absolute_url()).content.decode()
    assert "Runder Tisch Ehrenamt" in authority_page
    assert "Interner Arbeitskreis" not in authority_page

    member = login(officer_of(other, "engagement@bedorf.example"))
    assert list(member.get(list_url).context["page"].object_list) == [hidden, public]
    assert member.get(hidden.get_absolute_url()).status_code == 200
    assert "Interner Arbeitskreis" in member.get(own.get_absolute_url()).content.decode()


def test_filters_answer_who_has_a_network_like_ours(own, other):
    district = AuthorityFactory(name="Kreis Cestadt", kind=Authority.Kind.DISTRICT)
    topic = TopicFactory(name="Unternehmensengagement", slug="unternehmensengagement")
    like_ours = CooperationFactory(authority=other, name="Unternehmen engagiert in Bedorf")
    like_ours.topics.set([topic])
    CooperationFactory(
        authority=own,
        name="Kirchen-Netzwerk",
        kind=Cooperation.Kind.MONO,
        sectors="churches_welfare",
        success_factors="recognition",
    )
    CooperationFactory(authority=district, name="Kreisnetzwerk Wirtschaft")
    url = reverse("opportunities:cooperation_list")

    def names(**query):
        return [c.name for c in Client().get(url, query).context["page"].object_list]

    assert names(art="multi", sector="business", topic="unternehmensengagement") == [
        "Unternehmen engagiert in Bedorf"
    ]
    assert names(factor="recognition") == ["Kirchen-Netzwerk"]
    assert names(kind="kreise") == ["Kreisnetzwerk Wirtschaft"]
    assert names(q="bedorf") == ["Unternehmen engagiert in Bedorf"]
    # A wrong filter value (a stale link) is dropped, never an error page.
    assert names(sector="nonsense", art="unbekannt") == names() != []


def test_the_site_search_finds_a_cooperation_by_success_factor_and_sector(own):
    CooperationFactory(
        authority=own,
        name="Unternehmen engagiert in Ahausen",
        success_factors="driving_force intermediary",
        sectors="administration science",
    )
    CooperationFactory(authority=own, name="Geheimer Kreis", members_only=True)

    def titles(q, client=None):
        response = (client or Client()).get(reverse("search:search"), {"q": q})
        return [entry.title for entry, _snippet, _kind in response.context["hits"]]

    assert titles("Mittlerstrukturen") == ["Unternehmen engagiert in Ahausen"]
    assert titles("Wissenschaft") == ["Unternehmen engagiert in Ahausen"]
    assert "Geheimer Kreis" not in titles("Geheimer Kreis")
    member = login(officer_of(own, "engagement@ahausen.example"))
    assert titles("Geheimer Kreis", member) == ["Geheimer Kreis"]


def test_the_list_uses_a_constant_number_of_queries(own, other, django_assert_max_num_queries):
    topic = TopicFactory()
    for number in range(15):
        CooperationFactory(authority=own if number % 2 else other).topics.set([topic])
    with django_assert_max_num_queries(10):
        response = Client().get(reverse("opportunities:cooperation_list"))
    assert len(response.context["page"].object_list) == 15
    with django_assert_max_num_queries(40):
        Client().get(own.get_absolute_url())


def test_partners_from_the_registry_are_local_or_state_wide(own, other):
    client = login(officer_of(own, "engagement@ahausen.example"))
    local = OrganisationFactory(name="Tafel Ahausen e.V.", authority=own)
    elsewhere = OrganisationFactory(name="Tafel Bedorf e.V.", authority=other)
    url = reverse("opportunities:cooperation_create")

    offered = client.get(url).context["form"].fields["partner_organisations"].queryset
    assert local in offered
    assert elsewhere not in offered
    response = client.post(url, form_data(partner_organisations=[elsewhere.pk]))
    assert list(response.context["form"].errors) == ["partner_organisations"]


def test_a_filter_change_by_htmx_answers_only_the_results(own):
    CooperationFactory(authority=own, name="Runder Tisch Ehrenamt")

    response = Client().get(
        reverse("opportunities:cooperation_list"), {"art": "multi"}, headers={"HX-Request": "true"}
    )

    body = response.content.decode()
    assert "Runder Tisch Ehrenamt" in body
    assert "<html" not in body
    assert "1 Netzwerk oder Kooperation gefunden" in body
