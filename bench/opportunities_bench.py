"""Opportunities benchmark: matching with a place radius, and the embeddable page.

    .venv/bin/python bench/opportunities_bench.py [--opportunities 100000]
        [--postgres postgres://postgres@host:5432/postgres]

The real registry of NRW is imported; 200 verified providers in random Gemeinden publish
`--opportunities` opportunities (default 10,000; the issue's scale is 100,000, about ten times
a realistic NRW volume), each a few kilometres around its Gemeinde's centre, with random topics,
times and skills (bulk_create).

(a) Matching: a sample of 50 Gemeinden, each searched with a 25 km radius (and once more with
weekends and a skill), through `queries.matches` and loading the first page of 20 — p50/p95
and the most queries of any search, which must not grow with the number of opportunities.
(b) Pages: p50/p95 server time and queries of /mitmachen/ (newest first), /mitmachen/ with a
place and radius, and the embeddable page of a Kreis, in-process with the test client.

Every backend runs in a fresh process against a throwaway database: a temporary SQLite file, and
with --postgres (or BENCH_POSTGRES_URL) a database `engagiert_bench_opportunities` created
through the given admin URL and dropped afterwards. The configured DATABASE_URL is never touched.
"""

import argparse
import random
import statistics
import time
from typing import Any

import common
from common import argument_parser, django_setup, print_pages, time_pages
from registry_bench import REGISTRY_FILE

BENCH_DATABASE = "engagiert_bench_opportunities"
PROVIDERS = 200
SEARCHES = 50
TOPICS = ("Flüchtlingshilfe", "Sport", "Kultur", "Seniorinnen und Senioren", "Umwelt", "Jugend")
SKILLS = ("Deutsch", "Arabisch", "Führerschein", "Handwerk", "Erste Hilfe", "Musik")


def fill(count: int) -> None:
    from django.utils.text import slugify

    from engagiert.opportunities.models import Opportunity, Provider
    from engagiert.registry.models import Authority, Organisation, Topic
    from engagiert.registry.services import registry_import_file

    registry_import_file(path=REGISTRY_FILE)
    rng = random.Random(7)
    towns = list(Authority.objects.filter(kind__in=Authority.MUNICIPAL_KINDS))
    topics = Topic.objects.bulk_create(Topic(name=t, slug=slugify(t)) for t in TOPICS)
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Verein {n}", kind=Organisation.Kind.ASSOCIATION)
        for n in range(PROVIDERS)
    )
    providers = Provider.objects.bulk_create(
        Provider(
            organisation=o,
            authority=rng.choice(towns),
            status=Provider.Status.VERIFIED,
            contact_name="Kontakt",
            contact_email=f"verein{n}@example.org",
        )
        for n, o in enumerate(organisations)
    )

    def opportunity(n: int) -> Opportunity:
        town = rng.choice(towns)
        return Opportunity(
            provider=providers[n % PROVIDERS],
            title=f"Engagementangebot {n}",
            description="Mithelfen.",
            topic=rng.choice(topics),
            authority=town,
            latitude=float(town.latitude) + rng.uniform(-0.03, 0.03),
            longitude=float(town.longitude) + rng.uniform(-0.04, 0.04),
            on_weekdays=rng.random() < 0.5,
            on_weekends=rng.random() < 0.4,
            in_evenings=rng.random() < 0.3,
            remote_possible=rng.random() < 0.05,
            skills=", ".join(rng.sample(SKILLS, 2)),
            contact_name="Kontakt",
            contact_email="kontakt@example.org",
        )

    for start in range(0, count, 5000):
        Opportunity.objects.bulk_create(
            [opportunity(n) for n in range(start, min(start + 5000, count))]
        )
    from django.db import connection

    if connection.vendor == "postgresql":  # as autovacuum would after such a load
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def bench_matching() -> list[tuple[str, float, float, int, float]]:
    """(search, p50 s, p95 s, most queries, mean candidates) over a sample of Gemeinden."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from engagiert.opportunities import queries
    from engagiert.registry.models import Authority

    rng = random.Random(11)
    towns = rng.sample(list(Authority.objects.filter(kind__in=Authority.MUNICIPAL_KINDS)), SEARCHES)
    results = []
    cases: tuple[tuple[str, dict[str, Any]], ...] = (
        ("25 km", {}),
        ("25 km, weekends, skill", {"weekends": True, "skills": ("Handwerk",)}),
    )
    for label, extra in cases:
        samples, most, found = [], 0, []
        for town in towns:
            search = queries.Search(place=town, radius_km=25, **extra)
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                ranked = queries.matches(search)
                queries.load(list(ranked[:20]), search)
                samples.append(time.perf_counter() - start)
            most = max(most, len(captured))
            found.append(len(ranked))
        cuts = statistics.quantiles(samples, n=20, method="inclusive")
        results.append((label, cuts[9], cuts[18], most, statistics.mean(found)))
    return results


def run_backend(url: str, label: str, args: argparse.Namespace) -> None:
    django_setup(url)
    start = time.perf_counter()
    fill(args.opportunities)
    print(
        f"\n== {label}: {args.opportunities:,} opportunities "
        f"(filled in {time.perf_counter() - start:.1f} s)"
    )
    print(f"\n{'matching':<28}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'found':>9}")
    for name, p50, p95, most, found in bench_matching():
        print(f"{name:<28}{p50 * 1e3:>9.1f}{p95 * 1e3:>9.1f}{most:>9}{found:>9.0f}")
    pages = time_pages(
        (
            "/mitmachen/",
            "/mitmachen/?ort=05170020&umkreis=25",
            "/mitmachen/?ort=05315000&umkreis=50&zeit=wochenende",
            "/mitmachen/einbetten/05170/",
            "/mitmachen/einbetten/05170/angebote.json",
        ),
        args.requests,
    )
    print_pages(pages, width=52)


if __name__ == "__main__":
    parser = argument_parser(__doc__.splitlines()[0])
    parser.add_argument("--opportunities", type=int, default=10_000)
    parser.set_defaults(requests=50)
    common.main(__file__, parser, run_backend, BENCH_DATABASE)
