"""Background tasks of the search app (run by `manage.py db_worker`)."""

from django.core.cache import cache
from django_tasks import task

from engagiert.core.logs import carries_request_id

from . import indexing

#: Where the background rebuild leaves its progress for the office page: (done, total).
PROGRESS = "search:rebuild-progress"


def progress() -> tuple[int, int] | None:
    """How far a running rebuild is (None: none is running)."""
    return cache.get(PROGRESS)


@task()
@carries_request_id
def index_rebuild() -> None:
    """Rebuild the whole search index (after an import, or to repair it)."""
    cache.set(PROGRESS, (0, 0), timeout=3600)
    try:
        indexing.rebuild(progress=lambda done, total: cache.set(PROGRESS, (done, total), 3600))
    finally:
        cache.delete(PROGRESS)
