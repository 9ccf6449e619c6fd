from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from engagiert.core.audit import audit_actor
from engagiert.core.services import statistics_refresh
from engagiert.demo.management.commands.demo_logins import write_logins
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
        write_logins(self.stdout, self.style, logins)
