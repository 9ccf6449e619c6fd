"""Writes of the search app: the synonym list kept by the network office, and rebuilding the
index in the background."""

from typing import Any

from engagiert.core.logs import enqueue_on_commit
from engagiert.core.services import model_create, model_delete

from .models import Synonym
from .tasks import index_rebuild

#: Pairs that German public administration uses for the same thing, given to a new
#: installation (the office edits and extends them; they are never put back once deleted).
SEEDED_SYNONYMS = [
    "Ehrenamt, freiwilliges Engagement, bürgerschaftliches Engagement",
    "Ehrenamtliche, Freiwillige",
    "Flüchtlinge, Geflüchtete, Asylsuchende",
    "Quartier, Stadtteil, Viertel",
    "Senioren, Ältere, ältere Menschen",
    "Jugendliche, junge Menschen",
    "Kommune, Gemeinde",
    "Verein, Initiative",
    "Unternehmensengagement, Corporate Volunteering",
    "Freiwilligenagentur, Ehrenamtsbörse",
    "Anerkennung, Wertschätzung",
    "Beteiligung, Partizipation",
]


def synonym_create(*, data: dict[str, Any]) -> Synonym:
    return model_create(instance=Synonym(words=data["words"]), data=data)


def synonym_delete(*, synonym: Synonym) -> None:
    model_delete(instance=synonym)


def synonyms_seed(sender: Any = None, **kwargs: Any) -> None:
    """Give a new installation its first synonym list (a `post_migrate` receiver)."""
    if Synonym.objects.exists():
        return
    Synonym.objects.bulk_create([Synonym(words=words) for words in SEEDED_SYNONYMS])


def rebuild_enqueue() -> None:
    """Rebuild the whole index in the background (`manage.py db_worker` runs it)."""
    enqueue_on_commit(index_rebuild)
