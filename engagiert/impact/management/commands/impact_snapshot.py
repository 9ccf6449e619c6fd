"""Compute and freeze the automatic impact indicators of one year (default: last year)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from engagiert.core.audit import audit_actor
from engagiert.impact.services import snapshot_take


class Command(BaseCommand):
    help = "Compute and freeze the automatic impact indicators of a year (default: last year)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, default=timezone.localdate().year - 1)

    def handle(self, *args: Any, year: int, **options: Any) -> None:
        try:
            with audit_actor("impact_snapshot"):
                snapshot = snapshot_take(year=year)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"{snapshot.year}: {snapshot.value_count} values frozen")
