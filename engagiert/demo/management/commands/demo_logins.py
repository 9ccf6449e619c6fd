"""The demo logins again (`make logins`); `make run` prints them once the server answers, after
the start-up lines, so that they do not scroll away."""

import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from typing import Any

import pyotp
from django.core.management.base import BaseCommand, CommandError, OutputWrapper
from django.core.management.color import Style
from django.utils.translation import gettext as _

from engagiert.demo.data import DEMO_PASSWORD, DEMO_TOTP_SECRET
from engagiert.demo.queries import demo_logins
from engagiert.demo.services import DemoLogin


def write_logins(stdout: OutputWrapper, style: Style, logins: Sequence[DemoLogin]) -> None:
    """The logins, their password and the current second-factor code, framed by blank lines."""
    stdout.write("")
    stdout.write(
        style.SUCCESS(
            _("Demo logins (password for all: %(password)s)") % {"password": DEMO_PASSWORD}
        )
    )
    width = max(len(login.email) for login in logins)
    for login in logins:
        stdout.write(f"  {login.email.ljust(width)}  {login.role} ({login.name})")
    stdout.write("")
    stdout.write(
        _(
            "Network office and card staff log in with a second factor: add the key "
            "%(secret)s to an authenticator app, or enter the code now: %(code)s "
            "(a new one with »make code«)"
        )
        % {"secret": DEMO_TOTP_SECRET, "code": pyotp.TOTP(DEMO_TOTP_SECRET).now()}
    )
    stdout.write("")


class Command(BaseCommand):
    help = "Print the demo logins (after load_demo); --wait URL: once the server there answers."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--wait", metavar="URL", help="wait until the server at URL answers")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["wait"]:
            self._wait_for(options["wait"])
        logins = demo_logins()
        if not logins:
            raise CommandError(_("There are no demo logins: load them with manage.py load_demo."))
        write_logins(self.stdout, self.style, logins)
        if options["wait"]:
            self.stdout.write(
                self.style.SUCCESS(_("engagiert is ready: %(url)s") % {"url": options["wait"]})
            )

    def _wait_for(self, url: str, seconds: int = 120) -> None:
        """Until the server's health check answers (the migrations and imports are done)."""
        health = url.rstrip("/") + "/healthz"
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(health, timeout=2):  # noqa: S310 (our own server)
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(0.5)
        raise CommandError(_("%(url)s did not answer.") % {"url": url})
