from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from engagiert.core.audit import audit_actor
from engagiert.registry.services import RegistryImportError, registry_import_file


class Command(BaseCommand):
    help = "Import the official list of local authorities (CSV); idempotent, all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path", type=Path, help="CSV file, e.g. engagiert/registry/data/nrw_kommunen.csv"
        )

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        try:
            with audit_actor("import_registry"):
                result = registry_import_file(path=path)
        except RegistryImportError as error:
            raise CommandError(
                _("Nothing was imported. Please correct the file:")
                + "\n  "
                + "\n  ".join(error.problems)
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Registry imported from %(file)s: %(total)d authorities, %(created)d new, "
                    "%(updated)d updated, %(unchanged)d unchanged."
                )
                % {
                    "file": path.name,
                    "total": result.total,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                }
            )
        )
