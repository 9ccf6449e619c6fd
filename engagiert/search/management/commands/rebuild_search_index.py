from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from engagiert.core.services import statistics_refresh
from engagiert.search.indexing import rebuild
from engagiert.search.models import SearchEntry


class Command(BaseCommand):
    help = "Rebuild the search index from the documents every app provides."

    def handle(self, *args: Any, **options: Any) -> None:
        count = rebuild()
        statistics_refresh(SearchEntry)
        self.stdout.write(_("%(count)d entries indexed.") % {"count": count})
