"""Public data of every resource, and beside it what only members (or nobody) may see.

`seed(n)` adds n rows of every public kind; `secrets()` adds one row or field of every
members-only or unpublished kind, each carrying a marker text that must never reach an
anonymous client (checked against the API and the public pages alike)."""

import datetime

from django.core.files.base import ContentFile

from engagiert.events.models import Event
from engagiert.events.tests.factories import AgendaItemFactory, EventFactory
from engagiert.knowledge.models import Visibility
from engagiert.knowledge.tests.factories import KnowledgeItemFactory
from engagiert.membership.models import StrategyDocument
from engagiert.membership.tests.factories import (
    ContactPersonFactory,
    LeaderFactory,
    MembershipFactory,
    ProfileFactory,
    SignatureFactory,
    SigningWaveFactory,
)
from engagiert.opportunities.models import Opportunity
from engagiert.opportunities.tests.factories import OpportunityFactory
from engagiert.opportunities.tests.shift_factories import ShiftFactory, SignupFactory
from engagiert.registry.tests.factories import AuthorityFactory, TopicFactory
from engagiert.volunteercard.models import BenefitPartner
from engagiert.volunteercard.tests.partner_factories import BenefitFactory, PartnerFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

#: Marker texts of members-only or unpublished data.
SECRET = {
    "contact_phone": "0211 998877",
    "contact_email": "geheim-kontakt@kommune.example",
    "leader_email": "geheim-leitung@kommune.example",
    "document": "Vertrauliche Strategie",
    "draft_event": "Geheimer Entwurf einer Tagung",
    "online_url": "https://geheim.example/raum",
    "members_item": "Nur für Mitglieder: Praxisbeispiel",
    "opportunity_email": "geheim-angebot@verein.example",
    "paused_opportunity": "Pausiertes Angebot Geheim",
    "helper": "Helferin Geheimname",
    "pending_partner": "Wartende Akzeptanzstelle Geheim",
    "partner_email": "geheim-partner@example.org",
}


def seed(n: int, *, offset: int = 0) -> None:
    """n members (with profile, contact, leader), events with a workshop, knowledge items,
    opportunities, actions with a shift, approved partners with a benefit, and a wave."""
    topic = TopicFactory()
    wave = SigningWaveFactory()
    for i in range(offset, offset + n):
        authority = AuthorityFactory(name=f"Musterstadt {i}")
        MembershipFactory(authority=authority)
        ProfileFactory(authority=authority, topics=[topic], description=f"Profil {i}")
        ContactPersonFactory(authority=authority, public_fields=["name"])
        LeaderFactory(authority=authority)
        SignatureFactory(wave=wave, authority=authority)
        event = EventFactory(title=f"Netzwerktreffen {i}")
        event.topics.set([topic])
        AgendaItemFactory(event=event)
        KnowledgeItemFactory(title=f"Praxisbeispiel {i}", topics=[topic], authority=authority)
        OpportunityFactory(title=f"Lesepatenschaft {i}", authority=authority)
        SignupFactory(shift=ShiftFactory(task__place__action__title=f"Kleidersammlung {i}"))
        BenefitFactory(title=f"Ermäßigter Eintritt {i}")


def secrets() -> None:
    """One of every kind of data an anonymous client must never see."""
    authority = AuthorityFactory(name="Geheimstadt")
    MembershipFactory(authority=authority)
    profile = ProfileFactory(authority=authority)
    ContactPersonFactory(
        authority=authority,
        phone=SECRET["contact_phone"],
        email=SECRET["contact_email"],
        public_fields=["name"],
    )
    LeaderFactory(authority=authority, email=SECRET["leader_email"])
    StrategyDocument.objects.create(
        profile=profile,
        title=SECRET["document"],
        file=ContentFile(PDF, name="strategie.pdf"),
        is_public=False,
    )
    EventFactory(title=SECRET["draft_event"], status=Event.Status.DRAFT)
    EventFactory(online_url=SECRET["online_url"])
    KnowledgeItemFactory(title=SECRET["members_item"], visibility=Visibility.MEMBERS)
    OpportunityFactory(contact_email=SECRET["opportunity_email"])
    OpportunityFactory(title=SECRET["paused_opportunity"], status=Opportunity.Status.PAUSED)
    SignupFactory(name=SECRET["helper"])
    BenefitFactory(
        partner=PartnerFactory(
            organisation__name=SECRET["pending_partner"], status=BenefitPartner.Status.PENDING
        )
    )
    BenefitFactory(partner=PartnerFactory(contact_email=SECRET["partner_email"]))
    # A past event keeps `when=past` non-empty.
    EventFactory(
        starts_at=datetime.datetime(2024, 5, 2, 10, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2024, 5, 2, 16, tzinfo=datetime.UTC),
    )
