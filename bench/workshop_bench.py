"""Workshop benchmark: the closed cohort space of a busy cohort, read by a development team member.

    .venv/bin/python bench/workshop_bench.py [--postgres postgres://postgres@host:5432/postgres]

One cohort with 10 selected teams (20 team members with accounts), a series of 30 workshops
(2 expert inputs each, one adopted topic each), 40 open topic proposals with the teams' votes,
60 consultation appointments (half booked), 500 learning resources and 2,000 posts in 40
discussions of 50; written in bulk. Then p50/p95 server time and the most queries of any
request for the space's main pages (workshop series, topics, consultation, learning resources,
discussions, one discussion), in-process with the test client logged in as a team member.

Every backend runs in a fresh process against a throwaway database: a temporary SQLite file, and
with --postgres (or BENCH_POSTGRES_URL) a database `engagiert_bench_workshop` that is created
through the given admin URL and dropped afterwards. The configured DATABASE_URL is never touched.
"""

import argparse
import datetime
import statistics
import time
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

import common
from common import PageTiming, argument_parser, django_setup, print_pages

if TYPE_CHECKING:
    from django.test import Client

    from engagiert.accounts.models import User
    from engagiert.workshop.models import Cohort

BENCH_DATABASE = "engagiert_bench_workshop"
COHORT = 9
TEAMS = 10
WORKSHOPS = 30
INPUTS_EACH = 2
PROPOSALS = 40
SLOTS = 60
RESOURCES = 500
THREADS = 40
POSTS_EACH = 50  # 40 discussions x 50 = 2,000 posts
TAGS = ("Strategie", "Ehrenamtskarte", "Beteiligung", "Jugend", "Anerkennung", "Digitales")


def busy_cohort() -> "tuple[Cohort, User, int]":
    """The cohort, a team member to read it as, and the discussion to open."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from engagiert.accounts.models import Role, RoleAssignment, User
    from engagiert.core.text import search_key
    from engagiert.registry.models import Authority, Organisation
    from engagiert.workshop.models import (
        Cohort,
        CohortApplication,
        ConsultationSlot,
        ExpertInput,
        Post,
        Resource,
        Session,
        TeamMember,
        Thread,
        TopicProposal,
        TopicVote,
    )

    now = timezone.now()
    operator = Organisation.objects.create(
        name="Institut für Engagementförderung", kind=Organisation.Kind.INSTITUTE
    )
    cohort = Cohort.objects.create(
        number=COHORT,
        starts_on=datetime.date(2026, 1, 15),
        ends_on=datetime.date(2027, 6, 30),
        operator=operator,
        application_deadline=now - datetime.timedelta(days=60),
    )
    towns = Authority.objects.bulk_create(
        Authority(
            ags=f"05{911 + n:03d}000",
            name=f"Werkstadt {n + 1}",
            kind=Authority.Kind.INDEPENDENT_CITY,
            population=50_000 + n,
            area_km2=Decimal("100.00"),
            latitude=Decimal("51.5"),
            longitude=Decimal("7.5"),
            search_key=search_key(f"Werkstadt {n + 1}"),
        )
        for n in range(TEAMS)
    )
    applications = CohortApplication.objects.bulk_create(
        CohortApplication(
            cohort=cohort,
            authority=town,
            motivation="Engagement strategisch fördern.",
            goals="Eine Engagementstrategie.",
            existing="Koordinierungsstelle Ehrenamt.",
            status=CohortApplication.Status.SELECTED,
            decided_at=now,
        )
        for town in towns
    )
    password = make_password(None)  # nobody logs in with a password here
    users = User.objects.bulk_create(
        User(
            email=f"team{n + 1}@werkstadt{n // 2 + 1}.example",
            first_name="Teammitglied",
            last_name=str(n + 1),
            password=password,
        )
        for n in range(2 * TEAMS)
    )
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user=user, role=Role.DEVELOPMENT_TEAM, authority=towns[n // 2])
        for n, user in enumerate(users)
    )
    TeamMember.objects.bulk_create(
        TeamMember(
            application=applications[n // 2],
            position=n % 2 + 1,
            name=f"Teammitglied {n + 1}",
            function="Koordination Ehrenamt",
            email=user.email,
            user=user,
        )
        for n, user in enumerate(users)
    )

    sessions = Session.objects.bulk_create(
        Session(
            cohort=cohort,
            number=n + 1,
            date=datetime.date(2026, 2, 1) + datetime.timedelta(days=14 * n),
            place="Haus der Kommunen, Düsseldorf",
            title=f"Werkstatt {n + 1}",
        )
        for n in range(WORKSHOPS)
    )
    ExpertInput.objects.bulk_create(
        ExpertInput(session=session, speaker=f"Referentin {k + 1}", title="Fachinput")
        for session in sessions
        for k in range(INPUTS_EACH)
    )
    TopicProposal.objects.bulk_create(
        TopicProposal(cohort=cohort, title=f"Thema der Werkstatt {s.number}", adopted_for=s)
        for s in sessions
    )
    proposals = TopicProposal.objects.bulk_create(
        TopicProposal(
            cohort=cohort,
            title=f"Vorschlag {n + 1}",
            description="Das brauchen wir für unsere Strategie.",
            authority=towns[n % TEAMS],
            proposed_by=users[2 * (n % TEAMS)],
        )
        for n in range(PROPOSALS)
    )
    TopicVote.objects.bulk_create(
        TopicVote(proposal=proposals[(3 * t + k) % PROPOSALS], authority=town)
        for t, town in enumerate(towns)
        for k in range(cohort.votes_per_team)
    )
    ConsultationSlot.objects.bulk_create(
        ConsultationSlot(
            cohort=cohort,
            starts_at=now + datetime.timedelta(days=1 + n),
            ends_at=now + datetime.timedelta(days=1 + n, hours=1),
            advisor="Beratung des Trägers",
            booked_by=towns[n % TEAMS] if n % 2 == 0 else None,
            booked_by_user=users[2 * (n % TEAMS)] if n % 2 == 0 else None,
        )
        for n in range(SLOTS)
    )
    Resource.objects.bulk_create(
        Resource(
            cohort=cohort,
            title=f"Lernquelle {n + 1}",
            description="Eine Handreichung für die Praxis.",
            url=f"https://example.org/lernquelle/{n + 1}",
            tags=f"{TAGS[n % len(TAGS)]}, {TAGS[(n + 2) % len(TAGS)]}",
            added_by=users[n % len(users)],
        )
        for n in range(RESOURCES)
    )
    threads = Thread.objects.bulk_create(
        Thread(cohort=cohort, title=f"Diskussion {n + 1}", author=users[n % len(users)])
        for n in range(THREADS)
    )
    Post.objects.bulk_create(
        (
            Post(thread=thread, author=users[(t + k) % len(users)], body=f"Beitrag {k + 1}.")
            for t, thread in enumerate(threads)
            for k in range(POSTS_EACH)
        ),
        batch_size=1000,
    )
    return cohort, users[0], threads[0].pk


def time_pages_as(client: "Client", paths: Iterable[str], requests: int) -> list[PageTiming]:
    """Like common.time_pages, but with the given (logged-in) client."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    results = []
    for path in paths:
        for _ in range(5):  # warm caches (templates, translations, connection)
            client.get(path)
        samples: list[float] = []
        queries = 0
        for _ in range(requests):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(path)
                samples.append(time.perf_counter() - start)
            if response.status_code != 200:
                raise SystemExit(f"GET {path} answered {response.status_code}")
            queries = max(queries, len(captured))
        cuts = statistics.quantiles(samples, n=20, method="inclusive")
        results.append(PageTiming(path, cuts[9], cuts[18], queries))
    return results


def run_backend(url: str, label: str, args: argparse.Namespace) -> None:
    """In a fresh process: point Django at `url`, migrate, fill, measure, print."""
    django_setup(url)
    from django.test import Client

    from engagiert.workshop.models import Post, Resource

    start = time.perf_counter()
    cohort, member, thread = busy_cohort()
    seconds = time.perf_counter() - start
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(member)
    space = f"/werkstatt/{cohort.number}/raum/"
    paths = [space] + [
        space + page
        for page in ("themen/", "termine/", "lernquellen/", "diskussion/", f"diskussion/{thread}/")
    ]
    pages = time_pages_as(client, paths, args.requests)
    print(
        f"\n== {label}: {TEAMS} teams, {WORKSHOPS} workshops, "
        f"{Resource.objects.count()} resources, {Post.objects.count()} posts in {THREADS} "
        f"discussions (set up in {seconds:.1f} s); {args.requests} requests each, as a team member"
    )
    print_pages(pages)


def main() -> None:
    common.main(__file__, argument_parser(__doc__.splitlines()[0]), run_backend, BENCH_DATABASE)


if __name__ == "__main__":
    main()
