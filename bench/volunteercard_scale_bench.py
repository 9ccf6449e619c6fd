"""Ehrenamtskarte at scale: the benefits page with its map, a partner's page and the card
staff's lists and statistics, with few and with many rows.

    .venv/bin/python bench/volunteercard_scale_bench.py [--scale 1] [--postgres postgres://…]

`--scale 1` is ten times NRW: 800,000 cards (with 200,000 applications) and 50,000 benefits of
10,000 partners at 15,000 locations; the default 0.02 (16,000 cards, 1,000 benefits) runs in
about a minute. Every row is written with bulk_create. The pages are measured twice: after a
tenth of the rows and after all of them; the script prints p50/p95 server time and the most
queries of any request of each page, then the ratios between the two rounds, and fails when a
page needs more queries with more rows.

Every backend runs in a fresh process against a throwaway database: a temporary SQLite file,
and with --postgres (or BENCH_POSTGRES_URL) a database `engagiert_bench_volunteercard` that is
created through the given admin URL and dropped afterwards. The configured DATABASE_URL is
never touched.
"""

import argparse
import datetime
import random
import time
from typing import Any

import common
from common import PageTiming, argument_parser, django_setup, print_pages, time_pages
from registry_bench import REGISTRY_FILE

BENCH_DATABASE = "engagiert_bench_volunteercard"
#: At --scale 1: ten times NRW.
CARDS = 800_000
BENEFITS = 50_000
BENEFITS_PER_PARTNER = 5
APPLICATIONS_PER_CARD = 0.25
BATCH = 5_000
PARTNER_BATCH = BATCH // BENEFITS_PER_PARTNER


def issuers_everywhere() -> list[Any]:
    """Every Kreis and kreisfreie Stadt issues cards for its Gemeinden."""
    from engagiert.registry.models import Authority
    from engagiert.volunteercard.models import CoveredArea, Issuer

    kinds = [*Authority.DISTRICT_KINDS, Authority.Kind.INDEPENDENT_CITY]
    since = datetime.date(2010, 1, 1)
    issuers = Issuer.objects.bulk_create(
        Issuer(authority=authority, participating_since=since)
        for authority in Authority.objects.filter(kind__in=kinds)
    )
    by_authority = {issuer.authority_id: issuer for issuer in issuers}
    CoveredArea.objects.bulk_create(
        CoveredArea(issuer=by_authority[gemeinde.district_id or gemeinde.ags], authority=gemeinde)
        for gemeinde in Authority.objects.filter(kind__in=Authority.MUNICIPAL_KINDS)
    )
    return issuers


def fill_cards(issuers: list[Any], count: int, rng: random.Random) -> None:
    from django.utils import timezone

    from engagiert.volunteercard.models import Application, Card, Engagement

    fields = Engagement.Field.values
    statuses = Application.Status.values
    gemeinden = [area.authority_id for issuer in issuers for area in issuer.area.all()]
    now = timezone.now()
    for start in range(0, count, BATCH):
        cards, applications = [], []
        for n in range(start, min(start + BATCH, count)):
            issuer = issuers[n % len(issuers)]
            begins = datetime.date(2016 + n % 10, 1 + n % 12, 1 + n % 28)
            jubilee = n % 40 == 0
            cards.append(
                Card(
                    kind=Card.Kind.JUBILEE if jubilee else Card.Kind.STANDARD,
                    issuer=issuer,
                    first_name="Vorname",
                    last_name=f"Nachname {n}",
                    birth_year=1940 + n % 66,
                    field=fields[n % len(fields)],
                    valid_from=begins,
                    valid_until=None if jubilee else begins.replace(year=begins.year + 2),
                    issued_at=now - datetime.timedelta(days=n % 3000),
                )
            )
            if rng.random() < APPLICATIONS_PER_CARD:
                applications.append(
                    Application(
                        issuer=issuer,
                        status=statuses[n % len(statuses)],
                        first_name="Vorname",
                        last_name=f"Antrag {n}",
                        birth_date=datetime.date(1940 + n % 66, 1, 1),
                        email=f"antrag{n}@example.org",
                        residence_id=gemeinden[n % len(gemeinden)],
                        decided_at=now - datetime.timedelta(days=n % 900),
                    )
                )
        Card.objects.bulk_create(cards)
        Application.objects.bulk_create(applications)


def fill_benefits(issuers: list[Any], count: int, offset: int, rng: random.Random) -> None:
    from django.utils import timezone

    from engagiert.registry.models import Organisation
    from engagiert.volunteercard.models import Benefit, BenefitPartner, PartnerLocation

    areas = [(issuer, area.authority) for issuer in issuers for area in issuer.area.all()]
    categories, kinds = Benefit.Category.values, Benefit.Kind.values
    partners_wanted = count // BENEFITS_PER_PARTNER
    for start in range(0, partners_wanted, PARTNER_BATCH):
        numbers = range(offset + start, offset + min(start + PARTNER_BATCH, partners_wanted))
        organisations = Organisation.objects.bulk_create(
            Organisation(name=f"Betrieb {n}", kind=Organisation.Kind.BUSINESS) for n in numbers
        )
        placed = [areas[rng.randrange(len(areas))] for _ in organisations]
        status = BenefitPartner.Status
        partners = BenefitPartner.objects.bulk_create(
            BenefitPartner(
                organisation=organisation,
                issuer=issuer,
                contact_name="Kontakt",
                contact_email="kontakt@example.org",
                status=status.PENDING if n % 10 == 0 else status.APPROVED,
                decided_at=timezone.now(),
            )
            for n, organisation, (issuer, _town) in zip(numbers, organisations, placed, strict=True)
        )
        locations = PartnerLocation.objects.bulk_create(
            PartnerLocation(
                partner=partner,
                name=f"Standort {index}",
                authority=town,
                latitude=town.latitude,
                longitude=town.longitude,
            )
            for partner, (_issuer, town) in zip(partners, placed, strict=True)
            for index in range(1 + partner.pk % 2)
        )
        by_partner: dict[int, list[Any]] = {}
        for location in locations:
            by_partner.setdefault(location.partner_id, []).append(location)
        benefits = Benefit.objects.bulk_create(
            Benefit(
                partner=partner,
                title=f"Rabatt {partner.pk}-{index}",
                category=categories[(partner.pk + index) % len(categories)],
                kind=kinds[index % len(kinds)],
                percent=10 + index if kinds[index % len(kinds)] == "percent" else None,
                amount_eur=3 if kinds[index % len(kinds)] == "amount" else None,
                conditions="Gegen Vorlage der Ehrenamtskarte.",
            )
            for partner in partners
            for index in range(BENEFITS_PER_PARTNER)
        )
        Benefit.locations.through.objects.bulk_create(
            Benefit.locations.through(benefit_id=benefit.pk, partnerlocation_id=location.pk)
            for benefit in benefits
            for location in by_partner[benefit.partner_id]
        )


def analyse() -> None:
    """Fresh planner statistics after a bulk load, as autovacuum would gather them soon after;
    without them PostgreSQL guessed 6 approved partners for 9,000 and took 9 s for one page."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def pages(partner: Any) -> tuple[list[str], list[str]]:
    """The pages measured; the filtered ones name the first partner's place, so that they list
    something in both rounds (an empty page skips the query of the locations)."""
    town = partner.locations.select_related("authority").first().authority
    public = [
        "/ehrenamtskarte/vorteile/",
        f"/ehrenamtskarte/vorteile/?kreis={town.district_id or town.ags}",
        f"/ehrenamtskarte/vorteile/?gemeinde={town.ags}&category={partner.benefits.first().category}",
        "/ehrenamtskarte/vorteile/?q=Rabatt&statewide=on&seite=40",
        f"/ehrenamtskarte/vorteile/partner/{partner.pk}/",
    ]
    staff = [
        "/ehrenamtskarte/verwaltung/akzeptanzstellen/?status=pending",
        "/ehrenamtskarte/verwaltung/akzeptanzstellen/?seite=20",
        f"/ehrenamtskarte/verwaltung/statistik/?issuer={partner.issuer_id}",
        "/ehrenamtskarte/verwaltung/statistik/",
    ]
    return public, staff


def measure(args: argparse.Namespace) -> list[PageTiming]:
    from engagiert.accounts.models import Role, User
    from engagiert.accounts.services import role_grant
    from engagiert.volunteercard.models import BenefitPartner

    office = User.objects.filter(email="buero@example.org").first()
    if office is None:
        office = User.objects.create_user("buero@example.org", "x")
        role_grant(user=office, role=Role.OFFICE)
    partner = BenefitPartner.objects.filter(status="approved").order_by("pk").first()
    public, staff = pages(partner)
    return time_pages(public, args.requests) + time_pages(staff, args.requests, user=office)


def run_backend(url: str, label: str, args: argparse.Namespace) -> None:
    """In a fresh process: point Django at `url`, migrate, fill in two rounds, measure, print."""
    django_setup(url)
    from engagiert.registry.services import registry_import_file

    registry_import_file(path=REGISTRY_FILE)
    from django.db.models import prefetch_related_objects

    issuers = issuers_everywhere()
    prefetch_related_objects(issuers, "area__authority")
    rng = random.Random(2008)
    cards, benefits = int(CARDS * args.scale), int(BENEFITS * args.scale)
    rounds = []
    done_cards = done_benefits = 0
    for share in (0.1, 1.0):
        start = time.perf_counter()
        fill_cards(issuers, int(cards * share) - done_cards, rng)
        offset = done_benefits // BENEFITS_PER_PARTNER
        fill_benefits(issuers, int(benefits * share) - done_benefits, offset, rng)
        done_cards, done_benefits = int(cards * share), int(benefits * share)
        analyse()
        seconds = time.perf_counter() - start
        print(
            f"\n== {label}: {done_cards:,} cards, {done_benefits:,} benefits "
            f"(written in {seconds:.1f} s); {args.requests} requests each"
        )
        timings = measure(args)
        print_pages(timings, width=62)
        rounds.append(timings)
    print(f"\n{'ratio, all rows / a tenth':<62}{'p50':>9}{'p95':>9}{'queries':>9}")
    growing = []
    for few, many in zip(*rounds, strict=True):
        print(
            f"{many.path:<62}{many.p50 / few.p50:>9.2f}{many.p95 / few.p95:>9.2f}"
            f"{many.queries / few.queries:>9.2f}"
        )
        if many.queries > few.queries:
            growing.append(many.path)
    if growing:
        raise SystemExit(f"more queries with more rows: {growing}")


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.02, help="1 = ten times NRW")
    parser.set_defaults(requests=30)
    common.main(__file__, parser, run_backend, BENCH_DATABASE)


if __name__ == "__main__":
    main()
