"""Impact benchmark: dashboards and the peer comparison at scale, and the yearly snapshot.

    .venv/bin/python bench/impact_bench.py [--authorities 432] [--indicators 50] [--years 15]
        [--postgres postgres://postgres@host:5432/postgres]

Member towns (kreisangehörige Städte spread over the size bands) × indicators (the seeded
catalogue plus manual ones up to --indicators) × years of values, written in bulk. First with
a tenth of the towns, then with all: p50/p95 server time and the most queries of any request
for the network page and the authority dashboard (as the office) and the peer comparison (as
the town's officer) — the queries must be the same at both sizes. Then the snapshot of one year
(every automatic indicator for every member, computed and written) against plain SQL
aggregates of the same counts (event participations, workshop teams, practice examples,
answers, members), as a ratio. Last, the annual network report of that year: its PDF drawn
from all these figures (median per indicator and per peer group over every town), timed
best of three, with its pages and size.

Defaults are small enough for a minute; the issue's scale is --authorities 432.
"""

import argparse
import dataclasses
import datetime
import time
from decimal import Decimal
from typing import Any

import common
from common import PageTiming, argument_parser, django_setup, print_pages, time_pages

BENCH_DATABASE = "engagiert_bench_impact"
YEAR = 2025


def towns(start: int, count: int) -> list[str]:
    """Member towns with values for every indicator and year."""
    from engagiert.core.text import search_key
    from engagiert.membership.models import Membership
    from engagiert.registry.models import Authority

    created = Authority.objects.bulk_create(
        Authority(
            ags=f"05{n // 1000 + 100:03d}{n % 1000:03d}",
            name=f"Benchstadt {n}",
            kind=Authority.Kind.TOWN,
            population=15_000 + (n * 7_919) % 120_000,
            area_km2=Decimal("80.00"),
            latitude=Decimal("51.5"),
            longitude=Decimal("7.5"),
            search_key=search_key(f"Benchstadt {n}"),
        )
        for n in range(start, start + count)
    )
    Membership.objects.bulk_create(
        Membership(authority=town, since=datetime.date(2012, 1, 1)) for town in created
    )
    return [town.ags for town in created]


def indicators(total: int) -> list[int]:
    from engagiert.impact.models import Indicator, IndicatorVersion

    missing = total - Indicator.objects.count()
    for n in range(max(missing, 0)):
        indicator = Indicator.objects.create(
            key=f"bench-{n}", level="output", source="manual", unit="count", position=500 + n
        )
        IndicatorVersion.objects.create(
            indicator=indicator, number=1, valid_from=2000, name=f"Bench {n}", definition="–"
        )
    return list(Indicator.objects.values_list("pk", flat=True))


def values(keys: list[str], indicator_ids: list[int], years: int) -> None:
    from engagiert.impact.models import IndicatorValue, IndicatorVersion

    versions = dict(IndicatorVersion.objects.values_list("indicator_id", "pk"))
    IndicatorValue.objects.bulk_create(
        (
            IndicatorValue(
                indicator_id=indicator,
                version_id=versions[indicator],
                authority_id=ags,
                year=YEAR - offset,
                value=Decimal((hash((ags, indicator, offset)) % 100_000) / 100).quantize(
                    Decimal("0.01")
                ),
                origin="manual",
            )
            for ags in keys
            for indicator in indicator_ids
            for offset in range(1, years + 1)  # the snapshot year itself stays free
        ),
        batch_size=5000,
    )


def pages_as(paths: dict[str, Any], requests: int) -> list[PageTiming]:
    """Each page timed as its user (the path shown without its query)."""
    return [
        dataclasses.replace(timing, path=path.split("?")[0])
        for path, user in paths.items()
        for timing in time_pages([path], requests, warm=3, user=user)
    ]


def activity(keys: list[str]) -> None:
    """Registrations, practice examples and answers of the snapshot year."""
    from django.utils import timezone

    from engagiert.events.models import Event, Registration
    from engagiert.knowledge.models import Answer, KnowledgeItem, Question

    starts = timezone.make_aware(datetime.datetime(YEAR, 5, 1, 10))
    events = Event.objects.bulk_create(
        Event(
            title=f"Netzwerktreffen {n}",
            kind="network_meeting",
            status="published",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=4),
        )
        for n in range(10)
    )
    Registration.objects.bulk_create(
        Registration(
            event=event,
            name="Teilnehmerin",
            email=f"{ags}-{event.pk}@bench.example",
            authority_id=ags,
            status="confirmed",
            token=f"t{ags}{event.pk}",
            check_in_code=f"c{ags}{event.pk}",
        )
        for event in events
        for ags in keys
    )
    question = Question.objects.create(title="Frage", body="?")
    KnowledgeItem.objects.bulk_create(
        KnowledgeItem(kind="practice", title=f"Beispiel {ags}", summary="–", authority_id=ags)
        for ags in keys
    )
    Answer.objects.bulk_create(
        Answer(question=question, body="–", authority_id=ags) for ags in keys
    )


SQL = [
    "SELECT r.authority_id, COUNT(*) FROM events_registration r JOIN events_event e"
    " ON e.id = r.event_id WHERE r.status = 'confirmed' AND e.starts_at >= %s"
    " AND e.starts_at < %s AND r.authority_id IS NOT NULL GROUP BY r.authority_id",
    "SELECT authority_id, COUNT(*) FROM knowledge_knowledgeitem WHERE kind = 'practice'"
    " AND created_at >= %s AND created_at < %s AND authority_id IS NOT NULL GROUP BY authority_id",
    "SELECT authority_id, COUNT(*) FROM knowledge_answer WHERE created_at >= %s"
    " AND created_at < %s AND authority_id IS NOT NULL GROUP BY authority_id",
]


def plain_sql() -> float:
    from django.db import connection
    from django.utils import timezone

    start_of = timezone.make_aware(datetime.datetime(YEAR, 1, 1))
    end_of = timezone.make_aware(datetime.datetime(YEAR + 1, 1, 1))
    start = time.perf_counter()
    with connection.cursor() as cursor:
        for statement in SQL:
            cursor.execute(statement, [start_of, end_of])
            cursor.fetchall()
        cursor.execute("SELECT authority_id FROM membership_membership WHERE until IS NULL")
        cursor.fetchall()
        cursor.execute(
            "SELECT a.authority_id, COUNT(*) FROM workshop_cohortapplication a"
            " WHERE a.status = 'selected' GROUP BY a.authority_id"
        )
        cursor.fetchall()
    return time.perf_counter() - start


def run_backend(url: str, label: str, args: argparse.Namespace) -> None:
    django_setup(url)
    from engagiert.accounts.models import Role, User
    from engagiert.accounts.services import role_grant
    from engagiert.impact.services import snapshot_take
    from engagiert.registry.models import Authority

    office = User.objects.create_user("buero@bench.example", None)
    role_grant(user=office, role=Role.OFFICE)
    indicator_ids = indicators(args.indicators)
    small = max(args.authorities // 10, 10)
    keys = towns(0, small)
    officer = User.objects.create_user("officer@bench.example", None)
    role_grant(user=officer, role=Role.OFFICER, authority=Authority.objects.get(pk=keys[0]))
    values(keys, indicator_ids, args.years)
    paths = {
        f"/wirkung/netzwerk/?jahr={YEAR - 1}": office,
        f"/wirkung/kommune/{keys[0]}/": office,
        f"/wirkung/kommune/{keys[0]}/vergleich/?indikator=bench-0&jahr={YEAR - 1}": officer,
    }
    print(f"\n{label}: {small} towns × {len(indicator_ids)} indicators × {args.years} years")
    before = pages_as(paths, args.requests)
    print_pages(before)
    more = towns(small, args.authorities - small)
    values(more, indicator_ids, args.years)
    keys += more
    print(f"\n{label}: {len(keys)} towns × {len(indicator_ids)} indicators × {args.years} years")
    after = pages_as(paths, args.requests)
    print_pages(after)
    same = all(a.queries == b.queries for a, b in zip(before, after, strict=True))
    print(f"queries constant in the number of towns: {'yes' if same else 'NO'}")

    activity(keys)
    sql = min(plain_sql() for _ in range(5))
    start = time.perf_counter()
    snapshot = snapshot_take(year=YEAR)
    job = time.perf_counter() - start
    print(
        f"\nsnapshot {YEAR}: {snapshot.value_count} values in {job * 1e3:.0f} ms;"
        f" plain SQL aggregates of the counts {sql * 1e3:.1f} ms; ratio {job / sql:.0f}×"
    )
    report(YEAR - 1, len(keys))


def report(year: int, towns: int) -> None:
    """The annual report's generation time (what the background task does, without storage)."""
    from engagiert.impact.report_pdf import report_render

    timings, content, pages = [], b"", 0
    for _ in range(3):
        start = time.perf_counter()
        content, pages = report_render(year, lambda step, steps, label: None)
        timings.append(time.perf_counter() - start)
    print(
        f"annual report {year} ({towns} towns): {min(timings) * 1e3:.0f} ms best of 3"
        f" (slowest {max(timings) * 1e3:.0f} ms), {pages} pages, {len(content) // 1024} KiB"
    )


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0])
    parser.set_defaults(requests=30)
    parser.add_argument("--authorities", type=int, default=60)
    parser.add_argument("--indicators", type=int, default=50)
    parser.add_argument("--years", type=int, default=15)
    common.main(__file__, parser, run_backend, BENCH_DATABASE)


if __name__ == "__main__":
    main()
