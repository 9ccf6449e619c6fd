"""Network benchmark: the member directory and an authority page with every authority a member.

    .venv/bin/python bench/membership_bench.py [--postgres postgres://postgres@host:5432/postgres]

Imports the real registry (432 authorities) and makes all of them members, each with a profile
of 3 focus topics (out of 8) and 10 contact persons; then times the directory, a later page of
it, a topic filter and Köln's page with its network section. Every backend runs in a fresh
process against a throwaway database: a temporary SQLite file, and with --postgres (or
BENCH_POSTGRES_URL) a database `engagiert_bench_membership` created through the given admin URL
and dropped afterwards. The configured DATABASE_URL is never touched.
"""

import argparse
import datetime
import time

import common
from common import argument_parser, django_setup, print_pages, time_pages
from registry_bench import REGISTRY_FILE

BENCH_DATABASE = "engagiert_bench_membership"
TOPICS = (
    ("Demografischer Wandel", "demografie"),
    ("Junge Menschen", "jugend"),
    ("Integration und Teilhabe", "integration"),
    ("Digitalisierung im Ehrenamt", "digitalisierung"),
    ("Inklusion", "inklusion"),
    ("Engagement im ländlichen Raum", "laendlicher-raum"),
    ("Anerkennungskultur", "anerkennung"),
    ("Unternehmensengagement", "unternehmen"),
)
TOPICS_EACH = 3
CONTACTS_EACH = 10
PAGES = (
    "/netzwerk/",
    "/netzwerk/?kind=gemeinden&seite=5",
    f"/netzwerk/?topic={TOPICS[0][1]}",
    "/kommunen/05315000/",
)


def network_everywhere() -> int:
    """Every authority a member with profile, topics and contacts; returns the member count.

    Written in bulk (no audit entries): the benchmark measures reading, not writing.
    """
    from engagiert.membership.models import ContactPerson, Membership, Profile
    from engagiert.registry.models import Authority, Topic
    from engagiert.registry.services import registry_import

    registry_import(data=REGISTRY_FILE.read_bytes(), source=REGISTRY_FILE.name)
    keys = list(Authority.objects.order_by("ags").values_list("ags", flat=True))
    topics = Topic.objects.bulk_create(Topic(name=name, slug=slug) for name, slug in TOPICS)
    Profile.objects.bulk_create(
        Profile(
            authority_id=ags,
            has_staff_unit=i % 2 == 0,
            has_round_table=i % 3 == 0,
            volunteer_card="participating",
            volunteer_card_since=2010 + i % 15,
            strategy="Leitbild, Handlungsfelder und Ziele der Engagementförderung.",
        )
        for i, ags in enumerate(keys)
    )
    Profile.topics.through.objects.bulk_create(
        Profile.topics.through(profile_id=ags, topic_id=topics[(i + step) % len(topics)].pk)
        for i, ags in enumerate(keys)
        for step in (0, 1, 3)[:TOPICS_EACH]
    )
    ContactPerson.objects.bulk_create(
        ContactPerson(
            authority_id=ags,
            name=f"Ansprechperson {n + 1}",
            function="Koordination",
            department="Stabsstelle Ehrenamt",
            phone="0211 123456",
            email=f"kontakt{n + 1}@{ags}.example",
            public_fields=["name"],
            is_primary=n == 0,
        )
        for ags in keys
        for n in range(CONTACTS_EACH)
    )
    Membership.objects.bulk_create(
        Membership(authority_id=ags, since=datetime.date(2012 + i % 14, 1 + i % 12, 1))
        for i, ags in enumerate(keys)
    )
    return Membership.objects.filter(until__isnull=True).count()


def run_backend(url: str, label: str, args: argparse.Namespace) -> None:
    """In a fresh process: point Django at `url`, migrate, fill, measure, print."""
    django_setup(url)
    start = time.perf_counter()
    members = network_everywhere()
    seconds = time.perf_counter() - start
    contacts = members * CONTACTS_EACH
    pages = time_pages(PAGES, args.requests)
    print(
        f"\n== {label}: {members} members, {contacts} contact persons, "
        f"{TOPICS_EACH} topics each (set up in {seconds:.1f} s); {args.requests} requests each"
    )
    print_pages(pages)


def main() -> None:
    common.main(__file__, argument_parser(__doc__.splitlines()[0]), run_backend, BENCH_DATABASE)


if __name__ == "__main__":
    main()
