"""Shifts benchmark: many people sign up for one shift at once, over real HTTP.

    .venv/bin/python bench/shifts_bench.py [--people 200] [--places 150] [--postgres URL]

The real server runs as a subprocess on a free port of 127.0.0.1 (`manage.py runserver
--noreload`, from events_bench) against a throwaway database. A published action of a verified
provider has one shift with `--places` places (default 150). `--people` residents (default
200), each with a cookie jar of their own:
  1. GET the sign-up page (the CSRF cookie and token),
  2. POST name and e-mail at once from --threads threads (32) (public sign-up: no place
     yet, a link goes out by e-mail),
  3. POST the confirmation link from their e-mail at once: this takes the place, under the
     shift's lock.
Each confirmation answers with a redirect to the personal page (with the place, or with the
German »this shift has all the helpers it needs« message). The check line compares with the
database: the script fails if the shift was overbooked (confirmed > places) or if not exactly
min(sign-ups, places) got a place. Answers other than a redirect are listed with their reason
(on SQLite, 32 writers at once can outwait the busy timeout: an error page, never a double
place). Wall time and p50/p95 per round
are printed.
The public form's rate limit is lifted for the server (all requests come from 127.0.0.1).
"""

import argparse
import datetime
import os
import statistics
import tempfile
from collections import Counter
from pathlib import Path

from common import argument_parser, django_setup, main
from events_bench import (
    CSRF_FIELD,
    Answer,
    Member,
    Round,
    _fire,
    reasons,
    request,
    running_server,
)

BENCH_DATABASE = "engagiert_bench_shifts"


def plan(places: int) -> int:
    """A verified provider's published action with one shift of `places` places; its pk."""
    from decimal import Decimal

    from django.utils import timezone

    from engagiert.opportunities import shifts as services
    from engagiert.opportunities.models import Action, Provider
    from engagiert.registry.models import Authority, Organisation

    authority = Authority.objects.create(
        ags="05362012",
        name="Erftstadt",
        kind=Authority.Kind.MUNICIPALITY,
        population=50_000,
        area_km2=Decimal("119.00"),
        latitude=Decimal("50.81"),
        longitude=Decimal("6.79"),
    )
    organisation = Organisation.objects.create(
        name="Hilfswerk Erftstadt e.V.", kind=Organisation.Kind.ASSOCIATION
    )
    provider = Provider.objects.create(
        organisation=organisation,
        authority=authority,
        status=Provider.Status.VERIFIED,
        contact_name="Bench",
        contact_email="bench@example.org",
    )
    action = services.action_create(
        provider=provider,
        title="Hochwasserhilfe Erftstadt",
        authority=authority,
        status=Action.Status.PUBLISHED,
    )
    place = services.place_create(action=action, name="Sporthalle", authority=authority)
    task = services.task_create(place=place, title="Sandsäcke füllen")
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=2)
    shift = services.shift_create(
        task=task, starts_at=start, ends_at=start + datetime.timedelta(hours=4), needed=places
    )
    return shift.pk


def _row(run: Round) -> str:
    seconds = sorted(a.seconds for a in run.answers)
    cuts = statistics.quantiles(seconds, n=20, method="inclusive")
    return (
        f"{run.label:<34}{run.wall:>8.2f}{cuts[9] * 1e3:>9.0f}{cuts[18] * 1e3:>9.0f}"
        f"  {dict(Counter(a.status for a in run.answers))}"
    )


def run_backend(url: str, label: str, args: argparse.Namespace) -> None:
    django_setup(url)
    from django.conf import settings

    from engagiert.opportunities.models import ShiftSignup

    shift_pk = plan(args.places)
    people = [Member(n, f"helfer{n + 1}@bench.example", {}) for n in range(args.people)]
    os.environ["PUBLIC_FORM_LIMIT"] = str(args.people * 10)
    with (
        tempfile.TemporaryDirectory(prefix="engagiert-bench-") as logs,
        running_server("runserver", url, 1, Path(logs)) as base,
    ):
        form_url = f"{base}/mitmachen/aktionen/schichten/{shift_pk}/eintragen/"

        def open_form(person: Member) -> Answer:
            answer = request(form_url, person.cookies)
            found = CSRF_FIELD.search(answer.body)
            if answer.status != 200 or found is None:
                raise SystemExit(f"{person.email}: no sign-up form ({answer.status})")
            person.cookies[settings.CSRF_COOKIE_NAME] = answer.cookies[settings.CSRF_COOKIE_NAME]
            person.csrf_token = found.group(1)
            return answer

        def sign_up(person: Member) -> Answer:
            data = [
                ("csrfmiddlewaretoken", person.csrf_token),
                ("name", f"Helfer {person.index + 1}"),
                ("email", person.email),
            ]
            return request(form_url, person.cookies, data)

        rounds = [_fire("1: GET the sign-up form", open_form, people, args.threads, "GET")]
        rounds.append(_fire("2: POST name and e-mail", sign_up, people, args.threads))
        tokens = dict(ShiftSignup.objects.values_list("email", "token"))
        arrived = [p for p in people if p.email in tokens]

        def confirm(person: Member) -> Answer:
            link = f"{base}/mitmachen/aktionen/anmeldung/{tokens[person.email]}/bestaetigen/"
            return request(link, person.cookies, [("csrfmiddlewaretoken", person.csrf_token)])

        rounds.append(_fire("3: POST the confirmation link", confirm, arrived, args.threads))
    report(label, args, shift_pk, rounds)


def report(label: str, args: argparse.Namespace, shift_pk: int, rounds: list[Round]) -> None:
    """Print the rounds and the check; fail if overbooked or a free place was left."""
    from engagiert.opportunities.models import ShiftSignup

    confirmed = ShiftSignup.objects.filter(
        shift_id=shift_pk, status=ShiftSignup.Status.CONFIRMED
    ).count()
    pending = ShiftSignup.objects.filter(shift_id=shift_pk, status=ShiftSignup.Status.PENDING)
    print(f"\n{label}: {args.people} people, {args.places} places, {args.threads} threads")
    print(f"{'round':<34}{'wall s':>8}{'p50 ms':>9}{'p95 ms':>9}  statuses")
    for run in rounds:
        print(_row(run))
    for run in rounds:
        for reason, count in reasons(run).items():
            if not reason.startswith("HTTP 302") and not reason.startswith("HTTP 200"):
                print(f"  {run.label[:2]} {count} x {reason}")
    signed_up = ShiftSignup.objects.filter(shift_id=shift_pk).count()
    overbooked = max(confirmed - args.places, 0)
    print(
        f"check: signed up {signed_up}, confirmed {confirmed} of {args.places} places, "
        f"still pending (refused: full) {pending.count()}, overbooked {overbooked}"
        + (" – OK" if not overbooked else " – OVERBOOKED")
    )
    if overbooked:
        raise SystemExit("the shift was overbooked")
    if confirmed != min(signed_up, args.places):
        raise SystemExit(f"{confirmed} confirmed, expected {min(signed_up, args.places)}")


if __name__ == "__main__":
    parser = argument_parser(__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200, help="residents signing up at once")
    parser.add_argument("--places", type=int, default=150, help="places of the shift")
    parser.add_argument("--threads", type=int, default=32, help="client threads")
    main(__file__, parser, run_backend, BENCH_DATABASE)
