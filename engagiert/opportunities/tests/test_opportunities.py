"""Providers publish opportunities and answer the interest shown in them; volunteers show
interest without an account (address confirmed by a link) or with one, and see the answer."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from engagiert.accounts.tests.factories import UserFactory
from engagiert.registry.tests.factories import AuthorityFactory, TopicFactory

from ..models import Interest, Opportunity
from .conftest import member_of, sent
from .factories import InterestFactory, OpportunityFactory, ProviderFactory

pytestmark = pytest.mark.django_db


def _opportunity_form(provider, topic, **changes):
    data = {
        "title": "Sprachcafé für Geflüchtete",
        "description": "Samstags Deutsch üben, bei Kaffee und Kuchen.",
        "topic": topic.pk,
        "authority": provider.authority.ags,
        "schedule": Opportunity.Schedule.REGULAR,
        "hours_per_week": "2",
        "on_weekends": "on",
        "contact_name": "Petra Vogel",
        "contact_email": "petra@example.org",
        "status": Opportunity.Status.OPEN,
    }
    data.update(changes)
    return data


def test_a_provider_posts_an_opportunity_at_the_gemeindes_centre_unless_told_otherwise():
    provider = ProviderFactory()
    client = Client()
    client.force_login(member_of(provider))
    url = f"/mitmachen/anbieter/{provider.pk}/angebote/neu/"

    response = client.post(url, _opportunity_form(provider, TopicFactory()))
    opportunity = Opportunity.objects.get()
    assert response["Location"] == opportunity.get_absolute_url()
    assert (opportunity.latitude, opportunity.longitude) == (
        float(provider.authority.latitude),
        float(provider.authority.longitude),
    )
    client.post(
        f"/mitmachen/angebote/{opportunity.pk}/bearbeiten/",
        _opportunity_form(provider, opportunity.topic, latitude="51.45", longitude="6.63"),
    )
    opportunity.refresh_from_db()
    assert (opportunity.latitude, opportunity.longitude) == (51.45, 6.63)


def test_every_field_the_issue_names_is_kept_and_shown_with_the_municipal_contact():
    provider = ProviderFactory(municipal_contact_name="Jan Stadt")
    client = Client()
    client.force_login(member_of(provider))
    fields = {
        "target_groups": "Kinder, Geflüchtete",
        "address": "Moerser Straße 1",
        "schedule": Opportunity.Schedule.ONE_OFF,
        "hours_per_week": "3.5",
        "starts_on": "2030-05-01",
        "ends_on": "2030-05-31",
        "skills": "Arabisch, Führerschein",
        "requirements": "Erweitertes Führungszeugnis",
        "languages": "Deutsch, Arabisch",
        "accessibility": "Stufenloser Zugang, barrierefreies WC",
        "remote_possible": "on",
        "minimum_age": "16",
        "contact_phone": "02842 123",
    }
    client.post(
        f"/mitmachen/anbieter/{provider.pk}/angebote/neu/",
        _opportunity_form(provider, TopicFactory(name="Flüchtlingshilfe"), **fields),
    )
    opportunity = Opportunity.objects.get()
    assert opportunity.schedule == Opportunity.Schedule.ONE_OFF
    assert str(opportunity.hours_per_week) == "3.5"
    assert opportunity.minimum_age == 16
    assert opportunity.remote_possible

    page = Client().get(opportunity.get_absolute_url()).content.decode()
    for shown in (
        "Flüchtlingshilfe",
        "Kinder, Geflüchtete",
        "Moerser Straße 1",
        "Einmalig",
        "3,5",
        "01.05.2030",
        "31.05.2030",
        "Arabisch, Führerschein",
        "Erweitertes Führungszeugnis",
        "Deutsch, Arabisch",
        "Stufenloser Zugang, barrierefreies WC",
        "von zu Hause",
        "Mindestalter",
        "Petra Vogel",
        "02842 123",
        "Ansprechperson der Kommune",
        "Jan Stadt",
    ):
        assert shown in page, shown


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (Opportunity.Status.OPEN, "Offen"),
        (Opportunity.Status.FILLED, "Besetzt"),
        (Opportunity.Status.PAUSED, "Pausiert"),
    ],
)
def test_the_provider_sees_each_status_of_its_opportunities_and_expired_by_date(status, label):
    provider = ProviderFactory()
    OpportunityFactory(provider=provider, title="Mein Angebot", status=status)
    OpportunityFactory(
        provider=provider,
        title="Vorbei",
        ends_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    client = Client()
    client.force_login(member_of(provider))
    page = client.get("/mitmachen/anbieter/").content.decode()
    assert label in page
    assert "Abgelaufen" in page


def test_a_provider_changes_the_title_of_an_opportunity_and_it_is_stored():
    provider = ProviderFactory()
    opportunity = OpportunityFactory(provider=provider, authority=provider.authority)
    client = Client()
    client.force_login(member_of(provider))

    response = client.post(
        f"/mitmachen/angebote/{opportunity.pk}/bearbeiten/",
        _opportunity_form(provider, opportunity.topic, title="Lesepatenschaft in der Bücherei"),
    )

    assert response.status_code == 302
    assert Opportunity.objects.get(pk=opportunity.pk).title == "Lesepatenschaft in der Bücherei"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"latitude": "95", "longitude": "6"}, "latitude"),
        ({"latitude": "51.4"}, "longitude"),
        ({"starts_on": "2027-05-01", "ends_on": "2027-04-01"}, "ends_on"),
        ({"contact_email": "petra"}, "contact_email"),
        ({"minimum_age": "-3"}, "minimum_age"),
    ],
)
def test_bad_input_is_answered_at_its_field(changes, field):
    provider = ProviderFactory()
    client = Client()
    client.force_login(member_of(provider))
    response = client.post(
        f"/mitmachen/anbieter/{provider.pk}/angebote/neu/",
        _opportunity_form(provider, TopicFactory(), **changes),
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Opportunity.objects.exists()


def test_one_provider_never_edits_another_providers_opportunities_nor_sees_its_applicants():
    mine, theirs = ProviderFactory(), ProviderFactory()
    opportunity = OpportunityFactory(provider=theirs)
    InterestFactory(opportunity=opportunity, email="geheim@example.org")
    client = Client()
    client.force_login(member_of(mine))

    assert client.get(f"/mitmachen/angebote/{opportunity.pk}/bearbeiten/").status_code == 403
    assert (
        client.post(
            f"/mitmachen/angebote/{opportunity.pk}/bearbeiten/",
            _opportunity_form(theirs, opportunity.topic, title="Gekapert"),
        ).status_code
        == 403
    )
    assert client.get(f"/mitmachen/anbieter/{theirs.pk}/angebote/neu/").status_code == 403
    applicants = client.get(f"/mitmachen/angebote/{opportunity.pk}/interessierte/")
    assert applicants.status_code == 403
    assert b"geheim@example.org" not in applicants.content
    interest = opportunity.interests.get()
    answer = client.post(f"/mitmachen/interessierte/{interest.pk}/antwort/", {"status": "declined"})
    assert answer.status_code == 403
    opportunity.refresh_from_db()
    interest.refresh_from_db()
    assert opportunity.title != "Gekapert"
    assert interest.status == Interest.Status.NEW


def test_a_resident_shows_interest_confirms_and_sees_the_providers_answer():
    opportunity = OpportunityFactory(title="Hausaufgabenhilfe")
    resident = Client()
    response = resident.post(
        f"/mitmachen/angebote/{opportunity.pk}/interesse/",
        {"name": "Mira Helfer", "email": "Mira@Example.org", "message": "Dienstags geht."},
    )
    interest = Interest.objects.get()
    assert interest.status == Interest.Status.PENDING
    assert response["Location"] == interest.get_absolute_url()

    provider = Client()
    provider.force_login(member_of(opportunity.provider))
    page = provider.get(f"/mitmachen/angebote/{opportunity.pk}/interessierte/")
    assert b"mira@example.org" not in page.content  # not confirmed yet

    mail = next(m for m in sent() if m.to == ["mira@example.org"])
    link = re.search(r"https?://[^/\s]+(/mitmachen/interesse/\S+/)", mail.body).group(1)
    assert resident.get(link).status_code == 200
    resident.post(link + "bestaetigen/")
    interest.refresh_from_db()
    assert interest.status == Interest.Status.NEW
    assert any(m.to == [opportunity.contact_email] for m in sent())

    page = provider.get(f"/mitmachen/angebote/{opportunity.pk}/interessierte/")
    assert b"mira@example.org" in page.content
    provider.post(
        f"/mitmachen/interessierte/{interest.pk}/antwort/",
        {"status": "accepted", "answer": "Herzlich willkommen, Dienstag 15 Uhr!"},
    )
    status = resident.get(link).content.decode()
    assert "Zugesagt" in status
    assert "Dienstag 15 Uhr" in status
    assert any("Dienstag 15 Uhr" in m.body for m in sent() if m.to == ["mira@example.org"])


def test_a_logged_in_volunteer_skips_the_confirmation_and_sees_it_in_their_account():
    opportunity = OpportunityFactory()
    volunteer = UserFactory(email="ole@example.org", first_name="Ole", last_name="Lund")
    client = Client()
    client.force_login(volunteer)
    client.post(f"/mitmachen/angebote/{opportunity.pk}/interesse/", {"message": "Gern!"})

    interest = Interest.objects.get()
    assert (interest.status, interest.email, interest.user) == (
        Interest.Status.NEW,
        "ole@example.org",
        volunteer,
    )
    assert opportunity.title in client.get("/mitmachen/meine-suchen/").content.decode()


def test_interest_twice_from_one_address_is_refused_kindly():
    opportunity = OpportunityFactory()
    InterestFactory(opportunity=opportunity, email="mira@example.org")
    response = Client().post(
        f"/mitmachen/angebote/{opportunity.pk}/interesse/",
        {"name": "Mira", "email": "mira@example.org"},
    )

    assert response.status_code == 200
    assert "bereits Interesse bekundet" in response.content.decode()
    assert Interest.objects.count() == 1


def test_interest_with_a_bad_address_is_answered_at_the_field():
    opportunity = OpportunityFactory()
    response = Client().post(
        f"/mitmachen/angebote/{opportunity.pk}/interesse/", {"name": "", "email": "mira"}
    )

    assert set(response.context["form"].errors) == {"name", "email"}


def test_an_opportunity_expires_after_its_end_date_by_itself():
    today = timezone.localdate()
    expired = OpportunityFactory(title="Sommerfest 2025", ends_on=today - datetime.timedelta(1))
    OpportunityFactory(title="Tafel", ends_on=today)

    page = Client().get("/mitmachen/").content.decode()
    assert "Tafel" in page
    assert "Sommerfest 2025" not in page
    assert expired.status_label == "Abgelaufen"
    assert (
        Client()
        .post(
            f"/mitmachen/angebote/{expired.pk}/interesse/", {"name": "A", "email": "a@example.org"}
        )
        .status_code
        == 404
    )


def test_filled_and_paused_opportunities_are_not_public():
    OpportunityFactory(title="Schon besetzt", status=Opportunity.Status.FILLED)
    OpportunityFactory(title="Pausiert", status=Opportunity.Status.PAUSED)

    page = Client().get("/mitmachen/").content.decode()
    assert "Schon besetzt" not in page
    assert "Pausiert" not in page


def test_the_volunteer_agency_sees_unanswered_opportunities_and_volunteers_without_a_match():
    from engagiert.registry.models import Organisation
    from engagiert.registry.tests.factories import OrganisationFactory

    town = AuthorityFactory(name="Kamp-Lintfort")
    agency = ProviderFactory(
        authority=town, organisation=OrganisationFactory(kind=Organisation.Kind.VOLUNTEER_AGENCY)
    )
    lonely = OpportunityFactory(title="Niemand will mich", provider=ProviderFactory(authority=town))
    wanted = OpportunityFactory(title="Beliebt", provider=lonely.provider)
    InterestFactory(opportunity=wanted, email="wartet@example.org", name="Wanda Wartet")
    InterestFactory(opportunity=wanted, email="passt@example.org", status=Interest.Status.ACCEPTED)
    elsewhere = OpportunityFactory(title="Anderswo")
    client = Client()
    client.force_login(member_of(agency))

    page = client.get(f"/mitmachen/vermittlung/{town.ags}/").content.decode()
    assert "Niemand will mich" in page
    assert "Beliebt" not in page
    assert "wartet@example.org" in page
    assert "passt@example.org" not in page
    assert "Anderswo" not in page
    assert client.get(f"/mitmachen/vermittlung/{elsewhere.authority_id}/").status_code == 403
    plain = Client()
    plain.force_login(member_of(lonely.provider))
    assert plain.get(f"/mitmachen/vermittlung/{town.ags}/").status_code == 403


def test_lists_take_a_constant_number_of_queries(django_assert_max_num_queries):
    provider = ProviderFactory()
    for _ in range(30):
        opportunity = OpportunityFactory(provider=provider)
        InterestFactory(opportunity=opportunity)
    member = Client()
    member.force_login(member_of(provider))

    with django_assert_max_num_queries(8):
        assert Client().get("/mitmachen/").status_code == 200
    with django_assert_max_num_queries(12):
        assert member.get("/mitmachen/anbieter/").status_code == 200
    with django_assert_max_num_queries(12):
        assert member.get(f"/mitmachen/angebote/{opportunity.pk}/interessierte/").status_code == 200
