"""API write benchmark: token-authenticated writes of opportunities against the same writes
through the service directly.

    .venv/bin/python bench/api_write_bench.py [--writes 500]
        [--postgres postgres://postgres@host:5432/postgres]

One verified provider in a Gemeinde holds an API token with the scope opportunities:write; one
webhook subscription listens for new opportunities, so each write also queues its delivery (the
outbox rows are part of the write; nothing is sent during the run).

(a) API: `--writes` POSTs of a new opportunity to /api/v1/own/opportunities/ with
`Authorization: Bearer ek_…`, then as many PATCHes of an opportunity's status, in-process with
the test client (the whole middleware, the token check, validation, the service, the audit log).
(b) Service: the same number of `opportunity_save` calls (create, then change the status) with
the audit actor set, as a page's view would call it.

Printed: writes per second of each and the ratio API / service, plus p50/p95 per API write and
its queries. Every backend runs in a fresh process against a throwaway database (SQLite file;
with --postgres a database `engagiert_bench_api_write` dropped afterwards).
"""

import argparse
import datetime
import json
import statistics
import time
from decimal import Decimal

import common
from common import argument_parser, django_setup

BENCH_DATABASE = "engagiert_bench_api_write"


def setup() -> tuple[object, str, object, object]:
    from django.utils import timezone

    from engagiert.api import services as api_services
    from engagiert.api.models import Scope, WebhookEvent
    from engagiert.opportunities.models import Provider
    from engagiert.registry.models import Authority, Organisation, Topic

    town = Authority.objects.create(
        ags="05170020",
        name="Kamp-Lintfort",
        kind=Authority.Kind.TOWN,
        population=37_000,
        area_km2=Decimal("63.13"),
        latitude=Decimal("51.5"),
        longitude=Decimal("6.55"),
        search_key="kamp-lintfort",
    )
    organisation = Organisation.objects.create(
        name="Freiwilligenagentur Kamp-Lintfort", kind=Organisation.Kind.VOLUNTEER_AGENCY
    )
    provider = Provider.objects.create(
        organisation=organisation,
        authority=town,
        status=Provider.Status.VERIFIED,
        contact_name="Petra Vogel",
        contact_email="agentur@example.org",
    )
    topic = Topic.objects.create(name="Bildung", slug="bildung")
    _token, secret = api_services.token_issue(
        name="Bench",
        scopes=[Scope.OPPORTUNITIES_WRITE],
        expires_at=timezone.now() + datetime.timedelta(days=1),
        created_by=None,
        organisation=organisation,
    )
    api_services.subscription_create(
        name="Landesportal",
        url="https://portal.example.org/hook",
        events=[WebhookEvent.OPPORTUNITY_PUBLISHED],
        created_by=None,
    )
    return town, secret, provider, topic


def _body(n: int, town: object, topic: object) -> dict[str, object]:
    return {
        "title": f"Lernpatenschaft {n}",
        "description": "Einmal pro Woche bei den Hausaufgaben helfen.",
        "topic": topic.slug,  # type: ignore[attr-defined]
        "authority": town.ags,  # type: ignore[attr-defined]
        "contact_name": "Petra Vogel",
        "contact_email": "agentur@example.org",
    }


def api_writes(writes: int, town: object, secret: str, topic: object) -> tuple[float, list, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {secret}")
    url = "/api/v1/own/opportunities/"
    samples, queries, created = [], 0, []
    started = time.perf_counter()
    for n in range(writes):
        body = json.dumps(_body(n, town, topic))
        with CaptureQueriesContext(connection) as captured:
            begin = time.perf_counter()
            response = client.post(url, body, content_type="application/json")
            samples.append(time.perf_counter() - begin)
        if response.status_code != 201:
            raise SystemExit(f"POST answered {response.status_code}: {response.content!r}")
        created.append(response.json()["id"])
        queries = max(queries, len(captured))
    for pk in created:
        body = json.dumps({"status": "filled"})
        begin = time.perf_counter()
        response = client.patch(f"{url}{pk}/", body, content_type="application/json")
        samples.append(time.perf_counter() - begin)
        if response.status_code != 200:
            raise SystemExit(f"PATCH answered {response.status_code}: {response.content!r}")
    return time.perf_counter() - started, samples, queries


def service_writes(writes: int, town: object, provider: object, topic: object) -> float:
    from engagiert.core.audit import audit_actor
    from engagiert.opportunities.models import Opportunity
    from engagiert.opportunities.services import opportunity_save

    started = time.perf_counter()
    created = []
    with audit_actor("bench"):
        for n in range(writes):
            data = {**_body(n, town, topic), "topic": topic, "authority": town}
            created.append(opportunity_save(provider=provider, data=data))  # type: ignore[arg-type]
        for opportunity in created:
            opportunity_save(
                provider=provider,  # type: ignore[arg-type]
                opportunity=opportunity,
                data={
                    "authority": town,
                    "latitude": opportunity.latitude,
                    "longitude": opportunity.longitude,
                    "status": Opportunity.Status.FILLED,
                },
            )
    return time.perf_counter() - started


def run_backend(url: str, label: str, args: argparse.Namespace) -> None:
    django_setup(url)
    town, secret, provider, topic = setup()
    api_writes(20, town, secret, topic)  # warm up (templates, translations, connection)
    service_writes(20, town, provider, topic)
    api_seconds, samples, queries = api_writes(args.writes, town, secret, topic)
    service_seconds = service_writes(args.writes, town, provider, topic)
    total = 2 * args.writes
    api_rate, service_rate = total / api_seconds, total / service_seconds
    cuts = statistics.quantiles(samples, n=20, method="inclusive")
    print(f"\n== {label}: {args.writes} creates + {args.writes} status changes each ==")
    print(
        f"API (token, DRF, service, audit):  {api_rate:8.0f} writes/s"
        f"   p50 {cuts[9] * 1e3:.1f} ms  p95 {cuts[18] * 1e3:.1f} ms  queries/create {queries}"
    )
    print(f"service directly:                  {service_rate:8.0f} writes/s")
    print(f"ratio API / service:               {api_rate / service_rate:8.2f}")


if __name__ == "__main__":
    parser = argument_parser(__doc__.splitlines()[0])
    parser.add_argument("--writes", type=int, default=500, help="creates (and as many changes)")
    common.main(__file__, parser, run_backend, BENCH_DATABASE)
