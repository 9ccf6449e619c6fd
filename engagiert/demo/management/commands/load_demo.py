from typing import Any

import pyotp
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from engagiert.core.audit import audit_actor
from engagiert.core.services import statistics_refresh
from engagiert.demo.data import DEMO_PASSWORD, DEMO_TOTP_SECRET
from engagiert.demo.services import demo_load
from engagiert.registry.models import Authority


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print the demo logins."

    def handle(self, *args: Any, **options: Any) -> None:
        if not Authority.objects.exists():
            raise CommandError(_("Import the registry first: manage.py import_registry PATH"))
        with audit_actor("load_demo"):
            logins = demo_load()
        statistics_refresh()
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo logins (password for all: %(password)s)") % {"password": DEMO_PASSWORD}
            )
        )
        width = max(len(login.email) for login in logins)
        for login in logins:
            self.stdout.write(f"  {login.email.ljust(width)}  {login.role} ({login.name})")
        self.stdout.write("")
        self.stdout.write(
            _(
                "Network office and card staff log in with a second factor: add the key "
                "%(secret)s to an authenticator app, or enter the code now: %(code)s "
                "(a new one with »make code«)"
            )
            % {"secret": DEMO_TOTP_SECRET, "code": pyotp.TOTP(DEMO_TOTP_SECRET).now()}
        )
        self.stdout.write("")
