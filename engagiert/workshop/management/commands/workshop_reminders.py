from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from engagiert.workshop.services import slot_reminders_send


class Command(BaseCommand):
    help = "Remind teams of consultation appointments in the next 24 hours (run hourly)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(_("%(count)d reminders queued.") % {"count": slot_reminders_send()})
