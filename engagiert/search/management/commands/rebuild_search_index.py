from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from engagiert.search.indexing import rebuild


class Command(BaseCommand):
    help = "Rebuild the search index from the documents every app provides."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(_("%(count)d entries indexed.") % {"count": rebuild()})
