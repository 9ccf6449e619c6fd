"""Search benchmark: German search over 50,000 knowledge items, the cost of indexing one save,
and the peer finder for every authority, on SQLite and optionally PostgreSQL.

    .venv/bin/python bench/search_bench.py [--postgres postgres://postgres@host:5432/postgres]

Imports the real registry (432 authorities, indexed through the import's signal), then creates
50,000 synthetic items with `generate_corpus` (which rebuilds the index). Measures:

(a) search: p50/p95 of ~30 realistic queries (common and rare words, inflection, compounds and
their parts, umlaut spellings, typos, two- and three-word queries, phrases, a municipality),
`--runs` times each after a warm-up (fewer, but at least 10, once a query's runs exceed
`--budget` seconds), as the page does it: the search with its facets, the count, the first page
of 20 and its snippets; beside it, in the same run, the raw engine query alone (FTS5 MATCH
ordered by bm25(), or tsvector @@ tsquery ordered by ts_rank_cd, first 20 ids) and the ratio;
plus the page /suche/?q=… itself (server time, most queries of a request; the per-address limit
switched off) for three of them. The synthetic texts are drawn from a vocabulary of 27 words,
so most queries match nearly every item: the worst case for counting and facets.
(b) indexing: the median of `indexing.refresh(provider, pk)` and of `item.save()` (which
entry through the signal and writes the audit log) over `--saves` items, and a full
`indexing.rebuild()` of everything.
(c) the peer finder: ~100 authorities get profiles with topics and structures, then
`queries.peers(a)` runs once for each of the 432 authorities: total and per call.

Every backend runs in a fresh process against a throwaway database: a temporary SQLite file,
and with --postgres (or BENCH_POSTGRES_URL) a database `engagiert_bench_search` created through
the given admin URL and dropped afterwards. The configured DATABASE_URL is never touched.
"""

import argparse
import io
import statistics
import time
from collections.abc import Callable
from functools import partial

import common
from common import argument_parser, django_setup, print_pages, time_pages
from registry_bench import REGISTRY_FILE

BENCH_DATABASE = "engagiert_bench_search"
QUERIES = (
    "Ehrenamtskarten",  # inflection
    "Ehrenamt",  # common
    "Engagement",
    "Verein",
    "Quartier",
    "Flüchtlinge",  # part of »Flüchtlingshilfe«
    "Strategie",  # part of »Engagementstrategie«
    "Hilfe",
    "Karte",
    "Buergerbeteiligung",  # umlaut spelled out
    "Fluechtlingshilfe",
    "Ehrenamtskrte",  # typos
    "Engagmentstrategie",
    "Seniorenbegleitng",
    "Nachbarschaftshilfe im Quartier",  # several words
    "Jugendbeteiligung Sportverein Kreis",
    "Engagementstrategie Beispiel",
    "Flüchtlingshilfe Koordination",
    "Digitalisierung Vereine",
    "Ehrenamt Rathaus",
    '"Runder Tisch"',  # a phrase
    "Seniorenbegleitung",
    "Geflüchtete",  # through the synonym list
    "Stadtteil",
    "Mönchengladbach",  # municipalities (few hits)
    "Lünen",
    "Köln",
    "Wuppertal Integration",
    "Raumfahrtprogramm",  # rare or nothing
    "Xylophon",
)
PAGE_QUERIES = ("Ehrenamtskarten", "Strategie", "Mönchengladbach")
TOPICS = (
    ("Demografischer Wandel", "demografie"),
    ("Junge Menschen", "jugend"),
    ("Integration und Teilhabe", "integration"),
    ("Digitalisierung", "digitalisierung"),
    ("Anerkennungskultur", "anerkennung"),
    ("Engagementstrategie", "engagementstrategie"),
    ("Unternehmensengagement", "unternehmen"),
    ("Ehrenamtskarte", "ehrenamtskarte"),
)
PROFILES = 100
MIN_RUNS = 10
PAGE_SIZE = 20


def quantiles(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    cuts = statistics.quantiles(samples, n=20, method="inclusive")
    return cuts[9] * 1e3, cuts[18] * 1e3


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def fill(items: int) -> tuple[float, float]:
    """The registry and `items` synthetic items; returns (import s, generate_corpus s)."""
    from django.core.management import call_command

    from engagiert.registry.services import registry_import

    imported = timed(
        lambda: registry_import(data=REGISTRY_FILE.read_bytes(), source=REGISTRY_FILE.name)
    )
    generated = timed(lambda: call_command("generate_corpus", items, stdout=io.StringIO()))
    return imported, generated


def search_once(query: str) -> int:
    """What the search page does for one query; returns the number of hits."""
    from engagiert.search import engine

    results = engine.search(query, members=False)
    hits = results.entries.count()
    for entry in results.entries[:PAGE_SIZE]:
        engine.snippet(entry.text, results.terms)
    return hits


def raw_once(expression: str) -> int:
    """The engine's own query alone: the first page of ids, best first."""
    from django.db import connection

    from engagiert.search import fts

    if fts.sqlite():
        weights = ", ".join(str(w) for w in fts.BM25_WEIGHTS)
        sql = (
            f"SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
            f"ORDER BY bm25(search_fts, {weights}) LIMIT {PAGE_SIZE}"
        )
        params = [expression]
    else:
        sql = (
            f"SELECT id FROM search_searchentry WHERE document @@ %s::tsquery ORDER BY "
            f"ts_rank_cd('{fts.PG_WEIGHTS}', document, %s::tsquery) DESC LIMIT {PAGE_SIZE}"
        )
        params = [expression, expression]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return len(cursor.fetchall())


Row = tuple[str, int, int, int, float, float, float, float]


def bench_search(runs: int, budget: float) -> list[Row]:
    """(query, hits, queries, runs, p50 ms, p95 ms, raw p50 ms, raw p95 ms) per query: `runs`
    runs, or fewer (but at least MIN_RUNS) when they would take longer than `budget` seconds;
    the raw engine query (all words, as the search's first try) interleaved with the search."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from engagiert.search import engine, fts

    rows = []
    for query in QUERIES:
        expression = fts.compile_query(next(engine.levels(engine.parse(query))))
        search_once(query)  # warm up
        raw_once(expression)
        reset_queries()  # DEBUG keeps a bounded log; start counting from an empty one
        with CaptureQueriesContext(connection) as captured:
            hits = search_once(query)
        samples: list[float] = []
        raw: list[float] = []
        while len(samples) < runs and (len(samples) < MIN_RUNS or sum(samples) < budget):
            samples.append(timed(partial(search_once, query)))
            raw.append(timed(partial(raw_once, expression)))
        rows.append(
            (query, hits, len(captured), len(samples), *quantiles(samples), *quantiles(raw))
        )
    return rows


def bench_pages(requests: int) -> list[common.PageTiming]:
    """The search page as a visitor gets it (the per-address limit switched off to measure)."""
    from urllib.parse import quote

    from django.test import override_settings

    off = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    dummy = {"default": off, "throttle": off}
    with override_settings(CACHES=dummy):
        return time_pages([f"/suche/?q={quote(q)}" for q in PAGE_QUERIES], requests, warm=3)


def bench_indexing(saves: int) -> tuple[float, float, int, int, int, float]:
    """Median ms of `indexing.refresh(provider, pk)` and of `item.save()`, each after an edit
    of the item's text (an unchanged entry is not written again), and their queries; the
    entries in the index; seconds of a full rebuild."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from engagiert.core.extensions import search_providers
    from engagiert.knowledge.models import KnowledgeItem
    from engagiert.search import indexing
    from engagiert.search.models import SearchEntry

    provider = search_providers.get("knowledge.knowledge")
    assert provider is not None
    items = list(KnowledgeItem.objects.select_related("authority__region").order_by("pk")[:saves])

    def refresh(item: KnowledgeItem, number: int) -> None:
        item.summary += f" Nachtrag {number}"
        KnowledgeItem.objects.filter(pk=item.pk).update(summary=item.summary)
        start = time.perf_counter()
        indexing.refresh(provider, item.pk)
        refreshed.append(time.perf_counter() - start)

    def save(item: KnowledgeItem, number: int) -> None:
        item.summary += f" Ergänzung {number}"
        saved.append(timed(item.save))

    refreshed: list[float] = []
    saved: list[float] = []
    for number, item in enumerate(items):
        refresh(item, number)
        save(item, number)
    with CaptureQueriesContext(connection) as refresh_queries:
        refresh(items[0], saves)
    with CaptureQueriesContext(connection) as save_queries:
        save(items[0], saves)
    rebuild = timed(indexing.rebuild)
    return (
        statistics.median(refreshed) * 1e3,
        statistics.median(saved) * 1e3,
        len(refresh_queries) - 1,  # the edit before the refresh
        len(save_queries),
        SearchEntry.objects.count(),
        rebuild,
    )


def give_profiles() -> int:
    """Every fourth municipality (up to PROFILES) gets a profile with 3 topics and structures."""
    from engagiert.membership.models import Profile
    from engagiert.registry.models import Authority, Topic

    topics = Topic.objects.bulk_create(Topic(name=name, slug=slug) for name, slug in TOPICS)
    keys = list(
        Authority.objects.filter(kind__in=Authority.MUNICIPAL_KINDS)
        .order_by("ags")
        .values_list("ags", flat=True)
    )[::4][:PROFILES]
    Profile.objects.bulk_create(
        Profile(
            authority_id=ags,
            has_staff_unit=i % 2 == 0,
            has_round_table=i % 3 == 0,
            has_volunteer_agency=i % 5 == 0,
        )
        for i, ags in enumerate(keys)
    )
    Profile.topics.through.objects.bulk_create(
        Profile.topics.through(profile_id=ags, topic_id=topics[(i + step) % len(topics)].pk)
        for i, ags in enumerate(keys)
        for step in (0, 1, 3)
    )
    return len(keys)


def bench_peers() -> tuple[int, float, float, float, int, int]:
    """(authorities, total s, median ms, p95 ms, queries per call, peers found for Köln)."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from engagiert.knowledge import queries
    from engagiert.registry.models import Authority

    authorities = list(Authority.objects.select_related("region").order_by("ags"))
    samples = [timed(partial(queries.peers, a)) for a in authorities]
    cologne = next(a for a in authorities if a.ags == "05315000")
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        found = queries.peers(cologne)
    p50, p95 = quantiles(samples)
    return len(authorities), sum(samples), p50, p95, len(captured), len(found)


def run_backend(url: str, label: str, args: argparse.Namespace) -> None:
    """In a fresh process: point Django at `url`, migrate, fill, measure, print."""
    django_setup(url)
    imported, generated = fill(args.items)
    searches = [] if args.measure == "indexing" else bench_search(args.runs, args.budget)
    pages = [] if args.measure == "indexing" else bench_pages(args.requests)
    refresh_ms, save_ms, refresh_queries, save_queries, entries, rebuild_s = bench_indexing(
        args.saves
    )

    print(
        f"\n== {label}: {args.items:,} items + registry, {entries:,} search entries "
        f"(import {imported:.1f} s, generate_corpus {generated:.1f} s "
        f"= {generated / args.items * 1e3:.2f} ms per item)"
    )
    print(
        f"\nindexing one edited save, median of {args.saves}: indexing.refresh "
        f"{refresh_ms:.2f} ms ({refresh_queries} queries), item.save() {save_ms:.2f} ms "
        f"({save_queries} queries); full rebuild of {entries:,} entries {rebuild_s:.1f} s "
        f"= {rebuild_s / entries * 1e3:.2f} ms per entry"
    )
    if args.measure == "indexing":
        return
    profiles = give_profiles()
    count, total, peer_p50, peer_p95, peer_queries, found = bench_peers()
    print("\nsearch as the page does it (search + facets + count + page of 20 + snippets)")
    print("against the raw engine query alone (first 20 ids, best first), same run")
    print(
        f"{'query':<38}{'hits':>8}{'queries':>9}{'runs':>6}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'raw p50':>9}{'raw p95':>9}{'p95 x':>7}"
    )
    for query, hits, queries, runs, p50, p95, raw50, raw95 in searches:
        print(
            f"{query:<38}{hits:>8}{queries:>9}{runs:>6}{p50:>9.1f}{p95:>9.1f}"
            f"{raw50:>9.1f}{raw95:>9.1f}{p95 / max(raw95, 0.001):>7.1f}"
        )
    all95 = sorted(row[5] for row in searches)
    print(f"worst p95 {all95[-1]:.1f} ms, median p95 {all95[len(all95) // 2]:.1f} ms")
    print_pages(pages)
    print(
        f"peers() for all {count} authorities ({profiles} with profiles): total {total:.2f} s, "
        f"per call p50 {peer_p50:.1f} ms / p95 {peer_p95:.1f} ms / mean "
        f"{total / count * 1e3:.1f} ms, {peer_queries} queries per call, Köln: {found} peers"
    )


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0])
    parser.set_defaults(requests=20)
    parser.add_argument("--items", type=int, default=50_000, help="synthetic knowledge items")
    parser.add_argument("--runs", type=int, default=100, help="runs of each query (at most)")
    parser.add_argument(
        "--budget", type=float, default=60.0, help="seconds per query before stopping early"
    )
    parser.add_argument("--saves", type=int, default=200, help="items saved for (b)")
    parser.add_argument(
        "--measure", choices=("all", "indexing"), default="all", help="indexing: (b) only"
    )
    common.main(__file__, parser, run_backend, BENCH_DATABASE)


if __name__ == "__main__":
    main()
