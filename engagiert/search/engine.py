"""German full-text search over the documents every app provides (knowledge items, questions,
authorities with their network profile, events with their programme, partner organisations).

Matching is the databases' own full-text index (fts.py: FTS5 on SQLite, a tsvector with a GIN
index on PostgreSQL), fed on both with the same German terms (analysis.py: folded, stop words
dropped, Snowball stems, compounds with their parts). A query word matches whole terms only:
»Strategie« finds »Engagementstrategie« through its indexed part, »Lünen« finds Lünen and not
every word containing »lun«. Words in quotes are a phrase.

A query word is matched by its stem; a compound also by all of its parts (»Flüchtlingshilfe«
finds »Hilfe für Flüchtlinge«); a word or phrase of a synonym group the office keeps
(models.Synonym) also by the others. Every word must match; when no entry holds all of them
the search falls back to most of them (all but one, then fewer, never below half), and then to
single parts of compounds, instead of finding nothing. A word the index does not know offers
»Meinten Sie …?« with the closest indexed word; when nothing at all is found, the hits of the
corrected query are shown, saying so. A word the index knows is never corrected.

Ranking, best first:
1. an entry whose whole title is the query (the city of Köln before everything mentioning it);
2. the engine's relevance — BM25 on SQLite (FTS5's bm25() with field weights title 10, topics
   4, parts of the text's compounds 2, text 1; the parts of the title's compounds count as
   title), ts_rank_cd on PostgreSQL (weights A title, B topics, C parts, D text) — times a
   small bonus for recent entries (up to +20 % for this year, nothing for entries ten years
   old or undated);
3. the newer entry (never the alphabet).
A query matching more than HIT_LIMIT (1,000) entries — a word in thousands of them, where
scoring every match would cost the engines 50–350 ms at 50,000 entries — is put in order
without scoring: the entry whose whole title is the query, then the entries with the query in
their title or topics, then the others, each newest first (undated last). The count then reads
»Mehr als 1.000 Treffer«, the facets count the first 1,000 and only those can be paged
through; a narrower query or a filter is ranked again (the filter asks the engine anew, so
that it finds its hits beyond the first of all). Both backends give such a query the same
order.
Per level one statement asks for the matches in the head (title and topics), one for the
others (only while at most 1,000 were found), each in that order and for at most HIT_LIMIT +
1; when they are all, one more statement ranks them inside the engine (LIMIT HIT_LIMIT + 1).
Each returns the hits' ids and facet columns: the hit count and the facets are counted from
these rows, without a second pass over the matches. The shown page's entries are then fetched
by id, and snippets are made for them only. Members-only entries are filtered out before
anything is matched, so they never show up in results, snippets or counts for the public.
"""

import datetime
import difflib
import functools
import html
import itertools
import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple, overload

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils.safestring import SafeString, mark_safe

from engagiert.core.extensions import SearchDocument, search_providers

from . import analysis, fts
from .fts import Alternative
from .models import SearchEntry, SearchTerm, Synonym

MAX_QUERY_WORDS = 8
SNIPPET_SCAN = 5000
#: Entries of this age in years or older get no bonus for being recent.
RECENT_YEARS = 10
#: How many close words a mistyped word is compared with (those with its first letter).
VOCABULARY_SCAN = 20_000
#: Documents analysed and written together in a rebuild; vocabulary rows of one upsert.
INDEX_CHUNK = 500
VOCABULARY_CHUNK = 200
#: Past this many hits the count reads »more than 1,000«, only the first so many can be paged
#: through and the facets count those, and the hits are put in order without scoring each one
#: (see the module docstring): scoring a word in 40,000 entries costs the engines 50–350 ms at
#: 50,000 entries, fetching and counting every hit several times the search itself.
HIT_LIMIT = 1000


# --- Indexing -----------------------------------------------------------------------------------


def _topic_words(document: SearchDocument) -> str:
    return " ".join(slug.replace("-", " ") for slug in document.topics)


@dataclass
class _Analysed:
    """One document analysed: the entry's columns, its fields for the full-text index, its
    terms and, for each term, the word that gave it first (for »Meinten Sie …?«)."""

    columns: dict[str, Any]
    fields: dict[str, list[str]]
    terms: set[str]
    words: dict[str, str]


def _analyse(document: SearchDocument) -> _Analysed:
    title_words = analysis.analysed(document.title)
    body_words = analysis.analysed(document.text)
    words = {term: word for word, term, _parts in reversed(title_words + body_words)}
    title = [term for _word, term, _parts in title_words]
    # The parts of the title's compounds weigh as the title (after its words, so a phrase of
    # the title still reads as written); those of the text as parts.
    fields = {
        "title": title + [part for _w, _t, parts in title_words for part in parts],
        "topics": analysis.terms(_topic_words(document)),
        "body": [term for _word, term, _parts in body_words],
        "parts": [part for _w, _t, parts in body_words for part in parts],
    }
    terms = set(words) | set(fields["parts"])
    columns = {
        "kind": document.kind,
        "title": document.title[:300],
        "text": document.text,
        "url": document.url,
        "members_only": document.members_only,
        "title_terms": " ".join(title),
        "terms": " ".join(sorted(terms)),
        "subkind": document.subkind,
        "topics": f" {' '.join(document.topics)} " if document.topics else "",
        "authority_kind": document.authority_kind,
        "region": document.region,
        "year": document.year,
    }
    return _Analysed(columns, fields, terms, words)


class _Vocabulary:
    """Changes to the vocabulary's counts, gathered and then written in a few statements."""

    def __init__(self) -> None:
        self.changes: dict[str, list[int]] = {}  # term: [entries, public entries]
        self.words: dict[str, str] = {}

    def count(self, terms: Iterable[str], change: int, public: bool) -> None:
        for term in terms:
            counts = self.changes.setdefault(term, [0, 0])
            counts[0] += change
            if public:
                counts[1] += change

    def name(self, words: dict[str, str]) -> None:
        for term, word in words.items():
            self.words.setdefault(term, word)

    def write(self) -> None:
        """Add the gathered changes (one upsert per VOCABULARY_CHUNK terms); a term no entry
        holds any longer goes (a suggestion never offers a word that finds nothing)."""
        rows = [
            (term, self.words.get(term, term)[:100], entries, public)
            for term, (entries, public) in sorted(self.changes.items())
            if len(term) <= 100 and (entries or public)
        ]
        table = SearchTerm._meta.db_table
        with connection.cursor() as cursor:
            for start in range(0, len(rows), VOCABULARY_CHUNK):
                chunk = rows[start : start + VOCABULARY_CHUNK]
                marks = ", ".join(["(%s, %s, %s, %s)"] * len(chunk))
                cursor.execute(
                    f"INSERT INTO {table} (term, word, entries, public_entries) "  # noqa: S608
                    f"VALUES {marks} ON CONFLICT (term) DO UPDATE SET "
                    f"entries = {table}.entries + excluded.entries, "
                    f"public_entries = {table}.public_entries + excluded.public_entries",
                    [value for row in chunk for value in row],
                )
            gone = [row[0] for row in rows if row[2] < 0]
            for start in range(0, len(gone), VOCABULARY_CHUNK * 4):
                SearchTerm.objects.filter(
                    term__in=gone[start : start + VOCABULARY_CHUNK * 4], entries__lte=0
                ).delete()
        self.changes.clear()
        self.words.clear()


def index(document: SearchDocument) -> SearchEntry:
    """Add or refresh one entry, its terms in the full-text index and the vocabulary (in a
    constant number of statements)."""
    analysed = _analyse(document)
    with transaction.atomic():
        entry = SearchEntry.objects.filter(key=document.key).first()
        vocabulary = _Vocabulary()
        if entry is None:
            entry = SearchEntry.objects.create(key=document.key, **analysed.columns)
        elif all(getattr(entry, name) == value for name, value in analysed.columns.items()):
            return entry  # saved again unchanged: its terms are what they were
        else:
            vocabulary.count(entry.terms.split(), -1, not entry.members_only)
            for name, value in analysed.columns.items():
                setattr(entry, name, value)
            entry.save(update_fields=list(analysed.columns))
        fts.write([(entry.pk, analysed.fields)])
        vocabulary.count(analysed.terms, +1, not document.members_only)
        vocabulary.name(analysed.words)
        vocabulary.write()
    return entry


def index_new(documents: Iterable[SearchDocument]) -> int:
    """Add entries for documents the index does not hold yet (a rebuild), in bulk: one insert
    of entries, of full-text rows and of vocabulary counts per INDEX_CHUNK documents, all in
    one transaction. Returns how many were added."""
    count = 0
    vocabulary = _Vocabulary()
    with transaction.atomic():
        pending = iter(documents)
        while chunk := list(itertools.islice(pending, INDEX_CHUNK)):
            analysed = [_analyse(document) for document in chunk]
            rows = [
                ({"key": d.key, **a.columns}, a.fields)
                for d, a in zip(chunk, analysed, strict=True)
            ]
            if fts.sqlite():
                entries = SearchEntry.objects.bulk_create(SearchEntry(**c) for c, _f in rows)
                fts.write([(e.pk, f) for e, (_c, f) in zip(entries, rows, strict=True)])
            else:  # each row written once, with its tsvector (not inserted, then updated)
                fts.insert(SearchEntry._meta.db_table, rows)
            for a in analysed:
                vocabulary.count(a.terms, +1, not a.columns["members_only"])
                vocabulary.name(a.words)
            count += len(rows)
        vocabulary.write()
    return count


def unindex(key: str) -> None:
    unindex_entries(SearchEntry.objects.filter(key=key))


def unindex_entries(entries: QuerySet[SearchEntry]) -> None:
    """Drop entries, their terms in the full-text index and their share of the vocabulary."""
    with transaction.atomic():
        rows = list(entries.values_list("pk", "terms", "members_only"))
        if not rows:
            return
        ids = [pk for pk, _terms, _members_only in rows]
        fts.forget(ids)
        for start in range(0, len(ids), INDEX_CHUNK):
            SearchEntry.objects.filter(pk__in=ids[start : start + INDEX_CHUNK]).delete()
        vocabulary = _Vocabulary()
        for _pk, terms, members_only in rows:
            vocabulary.count(terms.split(), -1, not members_only)
        vocabulary.write()


def clear() -> None:
    """Empty the whole index (before a rebuild)."""
    with transaction.atomic():
        fts.forget()
        SearchEntry.objects.all().delete()
        SearchTerm.objects.all().delete()


# --- Queries ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One thing asked for: a word (with its synonyms) or a phrase."""

    text: str
    alternatives: tuple[Alternative, ...]
    #: For a compound: all of its parts, and any one of them, tried when nothing else finds.
    split: tuple[Alternative, ...] = ()
    loose: tuple[Alternative, ...] = ()
    #: The stem the vocabulary is asked about for a spelling suggestion ("" for a phrase).
    stem: str = ""


def _synonym_groups() -> list[list[tuple[str, ...]]]:
    return _analysed_groups(tuple(Synonym.objects.values_list("words", flat=True)))


@functools.lru_cache(maxsize=4)
def _analysed_groups(groups: tuple[str, ...]) -> list[list[tuple[str, ...]]]:
    """The terms of every member of every synonym group (analysed once while the list is the
    same, asked anew for every search so that an edit by the office applies at once)."""
    return [
        [tuple(terms) for word in Synonym(words=words).members if (terms := analysis.terms(word))]
        for words in groups
    ]


def _with_synonyms(units: list[Unit]) -> list[Unit]:
    """Replace a word or words that synonym groups name by a unit matching any member of
    every group naming them (the longest match first)."""
    groups = [g for g in _synonym_groups() if len(g) > 1]
    members = sorted({m for g in groups for m in g}, key=len, reverse=True)
    result: list[Unit] = []
    position = 0
    while position < len(units):
        here = tuple(u.stem for u in units[position : position + MAX_QUERY_WORDS])
        member = next((m for m in members if here[: len(m)] == m), None)
        if member is None:
            result.append(units[position])
            position += 1
            continue
        covered = units[position : position + len(member)]
        equivalents = dict.fromkeys(m for g in groups if member in g for m in g if m != member)
        others = tuple(Alternative(m, phrase=len(m) > 1) for m in equivalents)
        if len(covered) == 1:
            result.append(replace(covered[0], alternatives=covered[0].alternatives + others))
        else:
            phrase = Alternative(member, phrase=True)
            result.append(Unit(" ".join(u.text for u in covered), (phrase, *others)))
        position += len(member)
    return result


def parse(query: str) -> list[Unit]:
    """The units of a query: words outside quotes, phrases inside them."""
    units: list[Unit] = []
    for number, piece in enumerate(query[:300].split('"')):
        if number % 2:  # inside quotes
            terms = tuple(analysis.terms(piece))
            if len(terms) > 1:
                units.append(Unit(piece.strip(), (Alternative(terms, phrase=True),)))
                continue
        for word, folded in analysis.tokens(piece):
            term = analysis.stem(folded)
            if len(folded) < 2 or not term:
                continue
            parts = tuple(dict.fromkeys(analysis.stem(p) for p in analysis.parts(folded)))
            split = (Alternative(parts),) if parts else ()
            loose = tuple(Alternative((p,)) for p in parts)
            units.append(Unit(word, (Alternative((term,)),), split, loose, term))
    units = list({u.alternatives: u for u in units}.values())[:MAX_QUERY_WORDS]
    return _with_synonyms(units)


def levels(units: list[Unit]) -> Iterator[fts.Query]:
    """All units; then all but one, down to half of them, a compound at each size first as a
    whole, then by all of its parts. Only then a compound by any one of its parts."""
    count = len(units)
    sizes = range(count, max(1, math.ceil(count / 2)) - 1, -1)
    variants = [[u.alternatives for u in units]]
    if any(u.split for u in units):
        variants.append([u.alternatives + u.split for u in units])
    for size in sizes:
        for variant in variants:
            yield list(itertools.combinations(variant, size))
    if any(u.loose for u in units):
        loose = [u.alternatives + u.split + u.loose for u in units]
        for size in sizes:
            yield list(itertools.combinations(loose, size))


@dataclass
class Filters:
    kind: str = ""
    topic: str = ""
    authority_kind: str = ""
    region: str = ""
    year: int | None = None


class Hits(Sequence[SearchEntry]):
    """The ranked hits (at most HIT_LIMIT), their entries fetched a page at a time."""

    def __init__(self, ids: list[int]) -> None:
        self.ids = ids

    def count(self) -> int:  # type: ignore[override]  # Django's paginator asks for this
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> SearchEntry: ...
    @overload
    def __getitem__(self, index: slice) -> list[SearchEntry]: ...
    def __getitem__(self, index: int | slice) -> SearchEntry | list[SearchEntry]:
        if isinstance(index, slice):
            ids = self.ids[index]
            entries = SearchEntry.objects.in_bulk(ids)
            return [entries[pk] for pk in ids if pk in entries]
        return SearchEntry.objects.get(pk=self.ids[index])

    def __iter__(self) -> Iterator[SearchEntry]:
        return iter(self[:])


@dataclass
class Results:
    query: str
    #: The terms of every unit and alternative, for marking the hits in a snippet.
    terms: frozenset[str]
    entries: Hits
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    #: Not every word was found: the hits hold most of the words.
    partial: bool = False
    #: A better spelling of the query, offered as a link (»Meinten Sie …?«).
    suggestion: str = ""
    #: Nothing was found for the query; the hits are those of this corrected query.
    corrected: str = ""
    #: Close indexed words for a query that found nothing at all.
    close_words: list[str] = field(default_factory=list)
    #: More than HIT_LIMIT hits: the count says »more than«, only the best are shown.
    more: bool = False
    #: More than HIT_LIMIT hits before the filters: the facets are those of the best.
    facets_capped: bool = False

    @property
    def limit(self) -> int:
        return HIT_LIMIT


def _visible(members: bool | Collection[str]) -> tuple[list[str], list[Any]]:
    """The SQL conditions for the entries someone may find: `members` is True for every
    members-only entry, False for none, or the kinds whose members-only entries they may
    see."""
    if members is True:
        return [], []
    if not members:
        return ["NOT search_searchentry.members_only"], []
    kinds = sorted(members)
    marks = ", ".join(["%s"] * len(kinds))
    return [f"(NOT search_searchentry.members_only OR search_searchentry.kind IN ({marks}))"], kinds


def _filtered(filters: Filters) -> tuple[list[str], list[Any]]:
    """The SQL conditions of the chosen filters (as `_passes` tells them for a row)."""
    conditions: list[str] = []
    params: list[Any] = []
    if filters.kind:
        conditions.append("(search_searchentry.kind = %s OR search_searchentry.subkind = %s)")
        params += [filters.kind, filters.kind]
    if filters.topic:
        escaped = re.sub(r"([\\%_])", r"\\\1", filters.topic)
        conditions.append("search_searchentry.topics LIKE %s ESCAPE '\\'")
        params.append(f"% {escaped} %")
    for name in ("authority_kind", "region", "year"):
        if value := getattr(filters, name):
            conditions.append(f"search_searchentry.{name} = %s")
            params.append(value)
    return conditions, params


def _boost() -> tuple[str, list[Any]]:
    since = datetime.date.today().year - RECENT_YEARS
    bonus = 0.2 / RECENT_YEARS
    return (
        f"CASE WHEN search_searchentry.year > %s "
        f"THEN 1.0 + {bonus} * (search_searchentry.year - %s) ELSE 1.0 END",
        [since, since],
    )


class _Row(NamedTuple):
    """A matched entry as the ranking statement returns it: its id and its facets."""

    id: int
    kind: str
    subkind: str
    topics: str
    authority_kind: str
    region: str
    year: int | None


def _select(
    match: fts.Match,
    conditions: tuple[list[str], list[Any]],
    order: tuple[str, list[Any]],
    limit: int,
) -> list[_Row]:
    """The first `limit` entries of `match` under `conditions` by `order` (then the newer
    entry), with their facet columns."""
    where = " AND ".join([match.condition, *conditions[0]])
    columns = ", ".join(f"search_searchentry.{name}" for name in _Row._fields)
    sql = (
        f"SELECT {columns} FROM {match.tables} WHERE {where} "  # noqa: S608
        f"ORDER BY {order[0]}, search_searchentry.id DESC LIMIT {limit}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*match.params, *conditions[1], *order[1]])
        return list(map(_Row._make, cursor.fetchall()))


def _ranked(query: fts.Query, conditions: tuple[list[str], list[Any]], exact: str) -> list[_Row]:
    """The first HIT_LIMIT + 1 entries matching `query` under `conditions`, with their facet
    columns: the matches in the head (title and topics), the entry whose whole title is the
    query first, then the others (which never hold that entry: all of its words are in its
    title), each newest first; when that is all of them, ranked by the engine instead (its
    relevance times the bonus for recent entries, the LIMIT inside it)."""
    title = "(search_searchentry.title_terms = %s) DESC"
    newest = "search_searchentry.year DESC NULLS LAST"
    orders = {"head": (f"{title}, {newest}", [exact]), "rest": (newest, [])}
    rows: list[_Row] = []
    for part in ("head", "rest"):
        rows += _select(
            fts.matching(query, part), conditions, orders[part], HIT_LIMIT + 1 - len(rows)
        )
        if len(rows) > HIT_LIMIT:
            return rows
    if len(rows) < 2:
        return rows
    match = fts.ranking(query, [row.id for row in rows])
    boost, boost_params = _boost()
    relevance = f"{title}, ({match.score}) * ({boost}) DESC"
    return _select(
        match, conditions, (relevance, [exact, *match.score_params, *boost_params]), HIT_LIMIT + 1
    )


@dataclass
class _Match:
    ids: list[int]
    facets: dict[str, list[tuple[str, int]]]
    #: Which of `levels` found the hits (0: all words as written).
    level: int = 0
    more: bool = False
    facets_capped: bool = False


def _match(units: list[Unit], members: bool | Collection[str], filters: Filters) -> _Match:
    """The first level of `levels` that finds something: its ranked ids (filtered, at most
    HIT_LIMIT) and the facets (unfiltered; of the best HIT_LIMIT hits when there are more)."""
    visible = _visible(members)
    exact = " ".join(u.stem for u in units)
    with fts.through_indexes():
        for level, query in enumerate(levels(units)):
            rows = _ranked(query, visible, exact)
            if not rows:
                continue
            capped = len(rows) > HIT_LIMIT
            if filters == Filters():
                ids = [row.id for row in rows]
            elif not capped:
                ids = [row.id for row in rows if _passes(row, filters)]
            else:  # the filtered hits may lie beyond the best of all
                conditions, params = _filtered(filters)
                filtered = _ranked(query, (visible[0] + conditions, visible[1] + params), exact)
                ids = [row.id for row in filtered]
            more = len(ids) > HIT_LIMIT
            facets = _facets(rows[:HIT_LIMIT])
            return _Match(ids[:HIT_LIMIT], facets, level, more, capped)
        return _Match([], _facets([]))


def search(
    query: str, *, members: bool | Collection[str], filters: Filters | None = None
) -> Results:
    """Entries matching the words of `query` (or most of them), best first, with facets."""
    filters = filters or Filters()
    units = parse(query)
    if not units:
        return Results(query, frozenset(), Hits([]), _facets([]))
    found = _match(units, members, filters)
    # Every word found as written: the index knows them all, nothing to suggest.
    known = bool(found.ids) and found.level == 0 and all(len(u.alternatives) == 1 for u in units)
    suggestion, close = ("", []) if known else _suggest(query, units, members)
    results = _results(query, units, found, suggestion=suggestion)
    if found.ids or not suggestion:
        results.close_words = close if not found.ids else []
        return results
    corrected = parse(suggestion)
    found = _match(corrected, members, filters)
    if not found.ids:
        results.close_words = close
        return results
    return _results(query, corrected, found, corrected=suggestion, close_words=close)


def _results(query: str, units: list[Unit], found: _Match, **more: Any) -> Results:
    return Results(
        query,
        _terms(units),
        Hits(found.ids),
        found.facets,
        found.level > 0,
        more=found.more,
        facets_capped=found.facets_capped,
        **more,
    )


def _terms(units: list[Unit]) -> frozenset[str]:
    return frozenset(term for u in units for alt in u.alternatives + u.split for term in alt.terms)


def _suggest(
    query: str, units: list[Unit], members: bool | Collection[str]
) -> tuple[str, list[str]]:
    """The query with each word the index does not know replaced by the closest known word,
    and close known words (for a page without hits). Only someone who may find the members-only
    entries of every kind is offered their words; everyone else the words of public entries (the
    vocabulary counts no finer, and a word must not tell what a hidden entry says)."""
    stems = {u.stem: u.text for u in units if u.stem}
    every_kind = members is True or (
        bool(members) and {p.kind for p in search_providers} <= set(members)  # type: ignore[arg-type]
    )
    vocabulary_of = SearchTerm.objects.filter(**{} if every_kind else {"public_entries__gt": 0})
    known = set(vocabulary_of.filter(term__in=list(stems)).values_list("term", flat=True))
    suggestion, close_words = query, []
    for stem, word in stems.items():
        if stem in known:
            continue
        vocabulary = dict(
            vocabulary_of.filter(term__startswith=stem[:1]).values_list("term", "word")[
                :VOCABULARY_SCAN
            ]
        )
        close = difflib.get_close_matches(stem, list(vocabulary), n=3, cutoff=0.75)
        close_words += [vocabulary[c] for c in close]
        if close:
            suggestion = re.sub(
                rf"\b{re.escape(word)}\b", vocabulary[close[0]], suggestion, count=1
            )
    return ("" if suggestion == query else suggestion), list(dict.fromkeys(close_words))


def _passes(row: _Row, filters: Filters) -> bool:
    """Whether a matched row passes the filters (as `_filtered` tells it in SQL)."""
    return (
        (not filters.kind or filters.kind in (row.kind, row.subkind))
        and (not filters.topic or f" {filters.topic} " in row.topics)
        and (not filters.authority_kind or filters.authority_kind == row.authority_kind)
        and (not filters.region or filters.region == row.region)
        and (not filters.year or filters.year == row.year)
    )


def _facets(rows: list[_Row]) -> dict[str, list[tuple[str, int]]]:
    """The counts of every facet over the matched rows."""
    if not rows:
        return {name: [] for name in ("kind", "topic", "authority_kind", "region", "year")}
    _ids, kinds, subkinds, topics, authority_kinds, regions, years = zip(*rows, strict=True)

    def top(values: Iterable[Any]) -> list[tuple[str, int]]:
        counts = Counter(values)
        counts.pop("", None)
        counts.pop(None, None)
        return sorted(((str(v), n) for v, n in counts.items()), key=lambda i: (-i[1], i[0]))[:12]

    return {
        "kind": top(subkinds) or top(kinds),
        "topic": top(" ".join(topics).split()),
        "authority_kind": top(authority_kinds),
        "region": top(regions),
        "year": top(years),
    }


# --- Snippets -----------------------------------------------------------------------------------

_PART_BREAK = re.compile(r"(?<![.!?:;,])\s*\n\s*")


def _gap(text: str) -> str:
    """A piece of text escaped; a line break between parts of a document (a
    profile's structures, a programme's items) reads as a separator, not as a run-on."""
    return html.escape(re.sub(r"\s+", " ", _PART_BREAK.sub(" · ", text)))


def _hit(word: str, terms: Collection[str]) -> bool:
    return not analysis.word_terms(word).isdisjoint(terms)


def snippet(text: str, terms: Collection[str], width: int = 220) -> SafeString:
    """An excerpt around the first hit, with every matching word marked (HTML-escaped).

    Only the first SNIPPET_SCAN characters are searched for a hit: analysing a whole long PDF
    text for 220 characters of excerpt would cost a second per result."""
    text = text[:SNIPPET_SCAN]
    words = analysis.WORD
    first = next((m for m in words.finditer(text) if _hit(m.group(), terms)), None)
    start = max(first.start() - width // 3, 0) if first else 0
    if start:  # begin at a word, not inside one
        word = words.search(text, start)
        if word and word.start() == start and words.match(text, start - 1):
            word = words.search(text, word.end())
        start = word.start() if word else start
    excerpt = text[start : start + width].replace("\x00", "").replace("\x01", "")
    # Hits are marked with two control characters (dropped from the excerpt), then the
    # whole excerpt is escaped once and the marks become <mark> elements.
    marked = words.sub(
        lambda m: f"\x00{m.group()}\x01" if _hit(m.group(), terms) else m.group(), excerpt
    )
    body = _gap(marked).replace("\x00", "<mark>").replace("\x01", "</mark>")
    prefix = "… " if start else ""
    suffix = " …" if start + width < len(text) else ""
    return mark_safe(prefix + body + suffix)  # noqa: S308 – the text is escaped, marks added
