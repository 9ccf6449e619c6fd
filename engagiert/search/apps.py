from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "engagiert.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from engagiert.core.personal_data import personal_data_erased

        from . import indexing, services

        indexing.connect()
        # An erasure writes in bulk: no per-row signal tells the index what changed.
        personal_data_erased.connect(indexing.rebuild_after_erasure, dispatch_uid="search")
        post_migrate.connect(services.synonyms_seed, sender=self)
