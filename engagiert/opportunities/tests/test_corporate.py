"""Corporate volunteering: offers and needs, matching with reasons, contact through the outbox,
acceptance, the recorded engagement and the municipality's overview."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.extensions import indicator_providers
from engagiert.opportunities import cooperation_queries as queries
from engagiert.opportunities.models import (
    CorporateKind,
    CorporateMatch,
    CorporateNeed,
    CorporateOffer,
    Provider,
)
from engagiert.registry.tests.factories import AuthorityFactory, TopicFactory

from .cooperation_factories import (
    BusinessFactory,
    MatchFactory,
    NeedFactory,
    OfferFactory,
    ProviderFactory,
)

TODAY = datetime.date.today()
SOON = TODAY + datetime.timedelta(days=30)


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Background tasks (the e-mails) run at once, so `mail.outbox` shows what was sent."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def member_of(provider: Provider, email: str) -> Client:
    user = UserFactory(email=email)
    role_grant(user=user, role=Role.ORGANISATION, organisation=provider.organisation)
    client = Client()
    client.force_login(user)
    return client


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def town(db):
    """Ahausen; Bedorf is 11 km east, Fernstadt 60 km away."""
    return AuthorityFactory(
        name="Ahausen", latitude=Decimal("51.500000"), longitude=Decimal("7.500000")
    )


@pytest.fixture
def near(db):
    return AuthorityFactory(
        name="Bedorf", latitude=Decimal("51.500000"), longitude=Decimal("7.660000")
    )


@pytest.fixture
def far(db):
    return AuthorityFactory(
        name="Fernstadt", latitude=Decimal("52.040000"), longitude=Decimal("7.500000")
    )


@pytest.fixture
def business(town):
    return BusinessFactory(
        authority=town,
        organisation__name="Stadtwerke Ahausen GmbH",
        contact_name="Berta Betrieb",
        contact_email="berta@stadtwerke.example",
    )


@pytest.fixture
def association(near):
    return ProviderFactory(
        authority=near,
        organisation__name="Tafel Bedorf e.V.",
        contact_name="Vera Verein",
        contact_email="vera@tafel.example",
    )


def offer_data(**changes):
    data = {
        "kind": CorporateKind.TEAM_DAY,
        "title": "Social Day der Stadtwerke",
        "description": "Zwölf Azubis packen einen Tag lang mit an.",
        "team_size": "12",
        "available_from": TODAY.isoformat(),
        "available_until": (TODAY + datetime.timedelta(days=90)).isoformat(),
        "radius_km": "25",
        "skills": "Handwerk, Gartenarbeit",
        "is_open": "on",
    }
    data.update(changes)
    return data


def test_a_business_publishes_an_offer_and_a_wrong_time_frame_is_named_at_the_field(business, town):
    client = member_of(business, "azubi@stadtwerke.example")
    url = reverse("opportunities:corporate_offer_create")

    wrong = client.post(
        url,
        offer_data(
            authority=town.ags,
            available_until=(TODAY - datetime.timedelta(days=1)).isoformat(),
            team_size="0",
        ),
    )
    assert wrong.status_code == 200
    assert wrong.context["form"].errors == {
        "available_until": ["Das Ende des Zeitraums liegt vor seinem Beginn."],
        "team_size": ["Dieser Wert muss größer oder gleich 1 sein."],
    }
    assert not CorporateOffer.objects.exists()

    response = client.post(url, offer_data(authority=town.ags))
    offer = CorporateOffer.objects.get()
    assert response.url == offer.get_absolute_url()
    assert (offer.provider, offer.team_size, offer.authority) == (business, 12, town)


def test_only_verified_businesses_offer_and_only_verified_organisations_post_needs(
    business, association
):
    pending = BusinessFactory(status=Provider.Status.PENDING)
    offer_url = reverse("opportunities:corporate_offer_create")
    need_url = reverse("opportunities:corporate_need_create")

    assert member_of(pending, "wartet@example.org").get(offer_url).status_code == 403
    assert member_of(association, "verein@example.org").get(offer_url).status_code == 403
    assert member_of(business, "firma@example.org").get(need_url).status_code == 403
    assert member_of(association, "verein2@example.org").get(need_url).status_code == 200


def test_a_business_changes_its_offer_and_an_organisation_its_need_and_both_are_stored(
    business, association
):
    offer = OfferFactory(provider=business)
    need = NeedFactory(provider=association)

    changed_offer = member_of(business, "eigene@example.org").post(
        reverse("opportunities:corporate_offer_edit", args=[offer.pk]),
        offer_data(authority=offer.authority_id, title="Social Day im Herbst"),
    )
    changed_need = member_of(association, "verein@example.org").post(
        reverse("opportunities:corporate_need_edit", args=[need.pk]),
        {
            "kind": need.kind,
            "title": "Neuer Zaun für den Vereinsgarten",
            "description": need.description,
            "date_from": need.date_from.isoformat(),
            "date_until": need.date_until.isoformat(),
            "people": "8",
            "authority": need.authority_id,
            "is_open": "on",
        },
    )

    assert (changed_offer.status_code, changed_need.status_code) == (302, 302)
    assert CorporateOffer.objects.get(pk=offer.pk).title == "Social Day im Herbst"
    assert CorporateNeed.objects.get(pk=need.pk).title == "Neuer Zaun für den Vereinsgarten"


def test_a_business_never_edits_another_business_offer(business):
    offer = OfferFactory(provider=business)
    rival = member_of(BusinessFactory(), "konkurrenz@example.org")
    url = reverse("opportunities:corporate_offer_edit", args=[offer.pk])

    assert rival.get(url).status_code == 403
    assert rival.post(url, offer_data(authority=offer.authority_id)).status_code == 403
    offer.refresh_from_db()
    assert offer.title.startswith("Social Day")
    assert member_of(business, "eigene@example.org").get(url).status_code == 200


def test_matching_names_its_reasons_and_keeps_to_radius_time_frame_and_kind(
    business, association, town, far
):
    topic = TopicFactory(name="Unternehmensengagement", slug="unternehmensengagement")
    offer = OfferFactory(provider=business, skills="Handwerk, Gartenarbeit", radius_km=25)
    offer.topics.set([topic])
    fitting = NeedFactory(provider=association, skills="gartenarbeit", people=8)
    fitting.topics.set([topic])
    NeedFactory(
        provider=association,
        title="Zu spät",
        date_from=TODAY + datetime.timedelta(days=200),
        date_until=TODAY + datetime.timedelta(days=200),
    )
    NeedFactory(provider=ProviderFactory(authority=far), title="Zu weit")
    NeedFactory(provider=association, title="Andere Art", kind=CorporateKind.IN_KIND)
    NeedFactory(
        provider=ProviderFactory(authority=town, status=Provider.Status.PENDING), title="Ungeprüft"
    )

    [fit] = queries.needs_for_offer(offer)

    assert fit.item == fitting
    assert fit.reasons == [
        "Art passt: Teamtag (Social Day)",
        "Thema Unternehmensengagement",
        "Kenntnisse: Gartenarbeit",
        "11 km entfernt",
        f"im Zeitraum ({SOON:%d.%m.%Y}–{SOON:%d.%m.%Y})",
        "Team groß genug (8 gesucht)",
    ]
    [back] = queries.offers_for_need(fitting)
    assert back.item == offer
    assert back.reasons == fit.reasons


def test_the_whole_way_from_contact_to_the_municipality_overview(
    business, association, near, django_capture_on_commit_callbacks
):
    offer = OfferFactory(provider=business)
    need = NeedFactory(provider=association)
    firm = member_of(business, "chefin@stadtwerke.example")
    club = member_of(association, "vorstand@tafel.example")
    officer = UserFactory(email="koordination@bedorf.example")
    role_grant(user=officer, role=Role.OFFICER, authority=near)

    page = firm.get(offer.get_absolute_url())
    assert page.context["fits"][0].item == need
    assert "vera@tafel.example" not in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = firm.post(
            reverse("opportunities:corporate_propose") + f"?bedarf={need.pk}",
            {"mine": offer.pk, "message": "Unser Azubi-Team hilft gern."},
        )
    match = CorporateMatch.objects.get()
    assert response.url == match.get_absolute_url()
    [message] = mail.outbox
    assert message.to == ["vera@tafel.example"]
    assert "Stadtwerke Ahausen GmbH" in message.subject
    assert "Unser Azubi-Team hilft gern." in message.body

    # Before the answer nobody sees the other side's contact details.
    for client in (firm, club):
        body = client.get(match.get_absolute_url()).content.decode()
        assert "vera@tafel.example" not in body
        assert "berta@stadtwerke.example" not in body
    # The proposer cannot answer their own request.
    answer_url = reverse("opportunities:corporate_match_answer", args=[match.pk])
    assert firm.post(answer_url, {"decision": "accept"}).status_code == 403

    with django_capture_on_commit_callbacks(execute=True):
        club.post(answer_url, {"decision": "accept", "answer": "Gern, am Samstag!"})
    match.refresh_from_db()
    assert match.status == CorporateMatch.Status.ACCEPTED
    assert mail.outbox[-1].to == ["berta@stadtwerke.example"]
    assert "angenommen" in mail.outbox[-1].subject
    assert "berta@stadtwerke.example" in club.get(match.get_absolute_url()).content.decode()
    assert "vera@tafel.example" in firm.get(match.get_absolute_url()).content.decode()
    assert club.post(answer_url, {"decision": "decline"}).status_code == 403

    record_url = reverse("opportunities:corporate_match_record", args=[match.pk])
    future = club.post(
        record_url,
        {
            "engagement_date": (TODAY + datetime.timedelta(days=3)).isoformat(),
            "engagement_people": "9",
            "engagement_hours": "54",
        },
    )
    assert future.context["form"].errors == {
        "engagement_date": ["Erfassen Sie einen Einsatz, nachdem er stattgefunden hat."]
    }
    recorded = club.post(
        record_url,
        {"engagement_date": TODAY.isoformat(), "engagement_people": "9", "engagement_hours": "54"},
    )
    assert recorded.status_code == 302, recorded.context["form"].errors
    match.refresh_from_db()
    assert (match.engagement_people, match.engagement_hours) == (9, Decimal("54.0"))

    overview = login(officer).get(reverse("opportunities:corporate_overview"))
    assert overview.status_code == 200
    assert overview.context["overview"].hours == Decimal("54.0")
    assert overview.context["overview"].people == 9
    body = overview.content.decode()
    assert "Tafel Bedorf e.V." in body
    assert "vera@tafel.example" not in body
    # The officer sees the match, but not the parties' contact details or messages.
    seen = login(officer).get(match.get_absolute_url()).content.decode()
    assert "berta@stadtwerke.example" not in seen
    assert "Unser Azubi-Team" not in seen

    indicator = indicator_providers.get("opportunities.corporate_hours")
    assert indicator is not None
    assert indicator.values(TODAY.year) == {near.ags: 54.0}
    count = indicator_providers.get("opportunities.corporate_engagements")
    assert count is not None
    assert count.values(TODAY.year) == {near.ags: 1.0}


def test_who_sees_a_match(business, association, far):
    match = MatchFactory(
        offer=OfferFactory(provider=business), need=NeedFactory(provider=association)
    )
    url = match.get_absolute_url()
    stranger = member_of(BusinessFactory(), "fremd@example.org")
    other_officer = UserFactory(email="fern@example.org")
    role_grant(user=other_officer, role=Role.OFFICER, authority=far)
    office = UserFactory(email="buero@example.org")
    role_grant(user=office, role=Role.OFFICE)

    assert stranger.get(url).status_code == 404
    assert login(other_officer).get(url).status_code == 404
    assert login(other_officer).get(reverse("opportunities:corporate_overview")).status_code == 200
    assert Client().get(url).status_code == 302
    office_page = login(office).get(url)
    assert office_page.status_code == 200
    assert office_page.context["sees_contacts"] is False


def test_a_pair_is_proposed_once_and_a_closed_need_takes_no_request(business, association):
    offer = OfferFactory(provider=business)
    need = NeedFactory(provider=association)
    firm = member_of(business, "a@stadtwerke.example")
    url = reverse("opportunities:corporate_propose")
    firm.post(f"{url}?bedarf={need.pk}", {"mine": offer.pk, "message": "Hallo"})

    again = firm.post(f"{url}?bedarf={need.pk}", {"mine": offer.pk, "message": "Nochmal"})
    assert again.context["form"].non_field_errors() == [
        "Dieses Angebot und dieser Bedarf sind bereits im Kontakt."
    ]
    empty = firm.post(f"{url}?bedarf={need.pk}", {"mine": offer.pk, "message": ""})
    assert "message" in empty.context["form"].errors

    closed = NeedFactory(provider=association, is_open=False)
    assert firm.get(f"{url}?bedarf={closed.pk}").status_code == 404
    assert Client().get(closed.get_absolute_url()).status_code == 404
    assert CorporateMatch.objects.count() == 1


def test_lists_and_pages_use_a_constant_number_of_queries(
    business, association, django_assert_max_num_queries
):
    topic = TopicFactory()
    for _ in range(12):
        OfferFactory(provider=business).topics.set([topic])
        NeedFactory(provider=association).topics.set([topic])
    offer = CorporateOffer.objects.first()
    client = Client()
    with django_assert_max_num_queries(8):
        assert client.get(reverse("opportunities:corporate_offers")).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("opportunities:corporate_needs")).status_code == 200
    with django_assert_max_num_queries(10):
        response = client.get(offer.get_absolute_url())
    assert len(response.context["fits"]) == 10


def test_contact_with_an_offer_of_other_digits_is_refused_without_a_server_error(
    business, association
):
    client = member_of(association, "verein-ziffern@example.org")
    client.raise_request_exception = False

    for name in ("angebot", "bedarf"):
        response = client.get(reverse("opportunities:corporate_propose"), {name: "²"})
        assert response.status_code == 404
