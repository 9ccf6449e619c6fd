"""The load test's visitors (run by bench/load_test.py, which prepares the data and the server).

A realistic mix, weighted by how often each happens: browsing the directory of authorities and
the events, searching, looking at an event and registering for it (GET for the form's CSRF
token, then POST), and checking a volunteer card's number. The event ids, authority keys and
card numbers to use come from the file named by LOAD_TEST_DATA (JSON), written by the runner;
LOAD_TEST_CERTIFICATE names the certificate of its nginx.
"""

import json
import os
import random
import re

from locust import HttpUser, between, task
from requests.adapters import HTTPAdapter

DATA = json.loads(open(os.environ["LOAD_TEST_DATA"], encoding="utf-8").read())  # noqa: SIM115
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
QUERIES = ["Ehrenamt", "Köln", "Engagementstrategie", "Jugend", "Sport", "Pflege", "Münster"]


class FromAddress(HTTPAdapter):
    """Connections from one local address (any 127.x.y.z is this machine's)."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args: object, **kwargs: object) -> None:
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)  # type: ignore[arg-type]


class Visitor(HttpUser):
    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        """Each visitor connects from an address of its own, which nginx passes on, so the
        per-address limits (search, public registration, card checks) count per visitor."""
        parts = random.randrange(1, 255), random.randrange(256), random.randrange(1, 255)
        address = "127.{}.{}.{}".format(*parts)
        self.client.mount("https://", FromAddress(address))
        self.client.mount("http://", FromAddress(address))
        # The certificate of the run's nginx (made by the runner), trusted by this visitor only.
        self.client.verify = os.environ.get("LOAD_TEST_CERTIFICATE", True)

    @task(6)
    def directory(self) -> None:
        self.client.get("/kommunen/", name="/kommunen/")

    @task(4)
    def authority(self) -> None:
        self.client.get(f"/kommunen/{random.choice(DATA['authorities'])}/", name="/kommunen/<ags>/")

    @task(5)
    def events(self) -> None:
        self.client.get("/veranstaltungen/", name="/veranstaltungen/")

    @task(3)
    def event(self) -> None:
        self.client.get(
            f"/veranstaltungen/{random.choice(DATA['events'])}/", name="/veranstaltungen/<pk>/"
        )

    @task(4)
    def search(self) -> None:
        self.client.get("/suche/", params={"q": random.choice(QUERIES)}, name="/suche/?q=")

    @task(1)
    def register(self) -> None:
        event = random.choice(DATA["events"])
        page = self.client.get(f"/veranstaltungen/{event}/", name="/veranstaltungen/<pk>/")
        token = CSRF_FIELD.search(page.text)
        if token is None:  # registration closed for this event: nothing to post
            return
        number = random.randrange(10**9)
        with self.client.post(
            f"/veranstaltungen/{event}/anmelden/",
            data={
                "csrfmiddlewaretoken": token.group(1),
                "name": f"Last Test {number}",
                "email": f"last{number}@example.org",
            },
            headers={"Referer": f"{self.host}/veranstaltungen/{event}/"},
            name="POST /veranstaltungen/<pk>/anmelden/",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 302:  # registered (or wait-listed): back to the event
                answer.failure(f"not registered: {answer.status_code}")

    @task(2)
    def card_check(self) -> None:
        page = self.client.get("/ehrenamtskarte/pruefen/", name="/ehrenamtskarte/pruefen/")
        token = CSRF_FIELD.search(page.text)
        if token is None:
            return
        self.client.post(
            "/ehrenamtskarte/pruefen/",
            data={"csrfmiddlewaretoken": token.group(1), "number": random.choice(DATA["cards"])},
            headers={"Referer": f"{self.host}/ehrenamtskarte/pruefen/"},
            name="POST /ehrenamtskarte/pruefen/",
        )
