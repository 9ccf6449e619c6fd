"""Ehrenamtskarte benchmark: verifying signed QR codes against raw Ed25519, and issuing cards.

    .venv/bin/python bench/volunteercard_bench.py [--cards 10000] [--codes 2000]
                                                  [--postgres postgres://postgres@host:5432/postgres]

(a) Issuing: `--cards` approved applications (bulk_create), then for each `card_issue` (a new
random number, the signed payload's key id, the holder's mail queued in the outbox) followed by
the card's printable PDF (front and back, DejaVu fonts, the QR code drawn) — cards per minute
and the p95 of one card, then the two steps apart (their p50/p95 and share of the time).

(b) Verification of `--codes` QR codes of those cards, all in the same run and process:
raw Ed25519 verification of the very payloads and signatures (`cryptography`, the limit), the
server's offline rules (`signing.verify_code`: parse, key, signature, dates), the server's full
check (`cards.card_check`: plus the revocation lookup in the database) and the public status
endpoint through Django's test client (throttle, CSRF-exempt test client, JSON). Reported:
verifications per second, p50/p95 and the ratio to raw Ed25519.

Every backend runs in a fresh process against a throwaway database: a temporary SQLite file, and
with --postgres (or BENCH_POSTGRES_URL) a database `engagiert_bench_volunteercard` created
through the given admin URL and dropped afterwards. The configured DATABASE_URL is never touched.
A signing key is made up for the run.
"""

import argparse
import base64
import datetime
import os
import statistics
import time
from collections.abc import Callable
from decimal import Decimal

import common
from common import argument_parser, django_setup

BENCH_DATABASE = "engagiert_bench_volunteercard"


def _p(samples: list[float], q: int) -> float:
    return statistics.quantiles(samples, n=100)[q - 1] if len(samples) > 1 else samples[0]


def _applications(count: int) -> list:
    from engagiert.core.text import search_key
    from engagiert.registry.models import Authority
    from engagiert.volunteercard.models import Application, Issuer

    authority = Authority.objects.create(
        ags="05158000",
        name="Kreis Mettmann",
        kind=Authority.Kind.DISTRICT,
        population=480_000,
        area_km2=Decimal("407.00"),
        latitude=Decimal("51.25"),
        longitude=Decimal("6.97"),
        search_key=search_key("Kreis Mettmann"),
    )
    issuer = Issuer.objects.create(
        authority=authority, participating_since=datetime.date(2008, 1, 1)
    )
    Application.objects.bulk_create(
        Application(
            issuer=issuer,
            status=Application.Status.APPROVED,
            first_name=f"Đorđe {n}",
            last_name="Šćepanović-Łukasiewicz",
            birth_date=datetime.date(1980, 1, 1) + datetime.timedelta(days=n % 9000),
            email=f"inhaber{n:06d}@example.org",
            residence=authority,
        )
        for n in range(count)
    )
    return list(Application.objects.select_related("issuer__authority").order_by("pk"))


def _issue(count: int) -> list:
    from engagiert.volunteercard.card_outputs import cards_pdf
    from engagiert.volunteercard.cards import card_issue

    applications = _applications(count)
    cards, samples, issue_samples, pdf_samples, pdf_bytes = [], [], [], [], 0
    started = time.perf_counter()
    for application in applications:
        start = time.perf_counter()
        card = card_issue(application=application, by=None)
        issued = time.perf_counter()
        pdf_bytes += len(cards_pdf([card]))
        end = time.perf_counter()
        samples.append(end - start)
        issue_samples.append(issued - start)
        pdf_samples.append(end - issued)
        cards.append(card)
    elapsed = time.perf_counter() - started
    per_minute, p95 = count / elapsed * 60, _p(samples, 95) * 1000
    print(
        f"  issue + PDF: {count} cards in {elapsed:.1f} s = {per_minute:,.0f} cards/min,"
        f" p95 {p95:.1f} ms per card, PDF {pdf_bytes / count / 1024:.1f} KiB each"
    )
    for label, part in (("card_issue (database, mail)", issue_samples), ("PDF", pdf_samples)):
        print(
            f"    {label:<28} p50 {_p(part, 50) * 1000:6.1f} ms  p95 {_p(part, 95) * 1000:6.1f} ms"
            f"  {sum(part) / elapsed:4.0%} of the time"
        )
    return cards


def _time(label: str, items: list, check: Callable[[object], bool], raw: float | None) -> float:
    samples = []
    started = time.perf_counter()
    for item in items:
        start = time.perf_counter()
        if not check(item):
            raise SystemExit(f"{label}: a valid code was refused")
        samples.append(time.perf_counter() - start)
    rate = len(items) / (time.perf_counter() - started)
    ratio = f"  {raw / rate:5.1f}× raw" if raw else ""
    print(
        f"  {label:<34} {rate:>9,.0f}/s  p50 {_p(samples, 50) * 1e6:7.0f} µs"
        f"  p95 {_p(samples, 95) * 1e6:7.0f} µs{ratio}"
    )
    return rate


def _verify(cards: list, count: int) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from django.test import Client
    from django.utils import timezone

    from engagiert.volunteercard import signing
    from engagiert.volunteercard.cards import card_check, card_code

    codes = [card_code(cards[n % len(cards)]) for n in range(count)]
    today = timezone.localdate()
    public_key = signing.keys().public[signing.keys().signing_id]  # every code's key

    def raw(code: object) -> bool:
        _prefix, payload, signature = str(code).split(".")
        message = signing._b64decode(payload)
        Ed25519PublicKey.from_public_bytes(public_key).verify(
            signing._b64decode(signature), message
        )
        return True

    client = Client(SERVER_NAME="127.0.0.1")

    def endpoint(code: object) -> bool:
        response = client.post("/ehrenamtskarte/pruefen/status/", {"code": code})
        return response.status_code == 200 and response.json()["valid"]

    print(f"  verification of {count} codes ({len(codes[0])} characters each):")
    limit = _time("raw Ed25519 verify (the limit)", codes, raw, None)
    _time(
        "verify_code (offline rules)",
        codes,
        lambda c: signing.verify_code(str(c), today=today).valid,
        limit,
    )
    _time("card_check (+ revocation lookup)", codes, lambda c: card_check(str(c)).valid, limit)
    _time("POST /ehrenamtskarte/pruefen/status/", codes, endpoint, limit)


def run_backend(url: str, label: str, args: argparse.Namespace) -> None:
    os.environ["VOLUNTEERCARD_SIGNING_KEY"] = base64.b64encode(os.urandom(32)).decode()
    os.environ["VOLUNTEERCARD_STATUS_LIMIT"] = str(10 * args.codes + 100)
    django_setup(url)
    print(f"\n{label}")
    cards = _issue(args.cards)
    _verify(cards, args.codes)


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=200, help="cards to issue (PDF included)")
    parser.add_argument("--codes", type=int, default=2000, help="QR codes to verify")
    common.main(__file__, parser, run_backend, BENCH_DATABASE)


if __name__ == "__main__":
    main()
