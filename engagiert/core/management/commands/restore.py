from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from engagiert.core.backup import BackupError, backup_restore, backup_verify


class Command(BaseCommand):
    help = (
        "Replace the database and the uploaded files with a backup made by `manage.py backup`. "
        "Every checksum is checked first: a damaged archive changes nothing. Stop the app "
        "servers, task workers and the schedule before restoring."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the archive")
        parser.add_argument(
            "--check", action="store_true", help="only check the archive, change nothing"
        )
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="do not ask first"
        )

    def handle(
        self, *args: Any, path: Path, check: bool, interactive: bool, **options: Any
    ) -> None:
        try:
            if check:
                manifest = backup_verify(path=path)
                self.stdout.write(
                    self.style.SUCCESS(
                        ngettext(
                            "The archive is complete: %(count)d entry, made %(created)s.",
                            "The archive is complete: %(count)d entries, made %(created)s.",
                            len(manifest["entries"]),
                        )
                        % {"count": len(manifest["entries"]), "created": manifest["created_at"]}
                    )
                )
                return
            if interactive:
                answer = input(
                    _("This replaces ALL data and files with the backup. Type »yes« to go on: ")
                )
                if answer.strip().lower() not in {"yes", "ja"}:
                    raise CommandError(_("Nothing was changed."))
            summary = backup_restore(path=path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Restored from %(path)s: %(engine)s database, %(files)d files.")
                % {"path": path, "engine": summary.engine, "files": summary.files}
            )
        )
