"""The databases' own full-text indexes, fed with the terms of analysis.py.

SQLite: an FTS5 table `search_fts` (rowid = the entry's id, one column per field), created by
migration 0003 and written here whenever an entry is written. PostgreSQL: the `document`
tsvector column of `search_searchentry` with a GIN index (migration 0003), written here as a
tsvector literal, so no text-search configuration or parser of the database touches the terms
and both backends hold identical terms. A query is a tree of terms (see `Query`), compiled to
FTS5's query syntax or to a tsquery literal.

Fields and their weights: the title (and so the name of a municipality) weighs most, then the
topics, then the parts of compounds, then the body text. The title and the topics are the
entry's head: a query can be matched in the head alone, or outside it (`matching`), which
PostgreSQL answers from a second, small tsvector `head` (migration 0008) and FTS5 with a
column filter.
"""

import contextlib
import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from django.db import connection, transaction

FIELDS = ("title", "topics", "body", "parts")
HEAD = ("title", "topics")
#: FTS5's bm25() weights, in the order of FIELDS.
BM25_WEIGHTS = (10.0, 4.0, 1.0, 2.0)
#: PostgreSQL's four weights; ts_rank_cd takes them as {D, C, B, A}.
PG_LABELS = {"title": "A", "topics": "B", "parts": "C", "body": "D"}
PG_WEIGHTS = "{0.1, 0.3, 0.5, 1.0}"
#: tsvector limits: positions up to 16,383, at most 256 positions of one term are kept.
_PG_MAX_POSITION = 16_383
_PG_MAX_POSITIONS = 256


def sqlite() -> bool:
    return connection.vendor == "sqlite"


@dataclass(frozen=True)
class Alternative:
    """Terms that must all occur (`phrase`: one after the other)."""

    terms: tuple[str, ...]
    phrase: bool = False


#: A query: any of its groups; a group: all of its units; a unit: any of its alternatives.
Query = Sequence[Sequence[Sequence[Alternative]]]


def _fts5_term(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _pg_term(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def compile_query(query: Query) -> str:
    fts5 = sqlite()
    quote = _fts5_term if fts5 else _pg_term
    and_, or_, next_ = (" AND ", " OR ", " + ") if fts5 else (" & ", " | ", " <-> ")

    def alternative(alt: Alternative) -> str:
        if alt.phrase and fts5:
            return '"' + " ".join(t.replace('"', '""') for t in alt.terms) + '"'
        joined = (next_ if alt.phrase else and_).join(quote(t) for t in alt.terms)
        return f"({joined})"

    def unit(alternatives: Sequence[Alternative]) -> str:
        return "(" + or_.join(alternative(a) for a in alternatives) + ")"

    return or_.join("(" + and_.join(unit(u) for u in group) + ")" for group in query if group)


#: Where a query is matched: anywhere, in the head only, or anywhere but not in the head.
Part = Literal["all", "head", "rest"]


@dataclass(frozen=True)
class Match:
    """The SQL of the entries matching a query: `tables` for a FROM clause, `condition` for
    its WHERE clause, `score` the engine's relevance of a matched entry (higher is better)."""

    tables: str
    condition: str
    params: list[Any]
    score: str
    score_params: list[Any]


def matching(query: Query, part: Part = "all") -> Match:
    """The entries matching `query` (in the `part` of them) and their relevance: BM25 on
    SQLite, ts_rank_cd on PostgreSQL. On SQLite the full-text table leads the join and each
    match looks up its entry's ranking and facet columns in the covering index of migration
    0005 (named: without statistics SQLite reads every match's whole row instead, five times
    slower); on PostgreSQL the GIN indexes find the rows."""
    expression = compile_query(query)
    if sqlite():
        head = f"{{{' '.join(HEAD)}}} : ({expression})"
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        return Match(
            "search_fts CROSS JOIN search_searchentry INDEXED BY search_searchentry_ranking "
            "ON search_searchentry.id = search_fts.rowid",
            "search_fts MATCH %s",
            [{"all": expression, "head": head, "rest": f"({expression}) NOT ({head})"}[part]],
            f"-bm25(search_fts, {weights})",
            [],
        )
    document = "search_searchentry.document @@ %s::tsquery"
    head = "search_searchentry.head @@ %s::tsquery"
    condition = {"all": document, "head": head, "rest": f"{document} AND NOT {head}"}[part]
    return Match(
        "search_searchentry",
        condition,
        [expression] * condition.count("%s"),
        f"ts_rank_cd('{PG_WEIGHTS}', search_searchentry.document, %s::tsquery)",
        [expression],
    )


def ranking(query: Query, ids: Sequence[int]) -> Match:
    """The entries `ids`, all of which match `query`, and their relevance. PostgreSQL finds
    them by id, so a phrase is not checked again in every document; FTS5 can score a row only
    while matching (looking up rows by id, it reads a common word's whole list for each), so
    on SQLite this is `matching(query)`."""
    if sqlite():
        return matching(query)
    return replace(matching(query), condition="search_searchentry.id = ANY(%s)", params=[list(ids)])


@contextlib.contextmanager
def through_indexes() -> Iterator[None]:
    """Within this block (which only reads) PostgreSQL finds matches through the GIN indexes.
    Its planner counts checking a document against a query as nearly free, but every
    document lies compressed out of line (migration 0008): for a word in most entries it would
    rather read all of them (150–200 ms at 50,000 entries) than ask the index (30–40 ms). The
    setting is local to a transaction (or savepoint) that is rolled back at the end, which
    puts it back."""
    if sqlite():
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield
        transaction.set_rollback(True)


@functools.cache
def _positions(label: str) -> tuple[str, ...]:
    """»1A«, »2A« … for every position a tsvector holds (index 0 unused)."""
    return tuple(f"{position}{label}" for position in range(_PG_MAX_POSITION + 1))


def _tsvector(fields: Mapping[str, Sequence[str]]) -> str:
    positions: dict[str, list[str]] = {}
    position = 0
    for name in FIELDS:
        labelled = _positions(PG_LABELS[name])
        for term in fields.get(name, ()):
            if position < _PG_MAX_POSITION:
                position += 1
            kept = positions.get(term)
            if kept is None:
                positions[term] = [labelled[position]]
            elif len(kept) < _PG_MAX_POSITIONS:
                kept.append(labelled[position])
        position = min(position + 1, _PG_MAX_POSITION)  # no phrase across two fields
    return " ".join(f"{_pg_term(term)}:{','.join(p)}" for term, p in positions.items())


def _vectors(fields: Mapping[str, Sequence[str]]) -> tuple[str, str]:
    """The document and its head (the same positions: the head's fields come first)."""
    return _tsvector(fields), _tsvector({name: fields.get(name, ()) for name in HEAD})


def write(rows: Sequence[tuple[int, Mapping[str, Sequence[str]]]]) -> None:
    """Put entries' terms into the index (replacing what it held before), one statement per
    kind of write for all of them (at most engine.INDEX_CHUNK): (entry id, its fields) each."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if sqlite():
            forget(entry_id for entry_id, _fields in rows)
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, topics, body, parts) "
                "VALUES (%s, %s, %s, %s, %s)",
                [
                    [entry_id, *(" ".join(fields.get(name, ())) for name in FIELDS)]
                    for entry_id, fields in rows
                ],
            )
        else:
            marks = ", ".join(["(%s, %s::tsvector, %s::tsvector)"] * len(rows))
            cursor.execute(
                "UPDATE search_searchentry SET document = v.document, head = v.head "  # noqa: S608
                f"FROM (VALUES {marks}) AS v (id, document, head) "
                "WHERE search_searchentry.id = v.id",
                [value for entry_id, fields in rows for value in (entry_id, *_vectors(fields))],
            )


def insert(
    table: str, rows: Sequence[tuple[Mapping[str, Any], Mapping[str, Sequence[str]]]]
) -> None:
    """PostgreSQL: new entries (their columns by name) with their tsvector in one statement,
    so that a rebuild writes every row once."""
    if not rows:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(name) for name in rows[0][0])
    row = "(" + "%s, " * len(rows[0][0]) + "%s::tsvector, %s::tsvector)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(table)} ({names}, document, head) "  # noqa: S608
            f"VALUES {', '.join([row] * len(rows))}",
            [value for columns, fields in rows for value in (*columns.values(), *_vectors(fields))],
        )


def settle() -> None:
    """After a bulk load on PostgreSQL: move the GIN indexes' pending lists (where fast updates
    wait) into the index proper. A search scans the whole pending list, and after a rebuild
    it holds megabytes: 17 ms for a rare word at 50,000 entries instead of 0.3 ms."""
    if sqlite():
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT gin_clean_pending_list('search_searchentry_document'), "
            "gin_clean_pending_list('search_searchentry_head')"
        )


def forget(entry_ids: Iterable[int] | None = None) -> None:
    """Drop entries from SQLite's index (all of them for None); on PostgreSQL the terms go
    with the row."""
    if not sqlite():
        return
    with connection.cursor() as cursor:
        if entry_ids is None:
            cursor.execute("DELETE FROM search_fts")
            return
        ids = list(entry_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({marks})", chunk)  # noqa: S608
