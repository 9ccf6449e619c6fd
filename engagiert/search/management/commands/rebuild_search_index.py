from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from engagiert.search import services
from engagiert.search.indexing import rebuild


class Command(BaseCommand):
    help = "Rebuild the search index from the documents every app provides."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--background",
            action="store_true",
            help="Leave the rebuild to the task worker (manage.py db_worker).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["background"]:
            services.rebuild_enqueue()
            self.stdout.write(_("The search index is rebuilt in the background."))
            return

        def progress(done: int, total: int) -> None:
            self.stdout.write(
                _("%(done)d of %(total)d objects read.") % {"done": done, "total": total}
            )

        count = rebuild(progress=progress)
        self.stdout.write(
            ngettext("%(count)d entry indexed.", "%(count)d entries indexed.", count)
            % {"count": count}
        )
