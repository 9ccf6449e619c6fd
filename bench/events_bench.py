"""Events benchmark: the calendar with 500 past events, and 250 members registering at once.

    .venv/bin/python bench/events_bench.py [--postgres postgres://postgres@host:5432/postgres]

(a) The calendar: 500 past and 30 upcoming events with 50,000 registrations (bulk_create), then
p50/p95 server time and queries of the upcoming events, the past ones and a later page of them,
in-process with the test client.

(b) Registration over real HTTP: the real server runs as a subprocess on a free port of
127.0.0.1 (`manage.py runserver --noreload`; on PostgreSQL also gunicorn with 4 workers). A
congress has 200 places and 8 workshops of 30 in two time slots of four; 250 members, each with
a session of their own and the CSRF token from a GET of the event's page, send their POST to
/veranstaltungen/<pk>/anmelden/ at once from a pool of 32 threads, each choosing one workshop
per slot (round-robin). Only 4 x 30 = 120 of them fit into the workshops: the others are refused
at the field. In a second round they register again without workshops, which fills the 200
places and wait-lists the rest. The check line says whether anything was overbooked (it must
not be: confirmed <= 200 and every workshop <= 30); the script fails if so.

Every backend runs in a fresh process against a throwaway database: a temporary SQLite file, and
with --postgres (or BENCH_POSTGRES_URL) a database `engagiert_bench_events` that is created
through the given admin URL and dropped afterwards. The configured DATABASE_URL is never touched.
"""

import argparse
import datetime
import http.cookies
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import common
from common import ROOT, argument_parser, django_setup, print_pages, time_pages
from registry_bench import REGISTRY_FILE

if TYPE_CHECKING:
    from engagiert.events.models import AgendaItem, Event

BENCH_DATABASE = "engagiert_bench_events"
PAST_EVENTS = 500
UPCOMING_EVENTS = 30
REGISTRATIONS_EACH = 100  # 500 past events x 100 = 50,000 registrations
PAGES = (
    "/veranstaltungen/",
    "/veranstaltungen/?when=past",
    "/veranstaltungen/?when=past&seite=10",
)
TOPICS = (
    ("Demografischer Wandel", "demografie"),
    ("Junge Menschen", "jugend"),
    ("Integration und Teilhabe", "integration"),
    ("Digitalisierung im Ehrenamt", "digitalisierung"),
    ("Anerkennungskultur", "anerkennung"),
)
CONGRESS_PLACES = 200
WORKSHOP_PLACES = 30
SLOTS = (10, 14)  # the workshops' starting hours
WORKSHOPS_PER_SLOT = 4
SERVER_START_SECONDS = 60
REQUEST_TIMEOUT_SECONDS = 120
RESET_RETRIES = 3
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ERROR_TEXT = re.compile(r'class="kern-(?:error|alert__body)"[^>]*>(.*?)</(?:p|div)>', re.S)
TAG = re.compile(r"<[^>]+>")


# --- (a) The calendar -----------------------------------------------------------------------


def fill_calendar() -> tuple[int, int]:
    """Past and upcoming events with topics, 100 registrations for each past one (85 confirmed,
    10 waiting, 5 cancelled); returns (events, registrations). Written in bulk."""
    from django.utils import timezone

    from engagiert.events.models import Event, Registration
    from engagiert.registry.models import Topic

    now = timezone.now()
    kinds = list(Event.Kind)
    topics = Topic.objects.bulk_create(Topic(name=name, slug=slug) for name, slug in TOPICS)

    def event(n: int, starts_at: datetime.datetime) -> Event:
        return Event(
            title=f"{kinds[n % len(kinds)].label} {n + 1}",
            kind=kinds[n % len(kinds)],
            status=Event.Status.CANCELLED if n % 25 == 0 else Event.Status.PUBLISHED,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=6),
            venue_name="Rathaus",
            capacity=120,
        )

    past = [event(n, now - datetime.timedelta(days=3 + n * 4)) for n in range(PAST_EVENTS)]
    upcoming = [
        event(PAST_EVENTS + n, now + datetime.timedelta(days=7 + n * 5))
        for n in range(UPCOMING_EVENTS)
    ]
    events = Event.objects.bulk_create(past + upcoming)
    Event.topics.through.objects.bulk_create(
        Event.topics.through(event_id=e.pk, topic_id=topics[(i + step) % len(topics)].pk)
        for i, e in enumerate(events)
        for step in (0, 2)
    )
    statuses = [Registration.Status.CONFIRMED] * 85 + [Registration.Status.WAITING] * 10
    statuses += [Registration.Status.CANCELLED] * 5
    Registration.objects.bulk_create(
        (
            Registration(
                event_id=e.pk,
                name=f"Teilnehmerin {k + 1}",
                email=f"t{k + 1}@kommune{i % 400}.example",
                status=statuses[k],
                list_consent=k % 2 == 0,
            )
            for i, e in enumerate(events[:PAST_EVENTS])
            for k in range(REGISTRATIONS_EACH)
        ),
        batch_size=5000,
    )
    return Event.objects.count(), Registration.objects.count()


# --- (b) Registration over HTTP -------------------------------------------------------------


@dataclass
class Member:
    """A member as the HTTP client sees them: their cookies and the form's CSRF token."""

    index: int
    email: str
    cookies: dict[str, str]
    csrf_token: str = ""


@dataclass
class Answer:
    status: int
    body: str
    seconds: float
    cookies: dict[str, str] = field(default_factory=dict)
    retries: int = 0


@dataclass(frozen=True)
class Round:
    label: str
    answers: list[Answer]
    wall: float
    method: str = "POST"

    @property
    def outcomes(self) -> Counter[str]:
        if self.method == "GET":
            return Counter("ok" if answer.status == 200 else "error" for answer in self.answers)
        return Counter(_outcome(answer) for answer in self.answers)


def _outcome(answer: Answer) -> str:
    """What a registration's answer means: 302 to the event's page after a registration, the
    form again with the error at the workshops, or another refusal."""
    if answer.status == 302:
        return "placed"  # confirmed or wait-listed: the database says which
    if answer.status == 200 and 'id="id_workshops_error"' in answer.body:
        return "workshop full"
    if answer.status == 200:
        return "refused"
    return "error"


def reasons(run: Round) -> Counter[str]:
    """Why answers were not a placement: the German error text, or the connection's error."""
    found: Counter[str] = Counter()
    for answer in run.answers:
        if answer.status == 302:
            continue
        if answer.status == 0:
            found[answer.body] += 1
            continue
        texts = [" ".join(TAG.sub("", t).split()) for t in ERROR_TEXT.findall(answer.body)]
        found[f"HTTP {answer.status}: {' / '.join(texts) or 'no error text'}"[:140]] += 1
    return found


def members_with_sessions(count: int) -> list[Member]:
    """`count` engagement officers of real authorities, each logged in through a session."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password

    from engagiert.accounts.models import Role, RoleAssignment, User
    from engagiert.registry.models import Authority
    from engagiert.registry.services import registry_import

    registry_import(data=REGISTRY_FILE.read_bytes(), source=REGISTRY_FILE.name)
    keys = list(Authority.objects.order_by("ags").values_list("ags", flat=True))
    password = make_password(None)  # nobody logs in with a password here
    users: list[User] = User.objects.bulk_create(
        User(
            email=f"beauftragte{n + 1}@bench.example",
            first_name="Beauftragte",
            last_name=str(n + 1),
            password=password,
        )
        for n in range(count)
    )
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user=user, role=Role.OFFICER, authority_id=keys[n % len(keys)])
        for n, user in enumerate(users)
    )
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    members = []
    for n, user in enumerate(users):
        store = store_class()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        members.append(Member(n, user.email, {settings.SESSION_COOKIE_NAME: store.session_key}))
    return members


def new_congress(label: str) -> "tuple[Event, list[list[AgendaItem]]]":
    """A published members-only congress in 60 days: 200 places, two slots of four workshops."""
    from django.utils import timezone

    from engagiert.events.models import AgendaItem, Event

    day = timezone.localtime(timezone.now() + datetime.timedelta(days=60))
    starts_at = day.replace(hour=9, minute=0, second=0, microsecond=0)
    event = Event.objects.create(
        title=f"Engagementkongress ({label})",
        kind=Event.Kind.CONGRESS,
        status=Event.Status.PUBLISHED,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=8),
        capacity=CONGRESS_PLACES,
    )
    slots = [
        [
            AgendaItem.objects.create(
                event=event,
                title=f"Werkstatt {s + 1}.{w + 1}",
                kind=AgendaItem.Kind.WORKSHOP,
                starts_at=starts_at.replace(hour=hour),
                ends_at=starts_at.replace(hour=hour + 2),
                room=f"Raum {w + 1}",
                capacity=WORKSHOP_PLACES,
            )
            for w in range(WORKSHOPS_PER_SLOT)
        ]
        for s, hour in enumerate(SLOTS)
    ]
    return event, slots


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Keep the 302 after a registration as the answer (following it would time a GET too)."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


#: No proxy from the environment: the requests go to 127.0.0.1 and nowhere else.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect)


def _cookies_set(headers: Message) -> dict[str, str]:
    jar: http.cookies.SimpleCookie = http.cookies.SimpleCookie()
    for header in headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def request(url: str, cookies: dict[str, str], data: list[tuple[str, str]] | None = None) -> Answer:
    """GET, or POST `data` as a form, with `cookies`; never follows a redirect.

    A connection reset before any answer is tried again (at most RESET_RETRIES times, counted
    in the answer): runserver keeps only 10 connections waiting to be accepted (its listen
    backlog) and resets the others when 32 arrive at once. A retried registration cannot count
    twice: a second one for the same address is refused, and the check compares the answers
    with the database.
    """
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError(f"only the local server is asked, not {url}")
    headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())}
    body = None
    if data is not None:
        body = urlencode(data).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    start = time.perf_counter()
    for attempt in range(RESET_RETRIES + 1):
        answer = _send(urllib.request.Request(url, data=body, headers=headers))
        if answer.status or not answer.body.startswith("ConnectionResetError"):
            break
        time.sleep(0.1 * (attempt + 1))
    answer.seconds, answer.retries = time.perf_counter() - start, attempt
    return answer


def _send(prepared: urllib.request.Request) -> Answer:
    try:
        with _OPENER.open(prepared, timeout=REQUEST_TIMEOUT_SECONDS) as response:
            status, text, headers = response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        status, text, headers = error.code, error.read(), error.headers
    except (ConnectionError, TimeoutError, urllib.error.URLError) as error:
        return Answer(0, f"{type(error).__name__}: {error}", 0.0)
    return Answer(status, text.decode(errors="replace"), 0.0, _cookies_set(headers))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _log_tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


@contextmanager
def running_server(kind: str, database_url: str, workers: int, logs: Path) -> Iterator[str]:
    """The real server on a free port of 127.0.0.1, stopped when the block ends (also on error)."""
    port = _free_port()
    if kind == "runserver":
        command = [sys.executable, str(ROOT / "manage.py"), "runserver"]
        command += [f"127.0.0.1:{port}", "--noreload"]
    else:
        command = [sys.executable, "-m", "gunicorn", "engagiert.wsgi", "-w", str(workers)]
        command += ["-b", f"127.0.0.1:{port}", "--timeout", str(REQUEST_TIMEOUT_SECONDS)]
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": database_url}
    env["ALLOWED_HOSTS"] = "127.0.0.1"
    log_path = logs / f"{kind}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_until_up(base, process, log_path)
            yield base
        except BaseException:
            print(f"--- the end of the server's log ({kind}):\n{_log_tail(log_path)}")
            raise
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)


def _wait_until_up(base: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped at once:\n{_log_tail(log_path)}")
        try:
            if request(f"{base}/healthz", {}).status == 200:
                return
        except OSError:  # not listening yet
            pass
        time.sleep(0.2)
    raise SystemExit(f"the server did not answer in {SERVER_START_SECONDS} s")


def fetch_csrf_tokens(base: str, event_pk: int, members: list[Member], threads: int) -> Round:
    """Each member opens the event's page: the CSRF cookie and the form's token."""
    from django.conf import settings

    def open_page(member: Member) -> Answer:
        answer = request(f"{base}/veranstaltungen/{event_pk}/", member.cookies)
        found = CSRF_FIELD.search(answer.body)
        if answer.status != 200 or found is None or settings.CSRF_COOKIE_NAME not in answer.cookies:
            raise SystemExit(f"{member.email}: no registration form ({answer.status})")
        member.cookies[settings.CSRF_COOKIE_NAME] = answer.cookies[settings.CSRF_COOKIE_NAME]
        member.csrf_token = found.group(1)
        return answer

    return _fire("0: GET the page (CSRF token)", open_page, members, threads, "GET")


def _fire(
    label: str,
    send: Callable[[Member], Answer],
    members: list[Member],
    threads: int,
    method: str = "POST",
) -> Round:
    """Send for every member from `threads` threads at once; the wall time of all together."""
    with ThreadPoolExecutor(max_workers=threads) as pool:
        start = time.perf_counter()
        answers = list(pool.map(send, members))
        wall = time.perf_counter() - start
    return Round(label, answers, wall, method)


def register_all(
    base: str,
    event_pk: int,
    members: list[Member],
    threads: int,
    slots: "list[list[AgendaItem]] | None",
    label: str,
) -> Round:
    """Every member POSTs their registration at once; member i takes workshop i mod 4 of the
    first slot and (i + 1) mod 4 of the second (when workshops are given)."""
    url = f"{base}/veranstaltungen/{event_pk}/anmelden/"

    def register(member: Member) -> Answer:
        data = [("csrfmiddlewaretoken", member.csrf_token)]
        for offset, slot in enumerate(slots or []):
            chosen = slot[(member.index + offset) % len(slot)]
            data.append(("workshops", str(chosen.pk)))
        return request(url, member.cookies, data)

    return _fire(label, register, members, threads)


@dataclass(frozen=True)
class Booking:
    confirmed: int
    waiting: int
    fullest_workshop: int
    workshops: dict[str, int]

    def overbooked(self) -> bool:
        return self.confirmed > CONGRESS_PLACES or self.fullest_workshop > WORKSHOP_PLACES


def booking(event: "Event") -> Booking:
    """What the database holds after the rounds."""
    from django.db.models import Count, Q

    from engagiert.events.models import AgendaItem, Registration

    confirmed = Q(registrations__status=Registration.Status.CONFIRMED)
    taken = {
        item.title: item.taken
        for item in AgendaItem.objects.filter(event=event).annotate(
            taken=Count("registrations", filter=confirmed)
        )
    }
    states = Counter(Registration.objects.filter(event=event).values_list("status", flat=True))
    return Booking(
        confirmed=states[Registration.Status.CONFIRMED],
        waiting=states[Registration.Status.WAITING],
        fullest_workshop=max(taken.values()),
        workshops=taken,
    )


def print_rounds(rounds: list[Round]) -> None:
    print(
        f"{'round':<36}{'requests':>9}{'wall s':>8}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}  answers"
    )
    for run in rounds:
        seconds = [answer.seconds for answer in run.answers]
        cuts = statistics.quantiles(seconds, n=20, method="inclusive")
        outcomes = ", ".join(f"{count} {name}" for name, count in sorted(run.outcomes.items()))
        retried = sum(answer.retries for answer in run.answers)
        if retried:
            outcomes += f" ({retried} connection resets tried again)"
        print(
            f"{run.label:<36}{len(run.answers):>9}{run.wall:>8.2f}"
            f"{len(run.answers) / run.wall:>8.1f}{cuts[9] * 1e3:>8.0f}{cuts[18] * 1e3:>8.0f}"
            f"  {outcomes}"
        )


def http_registration(
    kind: str, url: str, label: str, members: list[Member], args: argparse.Namespace
) -> bool:
    """One congress, two rounds of concurrent registrations against `kind`; True when sound."""
    from django.db import connection

    event, slots = new_congress(f"{label}, {kind}")
    connection.close()  # the server's writers must not wait for this process
    with (
        tempfile.TemporaryDirectory(prefix="engagiert-bench-logs-") as logs,
        running_server(kind, url, args.workers, Path(logs)) as base,
    ):
        warm = fetch_csrf_tokens(base, event.pk, members, args.threads)
        first = register_all(
            base, event.pk, members, args.threads, slots, "1: one workshop per slot"
        )
        after_first = booking(event)
        connection.close()
        again = [m for m, a in zip(members, first.answers, strict=True) if _outcome(a) != "placed"]
        rounds = [warm, first]
        if again:
            rounds.append(
                register_all(base, event.pk, again, args.threads, None, "2: refused, no workshops")
            )
        server_errors = sum(run.outcomes["error"] for run in rounds)
        if server_errors:
            print(f"--- the end of the server's log ({kind}):")
            print(_log_tail(Path(logs) / f"{kind}.log"))
    final = booking(event)
    placed = sum(run.outcomes["placed"] for run in rounds[1:])
    server = f"gunicorn -w {args.workers}" if kind == "gunicorn" else "runserver (threads)"
    print(
        f"\n== {label}, {server}: {len(members)} members, {CONGRESS_PLACES} places, "
        f"{len(SLOTS) * WORKSHOPS_PER_SLOT} workshops of {WORKSHOP_PLACES} "
        f"({len(SLOTS)} slots of {WORKSHOPS_PER_SLOT}); {args.threads} client threads"
    )
    print_rounds(rounds)
    for run in rounds[1:]:
        for reason, count in reasons(run).most_common():
            print(f"  round {run.label[0]}, {count} x {reason}")
    print(
        f"after round 1: {after_first.confirmed} confirmed, {after_first.waiting} waiting; "
        f"in the end: {final.confirmed} confirmed, {final.waiting} waiting; "
        f"workshops: {', '.join(str(n) for n in final.workshops.values())}"
    )
    consistent = placed == final.confirmed + final.waiting
    sound = not final.overbooked() and not after_first.overbooked() and consistent
    print(
        f"check: zero overbooking: {'OK' if sound else 'FAILED'} – {final.confirmed} confirmed "
        f"of {CONGRESS_PLACES} places, fullest workshop {final.fullest_workshop} of "
        f"{WORKSHOP_PLACES}, {placed} placed answers = {final.confirmed + final.waiting} "
        f"registrations in the database, {server_errors} server errors"
    )
    return sound and not server_errors


def run_backend(url: str, label: str, args: argparse.Namespace) -> None:
    """In a fresh process: point Django at `url`, migrate, fill, measure, print."""
    django_setup(url)
    start = time.perf_counter()
    events, registrations = fill_calendar()
    seconds = time.perf_counter() - start
    pages = time_pages(PAGES, args.requests)
    print(
        f"\n== {label}: {events} events ({PAST_EVENTS} past), {registrations} registrations "
        f"(set up in {seconds:.1f} s); {args.requests} requests each"
    )
    print_pages(pages, width=42)

    members = members_with_sessions(args.members)
    servers = ["runserver"] + (["gunicorn"] if url.startswith("postgres") else [])
    sound = [http_registration(kind, url, label, members, args) for kind in servers]
    if not all(sound):
        raise SystemExit(1)


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=250, help="members registering at once")
    parser.add_argument("--threads", type=int, default=32, help="client threads")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (PostgreSQL)")
    common.main(__file__, parser, run_backend, BENCH_DATABASE)


if __name__ == "__main__":
    main()
