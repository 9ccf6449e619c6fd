from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from engagiert.core.backup import BackupError, backup_create, default_backup_name


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump or SQLite's online backup) and every uploaded file into "
        "one tar archive with a manifest of checksums; safe while the site runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path", nargs="?", type=Path, help="the new archive (default: engagiert-DATE.tar)"
        )

    def handle(self, *args: Any, path: Path | None, **options: Any) -> None:
        target = path or Path(default_backup_name())
        try:
            summary = backup_create(path=target)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Backup written to %(path)s: %(engine)s database, %(files)d files (%(mb).1f MB).")
                % {
                    "path": target,
                    "engine": summary.engine,
                    "files": summary.files,
                    "mb": summary.bytes / 1e6,
                }
            )
        )
