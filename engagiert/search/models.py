"""The search index: one entry per searchable object, its text already analysed for German
(analysis.py) and held in the database's full-text index (fts.py). The index is derived data,
built from the documents the apps provide (`core.extensions.search_providers`);
`rebuild_search_index` builds it anew."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One searchable object, its German-normalised terms and its facets.

    `kind` is the kind of its provider ("knowledge", "event" …), `subkind` a finer kind the
    provider names (a practice example, a recommendation …) or the kind itself."""

    kind = models.CharField(max_length=20)
    key = models.CharField(max_length=60, unique=True)
    title = models.CharField(max_length=300)
    text = models.TextField()
    url = models.CharField(max_length=300)
    members_only = models.BooleanField(default=False)  # no index: most entries are public
    title_terms = models.TextField()
    terms = models.TextField()
    subkind = models.CharField(max_length=40, blank=True)
    topics = models.TextField(blank=True)
    authority_kind = models.CharField(max_length=20, blank=True)
    region = models.CharField(max_length=100, blank=True, db_index=True)  # the filter's list
    year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search index")

    def __str__(self) -> str:
        return self.title


class SearchTerm(models.Model):
    """The vocabulary of the index, for suggesting the right spelling of a mistyped word: a
    term, a word that gave it (shown in »Meinten Sie …?«), how many entries hold it (a term no
    entry holds any longer is dropped) and how many public ones (the public is never offered a
    word only members-only entries hold)."""

    term = models.CharField(max_length=100, unique=True)
    word = models.CharField(max_length=100, blank=True)
    entries = models.IntegerField(default=0)
    public_entries = models.IntegerField(default=0)

    def __str__(self) -> str:
        return self.term


class Synonym(models.Model):
    """Words and phrases the network office declares equivalent in a search: a search for
    one of them also finds the others (»Ehrenamt«, »freiwilliges Engagement«)."""

    words = models.CharField(
        _("words of the same meaning"),
        max_length=300,
        unique=True,
        help_text=_("Separated by commas, e.g. »Ehrenamt, freiwilliges Engagement«."),
    )

    class Meta:
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")
        ordering = ["words"]

    def __str__(self) -> str:
        return self.words

    @property
    def members(self) -> list[str]:
        return [w.strip() for w in self.words.split(",") if w.strip()]
