"""Ehrenamtskarte review queue benchmark: the card staff's queue and an application's page as
the number of applications grows.

    .venv/bin/python bench/card_review_bench.py [--applications 5000] [--postgres URL]

Imports the real registry, makes four issuers (Kreis Unna for its Gemeinden, Arnsberg, Dülmen,
Bocholt) and fills first a tenth, then all of `--applications` applications (two engagements
each, spread over the issuers and states; the issue's scale, 10× NRW, is 800000). For each size
it times, as Arnsberg's card staff and as the office, the queue's first page, a status filter,
a name search, a late page and one application's page: p50/p95 server time and the most
queries of any request, then the ratio of the full size to the tenth (constant queries and a
ratio near 1 mean the page does not grow with the table). Every backend runs in a fresh process
against a throwaway database; the configured DATABASE_URL is never touched.
"""

import argparse
import datetime
import time

import common
from common import argument_parser, django_setup, time_pages
from registry_bench import REGISTRY_FILE

BENCH_DATABASE = "engagiert_bench_card_review"
ISSUERS = ("05978", "05958004", "05558016", "05554008")
STATES = ("confirmations_open", "in_review", "in_review", "approved", "rejected")


def fill(start: int, stop: int) -> None:
    """Applications start..stop-1 with two engagements each, written in bulk (no audit)."""
    from engagiert.volunteercard.models import Application, Engagement, Issuer

    issuers = list(Issuer.objects.order_by("pk").select_related("authority"))
    batch = 5000
    for first in range(start, stop, batch):
        rows = [
            Application(
                issuer=issuers[n % len(issuers)],
                residence_id=issuers[n % len(issuers)].authority_id
                if issuers[n % len(issuers)].authority.is_municipal
                else "05978028",
                kind="jubilee" if n % 20 == 0 else "new",
                status=STATES[n % len(STATES)],
                first_name="Vorname",
                last_name=f"Nachname{n:07d}",
                birth_date=datetime.date(1950 + n % 50, 1 + n % 12, 1 + n % 28),
                email=f"person{n}@example.org",
                submitted_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=n % 300),
                check_result=[{"key": "hours", "met": True, "reason": "200 h/Jahr: erfüllt"}],
            )
            for n in range(first, min(first + batch, stop))
        ]
        Application.objects.bulk_create(rows, batch_size=1000)
        Engagement.objects.bulk_create(
            (
                Engagement(
                    application=application,
                    organisation=f"Verein {index}",
                    field="sport",
                    place_id=application.residence_id,
                    contact_name="Vorstand",
                    contact_email="vorstand@example.org",
                    hours_per_week=4,
                    since=datetime.date(2015, 1, 1),
                    confirmation="confirmed"
                    if index or application.status != STATES[0]
                    else "open",
                )
                for application in rows
                for index in range(2)
            ),
            batch_size=2000,
        )


def run_backend(url: str, label: str, args: argparse.Namespace) -> None:
    django_setup(url)

    from engagiert.accounts.models import Role, User
    from engagiert.accounts.services import role_grant
    from engagiert.registry.models import Authority
    from engagiert.registry.services import registry_import
    from engagiert.volunteercard import queries
    from engagiert.volunteercard.models import Application
    from engagiert.volunteercard.services import issuers

    registry_import(data=REGISTRY_FILE.read_bytes(), source=REGISTRY_FILE.name)
    for ags in ISSUERS:
        authority = Authority.objects.get(ags=ags)
        issuer = issuers.issuer_create(
            authority=authority, data={"participating_since": datetime.date(2010, 1, 1)}
        )
        if not authority.is_municipal:
            issuers.issuer_area_set(
                issuer=issuer, authorities=queries.district_without_issuer(authority, issuer)
            )
    staff = User.objects.create_user("karte@example.org", "x")
    role_grant(user=staff, role=Role.CARD_STAFF, authority=Authority.objects.get(ags="05958004"))
    office = User.objects.create_user("buero@example.org", "x")
    role_grant(user=office, role=Role.OFFICE)
    users = {"staff": staff, "office": office}

    print(f"\n== {label}")
    results: dict[int, list[tuple[str, str, float, float, int]]] = {}
    done = 0
    for size in (args.applications // 10, args.applications):
        start = time.perf_counter()
        fill(done, size)
        done = size
        print(f"{size} applications written in {time.perf_counter() - start:.1f} s")
        sample = Application.objects.filter(issuer__authority_id="05958004").order_by("-pk")[0]
        paths = [
            "/ehrenamtskarte/bearbeitung/",
            "/ehrenamtskarte/bearbeitung/?status=in_review",
            "/ehrenamtskarte/bearbeitung/?name=Nachname00001",
            "/ehrenamtskarte/bearbeitung/?seite=20",
            f"/ehrenamtskarte/bearbeitung/{sample.pk}/",
        ]
        results[size] = [
            (who, timing.path, timing.p50, timing.p95, timing.queries)
            for who, user in users.items()
            for timing in time_pages(paths, args.requests, warm=3, user=user)
        ]
        print(f"\n{'as':<8}{'page':<52}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}")
        for who, path, p50, p95, count in results[size]:
            print(f"{who:<8}{path:<52}{p50 * 1e3:>9.1f}{p95 * 1e3:>9.1f}{count:>9}")
    small, large = results[args.applications // 10], results[args.applications]
    print(f"\nratio {args.applications} / {args.applications // 10} applications")
    print(f"{'as':<8}{'page':<52}{'p95':>9}{'queries':>9}")
    for (who, path, _p, p95_small, q_small), (_w, _path, _q, p95_large, q_large) in zip(
        small, large, strict=True
    ):
        print(f"{who:<8}{path:<52}{p95_large / p95_small:>9.2f}{q_large - q_small:>+9}")


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=5_000, help="applications at most")
    parser.set_defaults(requests=20)
    common.main(__file__, parser, run_backend, BENCH_DATABASE)


if __name__ == "__main__":
    main()
