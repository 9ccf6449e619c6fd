from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from engagiert.mailings.digest import digest_send
from engagiert.mailings.models import NotificationPreference


class Command(BaseCommand):
    help = "Queue the news mails: --frequency now (run hourly) or digest (run weekly)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--frequency", choices=["now", "digest"], default="digest")

    def handle(self, *args: Any, frequency: str, **options: Any) -> None:
        queued = digest_send(frequency=frequency)
        label = NotificationPreference.Frequency(frequency).label
        self.stdout.write(
            _("%(count)d news mails queued (%(how)s).") % {"count": queued, "how": label}
        )
