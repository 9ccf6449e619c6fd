"""Card staff of Kreis A never see or act on Kreis B's applicants; the organisations' links act
only on their own engagement; the anonymous get nothing of the queue."""

import pytest
from django.test import Client

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.registry.models import Authority
from engagiert.registry.tests.factories import AuthorityFactory
from engagiert.volunteercard.models import Application, Card

from .factories import ApplicationFactory, EngagementFactory, IssuerFactory, covering


@pytest.fixture
def world(db):
    a = covering(IssuerFactory(authority=AuthorityFactory(name="Kreis A", kind="kreis")))
    b = covering(IssuerFactory(authority=AuthorityFactory(name="Kreis B", kind="kreis")))
    users = {}
    for name, issuer in (("a", a), ("b", b)):
        users[name] = UserFactory(email=f"karte-{name}@example.org")
        role_grant(user=users[name], role=Role.CARD_STAFF, authority=issuer.authority)
    office = UserFactory(email="buero@example.org")
    role_grant(user=office, role=Role.OFFICE)
    applications = {
        "a": ApplicationFactory(issuer=a, last_name="Ahlers"),
        "b": ApplicationFactory(issuer=b, last_name="Brinkmann"),
    }
    for application in applications.values():
        EngagementFactory(application=application)
    return {"a": a, "b": b, "users": users, "office": office, "applications": applications}


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_card_staff_see_only_their_own_issuers_applications(world):
    page = _client(world["users"]["a"]).get("/ehrenamtskarte/bearbeitung/").content.decode()

    assert "Ahlers" in page
    assert "Brinkmann" not in page


def test_the_office_sees_every_issuer(world):
    page = _client(world["office"]).get("/ehrenamtskarte/bearbeitung/").content.decode()

    assert "Ahlers" in page
    assert "Brinkmann" in page


def test_card_staff_of_a_cannot_open_or_decide_on_bs_applications(world):
    client = _client(world["users"]["a"])
    b = world["applications"]["b"]
    url = f"/ehrenamtskarte/bearbeitung/{b.pk}/"

    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "approve"}).status_code == 404
    assert client.post(url, {"action": "reject", "reason": "Nein"}).status_code == 404
    assert client.get(f"/ehrenamtskarte/bearbeitung/?issuer={world['b'].pk}").status_code == 200
    b.refresh_from_db()
    assert b.status == Application.Status.IN_REVIEW
    assert not Card.objects.exists()


def test_card_staff_of_a_cannot_manage_bs_issuer(world):
    client = _client(world["users"]["a"])
    url = f"/ehrenamtskarte/ausgabestellen/{world['b'].pk}/"

    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "settings", "validity_years": "9"}).status_code == 404
    assert client.get(f"/ehrenamtskarte/ausgabestellen/{world['a'].pk}/").status_code == 200
    page = client.get("/ehrenamtskarte/ausgabestellen/").content.decode()
    assert "Kreis A" in page
    assert "Kreis B" not in page


def test_card_staff_cannot_grant_the_card_staff_role(world):
    client = _client(world["users"]["a"])

    client.post(
        f"/ehrenamtskarte/ausgabestellen/{world['a'].pk}/",
        {"action": "staff", "staff-email": "freund@example.org"},
    )

    assert (
        not Authority.objects.get(pk=world["a"].authority_id)
        .role_assignments.filter(user__email="freund@example.org")
        .exists()
    )


@pytest.mark.parametrize(
    "path",
    [
        "/ehrenamtskarte/bearbeitung/",
        "/ehrenamtskarte/bearbeitung/{pk}/",
        "/ehrenamtskarte/ausgabestellen/",
        "/ehrenamtskarte/ausgabestellen/neu/",
    ],
)
def test_the_anonymous_get_nothing_of_the_queue(world, path):
    response = _client().get(path.format(pk=world["applications"]["a"].pk))

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")


def test_a_volunteer_gets_no_queue(world):
    volunteer = UserFactory(email="ehrenamt@example.org")
    role_grant(user=volunteer, role=Role.VOLUNTEER)
    pk = world["applications"]["a"].pk

    assert _client(volunteer).get("/ehrenamtskarte/bearbeitung/").status_code == 403
    assert _client(volunteer).get(f"/ehrenamtskarte/bearbeitung/{pk}/").status_code == 404


def test_the_queue_costs_the_same_for_few_and_many_rows(world, django_assert_max_num_queries):
    client = _client(world["users"]["a"])
    client.get("/ehrenamtskarte/bearbeitung/")  # warm the session and the role cache
    with django_assert_max_num_queries(12) as few:
        client.get("/ehrenamtskarte/bearbeitung/")
    for index in range(30):
        application = ApplicationFactory(issuer=world["a"], last_name=f"Mehr{index}")
        EngagementFactory.create_batch(2, application=application)

    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/ehrenamtskarte/bearbeitung/").content.decode()

    assert "Mehr29" in page


def test_the_personal_start_page_shows_the_waiting_applications_of_ones_own_issuer(world):
    page = _client(world["users"]["a"]).get("/konto/").content.decode()

    assert "1 Antrag wartet auf Ihre Entscheidung" in page


def test_an_applicant_finds_the_application_on_the_personal_start_page(world):
    application = world["applications"]["a"]
    applicant = UserFactory(email="antrag@example.org")
    Application.objects.filter(pk=application.pk).update(user=applicant)

    page = _client(applicant).get("/konto/").content.decode()

    assert f"/ehrenamtskarte/antrag/{application.public_id}/" in page
