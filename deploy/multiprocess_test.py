"""The production layout at work: nginx in front of two gunicorn app servers, two task
workers, PostgreSQL and Redis, all on 127.0.0.1, driven by real traffic through nginx.

    .venv/bin/python deploy/multiprocess_test.py        (or: make multiprocess)

Needs nginx (Debian's package), openssl, redis-server and a PostgreSQL server that accepts
`--postgres` (default postgres://postgres@127.0.0.1:5432/postgres) for creating and dropping a
fresh database (named from `--database-prefix`, the process id and a random part). Starts the
layout of deploy/layout.py (its own Redis, nginx with the shipped site file
deploy/nginx/engagiert.conf with certificate, paths and ports replaced, two app servers, two
task workers) and an SMTP sink (aiosmtpd) on six ports from `--port-base` on, and proves:

1. static files come from nginx; logins and sessions work whichever app server answers;
2. the failed-login lockout holds across app servers (the counters are shared in Redis);
3. concurrent event registrations and shift sign-ups through both servers never overbook;
4. a PDF uploaded through one app server is served by the other;
5. a mailing to 5,000 recipients sent by two workers reaches every recipient exactly once
   while one worker is killed (SIGKILL) and restarted and the SMTP server goes away for a
   while.

It stops only the processes it started, drops its database, removes its files, ends after
`--timeout` seconds at the latest and exits non-zero on any failure.
"""

import argparse
import asyncio
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from layout import PORTS, PYTHON, ROOT, Failure, Layout, check, port_open, say, wait_for

PASSWORD = "Mehrprozess-Test-2026"
RECIPIENTS = 5000
PEOPLE = 24
EVENT_CAPACITY = 10
SHIFT_NEEDED = 5
MAILING_DOMAIN = "@kommune.example"
PDF = b"%PDF-1.4\n% Engagementstrategie, hochgeladen ueber einen Server\n%%EOF\n"


# --- Django side: seeding and reading facts (run in a subprocess with the layout's settings) ---


def django_command(command: str, argument: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagiert.settings")
    import django

    django.setup()
    facts = {"seed": seed, "release": release, "facts": facts_now, "expire": expire_leases}[
        command
    ](argument)
    print(json.dumps(facts))


def seed(_argument: str) -> dict[str, Any]:
    """People with a password, an event and a shift with few places, an engagement officer of
    a member authority, and 5,000 contact persons of member authorities for the mailing."""

    from django.contrib.auth.hashers import make_password

    from engagiert.accounts.models import Role, User
    from engagiert.accounts.services import role_grant
    from engagiert.audiences.models import Segment
    from engagiert.demo.scale import member_network
    from engagiert.events.tests.factories import EventFactory
    from engagiert.mailings.models import Mailing
    from engagiert.opportunities.tests.shift_factories import ShiftFactory

    hashed = make_password(PASSWORD)
    User.objects.bulk_create(
        User(
            email=f"person{n}@mehrprozess.example",
            first_name="Person",
            last_name=str(n),
            password=hashed,
        )
        for n in range(PEOPLE + 2)
    )
    event = EventFactory.create(capacity=EVENT_CAPACITY, is_public=True)
    shift = ShiftFactory.create(needed=SHIFT_NEEDED)

    authorities = member_network(RECIPIENTS, each=20, domain=MAILING_DOMAIN)
    officer = User.objects.create_user(email="beauftragte@mehrprozess.example", password=PASSWORD)
    role_grant(user=officer, role=Role.OFFICER, authority=authorities[0])
    segment = Segment.objects.create(name="Alle Mitglieder", kind=Segment.Kind.MEMBER_CONTACTS)
    mailing = Mailing.objects.create(
        subject="Einladung zum Netzwerktreffen",
        body="Liebe Kolleginnen und Kollegen,\n\nwir laden Sie herzlich ein.\n\nIhr Netzwerkbüro",
        segment=segment,
    )
    return {
        "event": event.pk,
        "shift": shift.pk,
        "officer_ags": authorities[0].ags,
        "mailing": mailing.pk,
    }


def release(mailing_pk: str) -> dict[str, Any]:
    """Release the mailing as the office does, and ask for a second dispatch (as the schedule
    does every minute) so that both workers take part."""
    from engagiert.accounts.models import User
    from engagiert.core.tasks import dispatch_outbox
    from engagiert.mailings.models import Mailing
    from engagiert.mailings.services import mailing_release

    office = User.objects.create_user(email="buero@mehrprozess.example", password=None)
    mailing = mailing_release(mailing=Mailing.objects.get(pk=mailing_pk), user=office)
    dispatch_outbox.enqueue()
    return {"batch": mailing.batch}


def facts_now(batch: str) -> dict[str, Any]:
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from engagiert.core.models import OutboundMail
    from engagiert.events.models import Registration
    from engagiert.membership.models import StrategyDocument
    from engagiert.opportunities.models import ShiftSignup

    def counts(queryset: Any) -> dict[str, int]:
        return dict(queryset.values_list("status").annotate(n=Count("pk")).order_by())

    return {
        "registrations": counts(Registration.objects.all()),
        "signups": counts(ShiftSignup.objects.all()),
        "outbox": counts(OutboundMail.objects.filter(batch=batch)) if batch else {},
        "document": StrategyDocument.objects.order_by("-pk").values_list("pk", flat=True).first(),
        "workers": sorted(
            {w for ids in DBTaskResult.objects.values_list("worker_ids", flat=True) for w in ids}
        ),
    }


def expire_leases(batch: str) -> dict[str, Any]:
    """Let the outbox's lease of the killed worker's claimed messages run out now instead of in
    ten minutes (only rows still `sending` while no live worker sends: the SMTP server was
    away and every live worker put its messages back)."""
    import datetime

    from django.db.models import F

    from engagiert.core.models import OutboundMail

    stranded = OutboundMail.objects.filter(batch=batch, status=OutboundMail.Status.SENDING)
    count = stranded.update(claimed_at=F("claimed_at") - datetime.timedelta(days=1))
    return {"expired": count}


# --- The database and the Django side, run in subprocesses with the layout's settings ---


class Database:
    """A fresh PostgreSQL database of this run, created and dropped through the admin URL."""

    def __init__(self, admin_url: str, prefix: str) -> None:
        self.admin_url = admin_url
        self.name = f"{prefix}_{os.getpid()}_{secrets.token_hex(3)}"
        self.url = admin_url.rsplit("/", 1)[0] + "/" + self.name
        self.created = False

    def psql(self, sql: str) -> None:
        subprocess.run(
            ["psql", self.admin_url, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql],
            check=True,
            capture_output=True,
        )

    def create(self) -> None:
        self.psql(f'CREATE DATABASE "{self.name}"')
        self.created = True

    def drop(self) -> None:
        if self.created:
            self.psql(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def django(layout: Layout, command: str, argument: str = "") -> dict[str, Any]:
    result = subprocess.run(
        [PYTHON, __file__, "--django", command, argument],
        cwd=ROOT,
        env=layout.env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise Failure(f"{command} failed:\n{result.stderr[-3000:]}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


# --- The SMTP sink ---


class Sink:
    """Counts the accepted messages of the mailing (to MAILING_DOMAIN; the confirmations of
    registrations pass too) by recipient and Message-ID. `hold` keeps each new transaction
    waiting at MAIL FROM, so that a worker can be killed at a known point."""

    def __init__(self) -> None:
        self.recipients: Counter[str] = Counter()
        self.message_ids: Counter[str] = Counter()
        self.hold = threading.Event()
        self.held = 0
        self.lock = threading.Lock()

    @property
    def accepted(self) -> int:
        with self.lock:
            return sum(self.message_ids.values())

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str,  # noqa: N802
                          options: list[str]) -> str:  # fmt: skip
        if self.hold.is_set():
            self.held += 1
            try:
                while self.hold.is_set():
                    await asyncio.sleep(0.02)
            finally:
                self.held -= 1
        envelope.mail_from = address
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        found = re.search(rb"^Message-ID:\s*(\S+)", envelope.original_content, re.M | re.I)
        recipients = [a.lower() for a in envelope.rcpt_tos if a.endswith(MAILING_DOMAIN)]
        if recipients:
            with self.lock:
                self.recipients.update(recipients)
                self.message_ids[found.group(1).decode() if found else "(none)"] += 1
        return "250 Message accepted for delivery"


def smtp_server(sink: Sink, port: int) -> Any:
    from aiosmtpd.controller import Controller

    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    return controller


# --- Clients ---


class Client:
    """One browser: its own cookies, https through nginx; remembers which server answered."""

    def __init__(self, layout: Layout) -> None:
        import requests

        self.base = layout.url
        self.session = requests.Session()
        # This run's certificate only, whatever REQUESTS_CA_BUNDLE or a proxy variable says.
        self.session.trust_env = False
        self.session.verify = str(layout.work / "cert.pem")
        self.servers: list[str] = []

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        headers = {"Referer": self.base + path} if method == "POST" else {}
        response = self.session.request(
            method, self.base + path, allow_redirects=False, timeout=60, headers=headers, **kwargs
        )
        if "X-Upstream" in response.headers:
            self.servers.append(response.headers["X-Upstream"])
        return response

    def token(self, path: str) -> str:
        page = self.request("GET", path)
        check(page.status_code == 200, f"GET {path} answered {page.status_code}")
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        check(found is not None, f"no CSRF token on {path}")
        assert found is not None
        return found.group(1)

    def post(self, path: str, data: dict[str, Any], form: str | None = None, **kwargs: Any) -> Any:
        data = {**data, "csrfmiddlewaretoken": self.token(form or path)}
        return self.request("POST", path, data=data, **kwargs)

    def log_in(self, email: str, password: str = PASSWORD) -> Any:
        return self.post("/konto/anmelden/", {"username": email, "password": password})


def person(n: int) -> str:
    return f"person{n}@mehrprozess.example"


def all_at_once(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls in threads that start together (a barrier), return their results."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], Any]) -> Any:
        barrier.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


# --- The proofs ---


def prove_static_and_sessions(layout: Layout) -> str:
    import requests

    plain = requests.Session()
    plain.trust_env = False
    redirect = plain.get(f"http://127.0.0.1:{layout.http}/", allow_redirects=False, timeout=10)
    check(redirect.status_code == 301, f"http answered {redirect.status_code}, not a redirect")
    check(redirect.headers["Location"].startswith("https://"), "http does not lead to https")
    client = Client(layout)
    home = client.request("GET", "/")
    check(home.status_code == 200, f"/ answered {home.status_code}")
    found = re.search(r"/static/vendor/kern/kern\.min\.[0-9a-f]+\.css", home.text)
    check(found is not None, "the home page links no fingerprinted stylesheet")
    assert found is not None
    css = client.request("GET", found.group(0))
    check(css.status_code == 200 and "X-Upstream" not in css.headers, "static not from nginx")
    check("immutable" in css.headers.get("Cache-Control", ""), "static files are not cached")

    login = client.log_in(person(0))
    check(login.status_code == 302, f"login answered {login.status_code}")
    client.servers.clear()
    for _ in range(8):
        page = client.request("GET", "/konto/")
        check(page.status_code == 200, f"/konto/ answered {page.status_code} after login")
    servers = set(client.servers)
    check(len(servers) == 2, f"the logged-in pages came from {servers}, not both servers")
    return (
        "static files from nginx (fingerprinted, immutable); http leads to https; one login, "
        f"8 pages logged in, answered by both servers {sorted(servers)}"
    )


def prove_lockout(layout: Layout) -> str:
    client = Client(layout)
    for _ in range(5):
        refused = client.log_in(person(1), "falsch-falsch-falsch")
        check(refused.status_code == 200, "a wrong password was not refused")
    failing_servers = set(client.servers)
    client.servers.clear()
    for _ in range(2):
        blocked = client.log_in(person(1))
        check(blocked.status_code == 200, "the right password got in after five failures")
        check("Zu viele Fehlversuche" in blocked.text, "no lockout message")
    check(len(set(client.servers)) == 2, "the locked-out logins did not reach both servers")
    other = Client(layout).log_in(person(2))
    check(other.status_code == 302, "another account was locked out too")
    return (
        f"5 failed logins over {len(failing_servers)} servers lock the account on both "
        "(right password refused twice, once per server); another account still logs in"
    )


def prove_no_overbooking(layout: Layout, facts: dict[str, Any]) -> str:
    clients = [Client(layout) for _ in range(PEOPLE)]
    with ThreadPoolExecutor(6) as pool:
        logins = list(pool.map(lambda n: clients[n].log_in(person(n + 2)), range(PEOPLE)))
    check(all(r.status_code == 302 for r in logins), "not every person could log in")
    event_path = f"/veranstaltungen/{facts['event']}/"
    shift_path = f"/mitmachen/aktionen/schichten/{facts['shift']}/eintragen/"
    tokens = [c.token(event_path) for c in clients]
    for c in clients:
        c.servers.clear()

    def register(n: int) -> Callable[[], Any]:
        data = {"csrfmiddlewaretoken": tokens[n], "name": f"Person {n}", "email": person(n + 2)}
        return lambda: clients[n].request("POST", event_path + "anmelden/", data=data)

    answers = all_at_once([register(n) for n in range(PEOPLE)])
    check(all(a.status_code == 302 for a in answers), f"registrations answered "
          f"{Counter(a.status_code for a in answers)}")  # fmt: skip
    registration_servers = {s for c in clients for s in c.servers}
    tokens = [c.token(shift_path) for c in clients]

    def sign_up(n: int) -> Callable[[], Any]:
        data = {"csrfmiddlewaretoken": tokens[n], "name": f"Person {n}", "email": person(n + 2)}
        return lambda: clients[n].request("POST", shift_path, data=data)

    answers = all_at_once([sign_up(n) for n in range(PEOPLE)])
    statuses = Counter(a.status_code for a in answers)
    now = django(layout, "facts")
    registrations, signups = now["registrations"], now["signups"]
    check(registrations.get("confirmed") == EVENT_CAPACITY, f"event places: {registrations}")
    check(sum(registrations.values()) == PEOPLE, f"registrations lost: {registrations}")
    check(signups.get("confirmed") == SHIFT_NEEDED, f"shift places: {signups} ({statuses})")
    check(len(registration_servers) == 2, "registrations did not go to both servers")
    return (
        f"{PEOPLE} people at once, through both servers: event with {EVENT_CAPACITY} places -> "
        f"{registrations}; shift for {SHIFT_NEEDED} -> {signups} (answers {dict(statuses)})"
    )


def prove_shared_media(layout: Layout, facts: dict[str, Any]) -> str:
    uploader = Client(layout)
    check(uploader.log_in("beauftragte@mehrprozess.example").status_code == 302, "officer login")
    path = f"/netzwerk/{facts['officer_ags']}/dokumente/neu/"
    uploader.servers.clear()
    answer = uploader.post(
        path,
        {"title": "Engagementstrategie", "is_public": "on"},
        files={"file": ("strategie.pdf", PDF, "application/pdf")},
    )
    check(answer.status_code == 302, f"the upload answered {answer.status_code}")
    upload_server = uploader.servers[-1]
    document = django(layout, "facts")["document"]
    reader = Client(layout)
    download = f"/netzwerk/{facts['officer_ags']}/dokumente/{document}/"
    for _ in range(4):
        got = reader.request("GET", download)
        check(got.status_code == 200 and got.content == PDF, "the file did not come back whole")
    others = set(reader.servers) - {upload_server}
    check(bool(others), "the download never reached the other server")
    return f"PDF uploaded through {upload_server}, served identically by {sorted(others)} as well"


def prove_mailing(layout: Layout, facts: dict[str, Any], sink: Sink, smtp: list[Any]) -> str:
    started = time.monotonic()
    batch = django(layout, "release", str(facts["mailing"]))["batch"]
    wait_for("first 1,000 messages", lambda: sink.accepted >= 1000, 60, layout)

    # Kill a worker at a known point: every worker waits for the server's answer to MAIL FROM,
    # so each message the server accepted has been recorded as sent.
    sink.hold.set()
    wait_for("both workers waiting at the server", lambda: sink.held >= 2, 20, layout)
    at_kill = sink.accepted
    process = layout.processes["worker-1"]
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    del layout.processes["worker-1"]
    layout.worker("worker-1b")

    # The SMTP server goes away (the held transaction of the live worker is cut), for a while.
    smtp[0].stop()
    sink.hold.clear()
    time.sleep(6)
    check(not port_open(layout.smtp_port), "the SMTP server did not go away")
    smtp[0] = smtp_server(sink, layout.smtp_port)
    # The killed worker's claimed messages wait for the outbox's ten-minute lease; let it end.
    expired = django(layout, "expire", batch)["expired"]

    wait_for("every message", lambda: sink.accepted >= RECIPIENTS, 240, layout)
    time.sleep(2)  # anything sent twice would arrive now
    wanted = {f"kontakt{n:05d}{MAILING_DOMAIN}" for n in range(RECIPIENTS)}
    twice = {address: n for address, n in sink.recipients.items() if n > 1}
    missing, strangers = wanted - set(sink.recipients), set(sink.recipients) - wanted
    check(not missing, f"{len(missing)} recipients never got the mail")
    check(not strangers, f"{len(strangers)} addresses outside the mailing got it")
    check(not twice, f"{len(twice)} recipients got the mail more than once: {list(twice)[:5]}")
    check(len(sink.message_ids) == RECIPIENTS and max(sink.message_ids.values()) == 1,
          "a Message-ID arrived twice")  # fmt: skip
    final = django(layout, "facts", batch)
    # Every message of the batch sent (the engagement officer of a member is a recipient too).
    check(set(final["outbox"]) == {"sent"}, f"the outbox says {final['outbox']}")
    seconds = time.monotonic() - started
    return (
        f"{RECIPIENTS} recipients, each exactly once ({len(sink.message_ids)} distinct "
        f"Message-IDs) in {seconds:.0f} s; worker killed with SIGKILL after {at_kill} and "
        f"restarted, SMTP server away for 6 s, {expired} messages of the killed worker taken "
        f"over after its lease; task workers seen: {len(final['workers'])}"
    )


def run(args: argparse.Namespace, work: Path) -> list[str]:
    database = Database(args.postgres, args.database_prefix)
    layout = Layout(
        work,
        port_base=args.port_base,
        database_url=database.url,
        # Many failures come from the one test address; the per-account limit stays 5.
        env={"LOGIN_ADDRESS_FAILURE_LIMIT": "1000"},
    )
    proved: list[str] = []
    sink = Sink()
    smtp: list[Any] = []
    try:
        say(f"database {database.name}, ports {args.port_base}-{args.port_base + PORTS - 1}")
        layout.ports_free()
        database.create()
        layout.start_redis()
        collect = layout.collect_static()
        layout.manage("migrate", "--no-input")
        facts = django(layout, "seed")
        check(collect.wait() == 0, "collectstatic failed")
        say("database migrated and seeded, static files collected")

        smtp.append(smtp_server(sink, layout.smtp_port))
        layout.serve(workers=2)
        say("nginx, 2 app servers, 2 task workers, Redis and the SMTP sink are up")

        for proof in (
            lambda: prove_static_and_sessions(layout),
            lambda: prove_lockout(layout),
            lambda: prove_no_overbooking(layout, facts),
            lambda: prove_shared_media(layout, facts),
            lambda: prove_mailing(layout, facts, sink, smtp),
        ):
            proved.append(proof())
            say("ok  " + proved[-1])
        layout.alive()
    finally:
        if smtp:
            smtp[0].stop()
        layout.cleanup()
        database.drop()
    return proved


@contextlib.contextmanager
def deadline(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: Any) -> None:
        raise Failure(f"not done within {seconds} s")

    signal.signal(signal.SIGALRM, expire)
    signal.signal(signal.SIGTERM, lambda signum, frame: expire(signum, frame))
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--django":
        django_command(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "")
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--port-base", type=int, default=8160)
    parser.add_argument(
        "--database-prefix", default="eng_prod_mp", help="the database's name begins with this"
    )
    parser.add_argument("--timeout", type=int, default=420, help="seconds (hard limit)")
    parser.add_argument("--keep", action="store_true", help="keep the logs' directory")
    args = parser.parse_args()
    for program in ("nginx", "openssl", "redis-server", "psql"):
        if shutil.which(program) is None:
            print(f"FAIL: {program} is not installed", file=sys.stderr)
            return 2
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="engagiert-multiprocess-"))
    try:
        with deadline(args.timeout):
            proved = run(args, work)
    except Failure as failure:
        print(f"\nFAIL: {failure}\n(logs in {work})", file=sys.stderr)
        return 1
    else:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\nProved in {time.monotonic() - started:.0f} s:")
    for line in proved:
        print(f"  - {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
