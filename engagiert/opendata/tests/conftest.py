import pytest

from engagiert.events.tests.factories import EventFactory, RegistrationFactory
from engagiert.impact.tests.factories import IndicatorValueFactory
from engagiert.knowledge.models import Visibility
from engagiert.knowledge.tests.factories import KnowledgeItemFactory
from engagiert.membership.tests.factories import (
    ContactPersonFactory,
    LeaderFactory,
    MembershipFactory,
    ProfileFactory,
    SignatureFactory,
)
from engagiert.opportunities.tests.factories import OpportunityFactory
from engagiert.volunteercard.tests.factories import IssuerFactory
from engagiert.volunteercard.tests.partner_factories import BenefitFactory


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """The files are written to a storage of the test's own."""
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = "https://engagiert.example.org"
    return tmp_path


@pytest.fixture
def world(db):
    """One public row for every dataset, and people's contact data that must stay out."""
    member = MembershipFactory(authority__name="Ahausen", authority__kind="stadt").authority
    ProfileFactory(authority=member, website="https://ahausen.example", description="Viel los.")
    ContactPersonFactory(authority=member, email="kontakt@ahausen.example", phone="02361 4711")
    LeaderFactory(authority=member, email="buergermeisterin@ahausen.example")
    SignatureFactory(authority=member, signed_by="Erika Beispiel")
    event = EventFactory(title="Netzwerktreffen Ahausen")
    EventFactory(title="Entwurf eines Treffens", status="draft")
    RegistrationFactory(event=event, email="teilnehmerin@example.org", name="Tina Teil")
    KnowledgeItemFactory(title="Lesepaten in Ahausen", authority=member)
    KnowledgeItemFactory(title="Internes Papier", visibility=Visibility.MEMBERS)
    BenefitFactory(title="Freier Eintritt Museum", partner__contact_email="kasse@museum.example")
    IssuerFactory(authority=member, contact_email="karte@ahausen.example")
    OpportunityFactory(title="Vorlesen in der Kita", contact_email="vorlesen@verein.example")
    IndicatorValueFactory(authority=member)
    return member
