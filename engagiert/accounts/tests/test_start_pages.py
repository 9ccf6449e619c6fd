"""The start pages of the roles say what is true now: the top meeting's invitation, the cohort
space, the next events, open calls and recent info-mails; the public start page leads to the
search, the coming events and how to become a member."""

import datetime

import pytest
from django.utils import timezone

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.audiences.models import Segment
from engagiert.audiences.tests.factories import SegmentFactory
from engagiert.events.models import Event
from engagiert.events.tests.factories import EventFactory, RegistrationFactory
from engagiert.mailings.tests.factories import MailingFactory
from engagiert.membership.tests.factories import ApplicationFactory, MembershipFactory
from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory
from engagiert.workshop.models import CohortApplication
from engagiert.workshop.tests.factories import (
    CohortApplicationFactory,
    CohortFactory,
    selected_team,
    team_user,
)

DASHBOARD = "/konto/"


@pytest.fixture
def leader(db, authority):
    user = UserFactory(email="buergermeisterin@example.org")
    role_grant(user=user, role=Role.LEADER, authority=authority)
    return user


@pytest.mark.django_db
def test_leader_reads_the_top_meeting_invitation_once_it_is_out(client, leader):
    client.force_login(leader)
    before = client.get(DASHBOARD).content.decode()
    EventFactory(title="Spitzentreffen 2027", kind=Event.Kind.TOP_MEETING)

    after = client.get(DASHBOARD).content.decode()

    assert "Noch ist kein Spitzentreffen angekündigt." in before
    assert "Die Einladung zum Spitzentreffen am" in after
    assert "Spitzentreffen 2027" in after
    assert "Noch ist kein Spitzentreffen angekündigt." not in after
    assert "künftig" not in after


@pytest.mark.django_db
def test_leader_does_not_read_of_a_draft_top_meeting(client, leader):
    EventFactory(title="Spitzentreffen Entwurf", kind=Event.Kind.TOP_MEETING, status="draft")
    client.force_login(leader)

    page = client.get(DASHBOARD).content.decode()

    assert "Spitzentreffen Entwurf" not in page
    assert "Noch ist kein Spitzentreffen angekündigt." in page


@pytest.mark.django_db
def test_selected_team_finds_its_open_space_and_no_promise_of_later():
    cohort = CohortFactory(number=7)
    application = selected_team(cohort)
    from django.test import Client

    client = Client()
    client.force_login(team_user(application))

    page = client.get(DASHBOARD).content.decode()

    assert f'href="/werkstatt/{cohort.number}/raum/"' in page
    assert "offen" in page
    assert "sobald" not in page


@pytest.mark.django_db
def test_team_of_an_application_under_selection_reads_that_the_space_opens_on_selection(client):
    application = CohortApplicationFactory(cohort=CohortFactory(number=8))
    member = application.team.get(position=1)
    member.user = UserFactory(email=member.email)
    member.save(update_fields=["user"])
    role_grant(user=member.user, role=Role.DEVELOPMENT_TEAM, authority=application.authority)
    client.force_login(member.user)

    page = client.get(DASHBOARD).content.decode()

    assert "wartet auf die Auswahl" in page
    assert "/werkstatt/8/raum/" not in page
    CohortApplication.objects.filter(pk=application.pk).update(status="selected")
    assert "/werkstatt/8/raum/" in client.get(DASHBOARD).content.decode()


@pytest.mark.django_db
def test_officer_sees_open_calls_next_events_and_recent_info_mails(client, officer, authority):
    MembershipFactory(authority=authority)
    CohortFactory(number=9)
    CohortFactory(number=6, application_deadline=timezone.now() - datetime.timedelta(days=1))
    mine = EventFactory(title="Herbsttreffen")
    RegistrationFactory(event=mine, user=officer, email=officer.email)
    EventFactory(title="Vergangenes Treffen", starts_at=timezone.now() - datetime.timedelta(days=9))
    MailingFactory(
        subject="Neues vom Netzwerk",
        segment=SegmentFactory(kind=Segment.Kind.PUBLIC, name="Öffentlichkeit"),
        released_at=timezone.now(),
        send_at=timezone.now() - datetime.timedelta(days=1),
    )
    MailingFactory(subject="Noch ein Entwurf")
    client.force_login(officer)

    page = client.get(DASHBOARD).content.decode()

    assert "Offene Ausschreibungen" in page
    assert 'href="/werkstatt/9/bewerbung/"' in page
    assert "/werkstatt/6/bewerbung/" not in page
    assert "Herbsttreffen" in page
    assert "angemeldet" in page
    assert "Vergangenes Treffen" not in page
    assert "Neues vom Netzwerk" in page
    assert "Noch ein Entwurf" not in page


@pytest.mark.django_db
def test_start_page_costs_the_same_queries_for_many_events(
    client, officer, django_assert_max_num_queries
):
    EventFactory()
    client.force_login(officer)
    client.get(DASHBOARD)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(DASHBOARD)
    for _ in range(8):
        RegistrationFactory(event=EventFactory(), user=officer)

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(DASHBOARD)


@pytest.mark.django_db
def test_public_start_page_has_search_coming_events_and_become_a_member(client):
    EventFactory(title="Engagementkongress", is_public=True)
    EventFactory(title="Nur ein Entwurf", status="draft")

    page = client.get("/").content.decode()

    assert 'action="/suche/"' in page
    assert 'name="q"' in page
    assert "Kommende Veranstaltungen" in page
    assert "Engagementkongress" in page
    assert "Nur ein Entwurf" not in page
    assert "Mitglied werden" in page
    assert 'href="/netzwerk/mitglied-werden/"' in page


@pytest.mark.django_db
def test_join_page_explains_how_and_leads_the_officer_to_the_application(
    client, officer, authority
):
    anonymous = client.get("/netzwerk/mitglied-werden/").content.decode()
    client.force_login(officer)
    own = client.get("/netzwerk/mitglied-werden/").content.decode()
    ApplicationFactory(authority=authority)
    pending = client.get("/netzwerk/mitglied-werden/").content.decode()

    assert "So geht es" in anonymous
    assert 'href="/konto/anmelden/?next=/netzwerk/mitglied-werden/"' in anonymous
    assert f"Für {authority.name} die Mitgliedschaft beantragen" in own
    assert f'href="/netzwerk/{authority.ags}/antrag/"' in own
    assert "Ihr Antrag wird geprüft" in pending
    assert f"/netzwerk/{authority.ags}/antrag/" not in pending


@pytest.mark.django_db
def test_team_not_selected_reads_so_and_finds_no_space(client):
    application = CohortApplicationFactory(
        cohort=CohortFactory(number=5), status=CohortApplication.Status.DECLINED
    )
    member = application.team.get(position=1)
    member.user = UserFactory(email=member.email)
    member.save(update_fields=["user"])
    role_grant(user=member.user, role=Role.DEVELOPMENT_TEAM, authority=application.authority)
    client.force_login(member.user)

    page = client.get(DASHBOARD).content.decode()

    assert f"{application.authority.name} wurde diesmal nicht ausgewählt." in page
    assert "/werkstatt/5/raum/" not in page


def test_the_office_card_leads_to_the_platform_pages_and_the_admin_only_for_technicians(client, db):
    office = UserFactory()
    role_grant(user=office, role=Role.OFFICE)
    client.force_login(office)

    card = client.get("/konto/").text.split('id="role-office"')[1].split("</section>")[0]

    for page in ("/veranstaltungen/", "/werkstatt/", "/netzwerk/antraege/", "/kontakte/"):
        assert f'href="{page}"' in card
    assert card.index('href="/kontakte/"') < card.index("Für die Technik:") < card.index("/admin/")


@pytest.mark.parametrize(
    ("role", "pages"),
    [
        (Role.VOLUNTEER, ("/mitmachen/", "/ehrenamtskarte/antrag/")),
        (Role.ORGANISATION, ("/mitmachen/anbieter/",)),
        (Role.BENEFIT_PARTNER, ("/ehrenamtskarte/akzeptanzstellen/meine/",)),
    ],
)
def test_the_other_roles_cards_lead_to_what_exists_instead_of_promising_it(client, db, role, pages):
    person = UserFactory()
    where = {} if role == Role.VOLUNTEER else {"organisation": OrganisationFactory()}
    role_grant(user=person, role=role, **where)
    client.force_login(person)

    page = client.get("/konto/").text

    assert "künftig" not in page
    for link in pages:
        assert f'href="{link}"' in page


def test_card_staff_card_names_the_authority_and_leads_to_the_issued_cards(client, db):
    """Applications, partners and statistics are the card panels' below; the role's own card
    says for whom and leads to the cards issued."""
    staff = UserFactory()
    role_grant(user=staff, role=Role.CARD_STAFF, authority=AuthorityFactory(name="Arnsberg"))
    client.force_login(staff)

    page = client.get("/konto/").text
    card = page.split("Sachbearbeitung Ehrenamtskarte</h2>")[1].split("</section>")[0]

    assert "Sie geben die Ehrenamtskarte für Arnsberg aus." in card
    assert 'href="/ehrenamtskarte/verwaltung/karten/"' in card
