"""JSON API benchmark: the main public list resources against their HTML list pages, at ten
times the NRW data, on SQLite and optionally PostgreSQL.

    .venv/bin/python bench/api_bench.py [--postgres postgres://postgres@host:5432/postgres]

The registry is the real file copied ten times (keys 00…09 instead of 05); a tenth of the
authorities are members with a profile, a contact and a leader, and every member adds an
event with a workshop, three knowledge items, four opportunities and two benefits of an
approved partner. Each API list and its page are timed in the same run (p50/p95 server time,
most queries of any request) and the ratio API/page printed.
"""

import argparse
import datetime
import os
import time

import common
from common import argument_parser, django_setup, print_pages, time_pages
from registry_bench import REGISTRY_FILE, synthetic

BENCH_DATABASE = "engagiert_api_bench"
COPIES = 10
PAIRS = (
    ("/api/v1/authorities/", "/kommunen/"),
    ("/api/v1/members/", "/netzwerk/"),
    ("/api/v1/events/", "/veranstaltungen/"),
    ("/api/v1/knowledge-items/", "/wissen/"),
    ("/api/v1/opportunities/", "/mitmachen/"),
    ("/api/v1/benefits/", "/ehrenamtskarte/vorteile/"),
)


def fill() -> dict[str, int]:
    """Ten times NRW and the network's data on it (bulk inserts; no services needed)."""
    from django.utils import timezone

    from engagiert.events.models import AgendaItem, Event
    from engagiert.knowledge.models import KnowledgeItem
    from engagiert.membership.models import ContactPerson, Leader, Membership, Profile
    from engagiert.opportunities.models import Opportunity, Provider
    from engagiert.registry.models import Authority, Organisation, Topic
    from engagiert.registry.services import registry_import
    from engagiert.volunteercard.models import Benefit, BenefitPartner, PartnerLocation

    registry_import(data=synthetic(REGISTRY_FILE.read_bytes(), COPIES), source="bench")
    gemeinden = list(Authority.objects.filter(kind__in=Authority.MUNICIPAL_KINDS).order_by("ags"))
    members = gemeinden[::10]
    topic = Topic.objects.create(name="Bench", slug="bench")
    Membership.objects.bulk_create(
        Membership(authority=a, since=datetime.date(2020, 1, 1)) for a in members
    )
    Profile.objects.bulk_create(Profile(authority=a, description="Profil") for a in members)
    Profile.topics.through.objects.bulk_create(
        Profile.topics.through(profile_id=a.ags, topic=topic) for a in members
    )
    ContactPerson.objects.bulk_create(
        ContactPerson(
            authority=a, name="Kim Muster", function="Koordination", public_fields=["name"]
        )
        for a in members
    )
    Leader.objects.bulk_create(
        Leader(authority=a, name="Alex Muster", office=Leader.Office.MAYOR) for a in members
    )
    start = timezone.now() + datetime.timedelta(days=30)
    events = Event.objects.bulk_create(
        Event(
            title=f"Netzwerktreffen {i}",
            kind=Event.Kind.NETWORK_MEETING,
            status=Event.Status.PUBLISHED,
            starts_at=start + datetime.timedelta(hours=i),
            ends_at=start + datetime.timedelta(hours=i + 4),
            capacity=50,
        )
        for i in range(len(members))
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(
            event=e,
            title="Workshop",
            kind=AgendaItem.Kind.WORKSHOP,
            starts_at=e.starts_at,
            ends_at=e.ends_at,
            capacity=10,
        )
        for e in events
    )
    KnowledgeItem.objects.bulk_create(
        KnowledgeItem(
            kind=KnowledgeItem.Kind.PRACTICE,
            title=f"Praxis {a.ags}-{n}",
            summary="Kurz",
            authority=a,
        )
        for a in members
        for n in range(3)
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Verein {a.ags}", kind=Organisation.Kind.ASSOCIATION) for a in members
    )
    providers = Provider.objects.bulk_create(
        Provider(
            organisation=o,
            authority=a,
            status=Provider.Status.VERIFIED,
            contact_name="Petra",
            contact_email="p@example.org",
        )
        for o, a in zip(organisations, members, strict=True)
    )
    Opportunity.objects.bulk_create(
        Opportunity(
            provider=p,
            title=f"Angebot {n}",
            description="Helfen",
            topic=topic,
            authority=p.authority,
            latitude=float(p.authority.latitude),
            longitude=float(p.authority.longitude),
            contact_name="Petra",
            contact_email="p@example.org",
        )
        for p in providers
        for n in range(4)
    )
    partners = BenefitPartner.objects.bulk_create(
        BenefitPartner(
            organisation=o,
            contact_name="Kasse",
            contact_email="k@example.org",
            status=BenefitPartner.Status.APPROVED,
        )
        for o in organisations
    )
    locations = PartnerLocation.objects.bulk_create(
        PartnerLocation(
            partner=p, name="Laden", authority=a, latitude=a.latitude, longitude=a.longitude
        )
        for p, a in zip(partners, members, strict=True)
    )
    benefits = Benefit.objects.bulk_create(
        Benefit(
            partner=p,
            title=f"Rabatt {n}",
            category=Benefit.Category.CULTURE,
            kind=Benefit.Kind.PERCENT,
            percent=10,
        )
        for p in partners
        for n in range(2)
    )
    location_of = {location.partner_id: location for location in locations}
    Benefit.locations.through.objects.bulk_create(
        Benefit.locations.through(benefit=b, partnerlocation=location_of[b.partner_id])
        for b in benefits
    )
    return {
        "authorities": Authority.objects.count(),
        "members": len(members),
        "events": len(events),
        "knowledge items": 3 * len(members),
        "opportunities": 4 * len(members),
        "benefits": len(benefits),
    }


def run_backend(url: str, label: str, args: argparse.Namespace) -> None:
    """In a fresh process: migrate, fill, time each API list beside its page, print."""
    os.environ["API_ANON_RATE"] = "100000000/min"  # the bench measures, it does not flood
    django_setup(url)
    begin = time.perf_counter()
    counts = fill()
    seconds = time.perf_counter() - begin
    timings = time_pages([path for pair in PAIRS for path in pair], args.requests)
    print(f"\n== {label}: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
    print(f"   (set up in {seconds:.1f} s); {args.requests} requests each")
    print_pages(timings, width=30)
    by_path = {timing.path: timing for timing in timings}
    print(f"\n{'API / page':<30}{'p50 ratio':>11}{'p95 ratio':>11}")
    for api, page in PAIRS:
        a, p = by_path[api], by_path[page]
        print(f"{api:<30}{a.p50 / p.p50:>11.2f}{a.p95 / p.p95:>11.2f}")


def main() -> None:
    common.main(__file__, argument_parser(__doc__.splitlines()[0]), run_backend, BENCH_DATABASE)


if __name__ == "__main__":
    main()
