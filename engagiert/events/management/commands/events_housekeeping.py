from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from engagiert.core.audit import audit_actor
from engagiert.events.services import registration_needs_purge


class Command(BaseCommand):
    help = "Delete accessibility and dietary needs of past events (run daily, e.g. by cron)."

    def handle(self, *args: Any, **options: Any) -> None:
        with audit_actor("events_housekeeping"):
            count = registration_needs_purge()
        self.stdout.write(
            _("Needs deleted from %(count)d registrations of past events.") % {"count": count}
        )
