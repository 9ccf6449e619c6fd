import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, close_old_connections
from django.utils.translation import gettext as _

from engagiert.core.schedule import schedule_run_due


class Command(BaseCommand):
    help = (
        "Run the periodic jobs (outbox, news, reminders, housekeeping) when they are due; "
        "one such process in production, --once for a single round."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run what is due, then stop.")
        parser.add_argument(
            "--interval", type=float, default=10.0, help="Seconds between two rounds."
        )

    def handle(self, *args: Any, once: bool, interval: float, **options: Any) -> None:
        if once:
            self._round()
            return
        while True:
            close_old_connections()
            try:
                self._round()
            except DatabaseError as error:  # the database is away: try again next round
                self.stderr.write(str(error))
            time.sleep(interval)

    def _round(self) -> None:
        for run in schedule_run_due():
            if run.error:
                self.stderr.write(
                    _("Failed: %(job)s (%(error)s)") % {"job": run.job.label, "error": run.error}
                )
            else:
                self.stdout.write(_("Done: %(job)s") % {"job": run.job.label})
