"""What the network contributes to other pages through core.extensions (see apps.py)."""

import pytest
from django.urls import reverse

from engagiert.membership.models import Application
from engagiert.registry.tests.factories import AuthorityFactory

from .factories import ApplicationFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_the_start_page_shows_the_number_of_members(client):
    MembershipFactory.create_batch(3)

    page = client.get(reverse("core:home")).content.decode()

    assert "Mitglieder des Netzwerks" in page
    assert f'href="{reverse("membership:directory")}"' in page


@pytest.mark.parametrize(
    ("who", "sees"), [("anonymous", False), ("officer", False), ("office", True)]
)
def test_the_applications_entry_of_the_navigation_is_for_the_office_only(
    client, officer, office_user, who, sees
):
    if who != "anonymous":
        client.force_login({"officer": officer, "office": office_user}[who])

    page = client.get(reverse("core:home")).content.decode()

    assert (f'href="{reverse("membership:application_queue")}"' in page) is sees
    assert f'href="{reverse("membership:directory")}"' in page


def test_the_authority_page_shows_the_network_panel(client):
    member = MembershipFactory(authority=AuthorityFactory(name="Lüdenscheid")).authority

    page = client.get(reverse("registry:authority_detail", args=[member.ags])).content.decode()

    assert "Im Netzwerk" in page
    assert "Mitglied" in page


def test_the_office_dashboard_shows_the_waiting_applications(client, office_user):
    ApplicationFactory.create_batch(2, status=Application.Status.SUBMITTED)
    client.force_login(office_user)

    page = client.get(reverse("accounts:dashboard")).content.decode()

    assert "Mitgliedsanträge" in page
    assert "2 Anträge warten auf Ihre Entscheidung." in page
