"""The demo's benefit partners: the demo login is an approved partner that can edit its own
entries, the map has benefits in several towns, and loading twice changes nothing."""

from pathlib import Path

import pytest

import engagiert.registry
from engagiert.accounts.models import User
from engagiert.demo.services import demo_load
from engagiert.demo.volunteercard_partners import volunteercard_partners_load
from engagiert.registry.services import registry_import_file
from engagiert.volunteercard.models import Benefit, BenefitPartner, Card

REGISTRY_FILE = Path(engagiert.registry.__file__).parent / "data" / "nrw_kommunen.csv"


@pytest.fixture
def demo(db):
    registry_import_file(path=REGISTRY_FILE)
    demo_load()
    volunteercard_partners_load()


def test_demo_partner_login_edits_its_approved_partner(client, demo):
    client.force_login(User.objects.get(email="akzeptanzstelle@engagiert.example"))

    page = client.get("/ehrenamtskarte/akzeptanzstellen/meine/").content.decode()

    assert "Stadtbad Lemgo" in page
    assert "Sauna frei am Ehrenamtstag" in page
    partner = BenefitPartner.objects.get(organisation__name="Stadtbad Lemgo")
    assert partner.status == BenefitPartner.Status.APPROVED
    assert partner.is_demo
    assert partner.issuer.authority.name == "Kreis Lippe"


def test_demo_map_shows_benefits_in_several_towns_and_one_partner_waits(client, demo):
    response = client.get("/ehrenamtskarte/vorteile/")

    assert {"05766044", "05558016", "05958004"} <= set(response.context["counts"])
    assert BenefitPartner.objects.filter(status=BenefitPartner.Status.PENDING).count() == 1
    assert not BenefitPartner.objects.filter(is_demo=False).exists()


def test_demo_load_twice_changes_nothing(demo):
    counts = (BenefitPartner.objects.count(), Benefit.objects.count(), Card.objects.count())

    volunteercard_partners_load()

    assert (BenefitPartner.objects.count(), Benefit.objects.count(), Card.objects.count()) == counts
    # The imported holders (the other demos issue their cards through applications).
    assert Card.objects.filter(application__isnull=True).count() == 24
