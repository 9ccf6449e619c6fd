"""Search benchmark: German search over 5,000 or 50,000 knowledge items, the cost of indexing
one save and of a full re-index, and the peer finder for every authority, on SQLite and
optionally PostgreSQL.

    .venv/bin/python bench/search_bench.py [--items 5000|50000] [--corpus synthetic|demo]
        [--postgres postgres://postgres@host:5432/postgres] [--measure all|search|indexing]
        [--keep] [--only sqlite|postgres]

Imports the real registry (432 authorities, indexed through the import's signal), then creates
the items and rebuilds the index. Two corpora: `synthetic` (`generate_corpus`: sentences drawn
from a vocabulary of 27 words, so most queries match nearly every item, the worst case for
ranking and counting) and `demo` (the demo's German texts, ~100 sentences from knowledge
items, events, workshop results, profiles and news, recombined with variation: every item a
demo title with a municipality, sentences drawn at random, a municipality's name in the
text, random year, kind and visibility). Measures:

(a) search: p50/p95 of ~30 queries in classes (common words, rare words, compounds and
their parts, umlaut spellings, typos, several words, a phrase, synonyms, municipalities,
nothing), `--runs` times each after a warm-up (fewer, but at least 10, once a query's runs
exceed `--budget` seconds): what the search page does for one request without rendering its
HTML: the search with its »Meinten Sie« check, its facets and its count, the first page of 20
entries and their snippets. Interleaved with it, in the same run, the raw engine query alone:
FTS5 MATCH ordered by bm25(), or tsvector @@ tsquery ordered by ts_rank_cd, LIMIT 20, for the
terms the search found its hits with (the all-words query, or the fallback level or corrected
spelling it used), and the ratio of the two. Plus the rendered page /suche/?q=… itself (server
time, most queries of a request; the per-address limit switched off) for three queries.
(b) indexing: the median of `indexing.refresh(provider, pk)` and of `item.save()` (which
re-indexes through the signal and writes the audit log) over `--saves` items, and a full
`indexing.rebuild()` of everything.
(c) the peer finder: ~100 authorities get profiles with topics and structures, then
`queries.peers(a)` runs once for each of the 432 authorities: total and per call.

Every backend runs in a fresh process against a throwaway database: a temporary SQLite file,
and with --postgres (or BENCH_POSTGRES_URL) a database `engagiert_bench_search_<corpus>_<items>`
created through the given admin URL and dropped afterwards (`--database` names it). With
--keep both stay (var/<database>.sqlite3 and the PostgreSQL database) and are filled only
once, so a second run measures at once. The configured DATABASE_URL is never touched.
"""

import argparse
import io
import os
import random
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import common
from common import argument_parser, django_setup, print_pages, time_pages
from registry_bench import REGISTRY_FILE

BENCH_DATABASE = "engagiert_bench_search"
QUERIES = (
    ("common", "Ehrenamtskarten"),  # inflection
    ("common", "Ehrenamt"),
    ("common", "Engagement"),
    ("common", "Verein"),
    ("common", "Quartier"),
    ("common", "Hilfe"),
    ("common", "Karte"),
    ("part", "Flüchtlinge"),  # part of »Flüchtlingshilfe«
    ("part", "Strategie"),  # part of »Engagementstrategie«
    ("compound", "Buergerbeteiligung"),  # umlaut spelled out
    ("compound", "Fluechtlingshilfe"),
    ("compound", "Seniorenbegleitung"),
    ("typo", "Ehrenamtskrte"),
    ("typo", "Engagmentstrategie"),
    ("typo", "Seniorenbegleitng"),
    ("words", "Nachbarschaftshilfe im Quartier"),
    ("words", "Jugendbeteiligung Sportverein Kreis"),
    ("words", "Engagementstrategie Beispiel"),
    ("words", "Flüchtlingshilfe Koordination"),
    ("words", "Digitalisierung Vereine"),
    ("words", "Ehrenamt Rathaus"),
    ("words", "Wuppertal Integration"),
    ("phrase", '"Runder Tisch"'),
    ("synonym", "Geflüchtete"),
    ("synonym", "Stadtteil"),
    ("name", "Mönchengladbach"),  # municipalities
    ("name", "Lünen"),
    ("name", "Köln"),
    ("rare", "Treuhandstiftung"),
    ("rare", "Raumfahrtprogramm"),
    ("rare", "Xylophon"),
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


def fill(items: int, corpus: str) -> tuple[float, float]:
    """The registry and `items` items of `corpus`, unless the database holds them already (a
    kept one); returns (import s, items and rebuild s)."""
    from django.core.management import call_command

    from engagiert.knowledge.models import KnowledgeItem
    from engagiert.registry.services import registry_import

    if KnowledgeItem.objects.exists():
        return 0.0, 0.0
    imported = timed(
        lambda: registry_import(data=REGISTRY_FILE.read_bytes(), source=REGISTRY_FILE.name)
    )
    if corpus == "demo":
        generated = timed(lambda: demo_corpus(items))
    else:
        generated = timed(lambda: call_command("generate_corpus", items, stdout=io.StringIO()))
    return imported, generated


def demo_texts() -> tuple[list[str], list[str]]:
    """The titles and the sentences of the demo's German texts."""
    from engagiert.demo import data, news, opportunities

    strings: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    for module in (data, news, opportunities):
        for name, value in vars(module).items():
            if name.isupper():
                walk(value)
    sentences = [
        sentence
        for text in strings
        if len(text) >= 60
        for sentence in re.split(r"(?<=[.!?])\s+", text)
        if len(sentence) > 30
    ]
    titles = [
        text
        for text in strings
        if 12 <= len(text) <= 100 and " " in text and text[0].isupper() and "@" not in text
    ]
    return sorted(set(titles)), sorted(set(sentences))


def demo_corpus(items: int, seed: int = 2026) -> None:
    """`items` knowledge items made of the demo's texts with variation, then a rebuild."""
    from django.core.management import call_command

    from engagiert.knowledge.models import KnowledgeItem, Visibility
    from engagiert.registry.models import Authority

    rng = random.Random(seed)
    titles, sentences = demo_texts()
    authorities = list(Authority.objects.filter(kind__in=Authority.MUNICIPAL_KINDS))

    def text(n: int, place: str) -> str:
        picked = rng.sample(sentences, n)
        picked.insert(rng.randrange(n + 1), f"Erfahrungen aus {place}.")
        return " ".join(picked)

    def item() -> KnowledgeItem:
        authority = rng.choice(authorities)
        return KnowledgeItem(
            kind=rng.choice(KnowledgeItem.Kind.values),
            title=f"{rng.choice(titles)} ({authority.name})"[:200],
            summary=text(2, authority.name),
            approach=text(rng.randint(2, 6), authority.name),
            results=text(rng.randint(1, 4), authority.name),
            authority=authority,
            year=rng.randint(2012, 2026),
            is_synthetic=True,
            visibility=Visibility.MEMBERS if rng.random() < 0.2 else Visibility.PUBLIC,
        )

    KnowledgeItem.objects.bulk_create((item() for _ in range(items)), batch_size=1000)
    call_command("rebuild_search_index", stdout=io.StringIO())


def search_once(query: str) -> int:
    """What the search page does for one query, short of rendering the HTML: the search (with
    its »Meinten Sie« check and facets), the count, the first page of entries and their
    snippets; returns the number of hits."""
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


def raw_expression(query: str) -> str:
    """The engine query of the terms the search finds its hits with: all words, or the
    fallback level or the corrected spelling it used (the first that finds something)."""
    from engagiert.search import engine, fts

    results = engine.search(query, members=False)
    units = engine.parse(results.corrected or query)
    expressions = [fts.compile_query(level) for level in engine.levels(units)]
    return next((e for e in expressions if raw_once(e)), expressions[0])


@dataclass
class Row:
    kind: str
    query: str
    hits: int
    queries: int
    runs: int
    p50: float
    p95: float
    raw50: float
    raw95: float


def bench_search(runs: int, budget: float, min_runs: int = MIN_RUNS) -> list[Row]:
    """One row per query: `runs` runs, or fewer (but at least `min_runs`) when they would take
    longer than `budget` seconds; the raw engine query interleaved with the search."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    rows = []
    for kind, query in QUERIES:
        expression = raw_expression(query)
        search_once(query)  # warm up
        raw_once(expression)
        reset_queries()  # DEBUG keeps a bounded log; start counting from an empty one
        with CaptureQueriesContext(connection) as captured:
            hits = search_once(query)
        samples: list[float] = []
        raw: list[float] = []
        while len(samples) < runs and (len(samples) < min_runs or sum(samples) < budget):
            samples.append(timed(partial(search_once, query)))
            raw.append(timed(partial(raw_once, expression)))
        rows.append(
            Row(
                kind, query, hits, len(captured), len(samples), *quantiles(samples), *quantiles(raw)
            )
        )
    return rows


def print_search(rows: list[Row]) -> None:
    print("\nthe search page's work (search + »Meinten Sie« + facets + count + page of 20 +")
    print("snippets, no HTML) against the raw engine query alone (LIMIT 20), interleaved")
    print(
        f"{'class':<9}{'query':<38}{'hits':>7}{'queries':>8}{'runs':>5}{'p50 ms':>8}"
        f"{'p95 ms':>8}{'raw p50':>8}{'raw p95':>8}{'p50 x':>7}{'p95 x':>7}"
    )
    for r in rows:
        print(
            f"{r.kind:<9}{r.query:<38}{r.hits:>7}{r.queries:>8}{r.runs:>5}{r.p50:>8.1f}"
            f"{r.p95:>8.1f}{r.raw50:>8.1f}{r.raw95:>8.1f}{r.p50 / max(r.raw50, 0.001):>7.1f}"
            f"{r.p95 / max(r.raw95, 0.001):>7.1f}"
        )
    print(f"\n{'class':<9}{'queries':>8}{'p50 ms':>8}{'p95 ms':>8}{'raw p95':>8}{'p95 x':>7}")
    for kind in dict.fromkeys(r.kind for r in rows):
        of = [r for r in rows if r.kind == kind]
        worst = max(of, key=lambda r: r.p95)
        print(
            f"{kind:<9}{len(of):>8}{statistics.median(r.p50 for r in of):>8.1f}"
            f"{worst.p95:>8.1f}{worst.raw95:>8.1f}{worst.p95 / max(worst.raw95, 0.001):>7.1f}"
        )
    worst = max(rows, key=lambda r: r.p95)
    over = [r for r in rows if r.p95 > 50]
    print(
        f"worst p95 {worst.p95:.1f} ms ({worst.query}; raw {worst.raw95:.1f} ms), "
        f"median p95 {statistics.median(r.p95 for r in rows):.1f} ms; "
        f"{len(over)} of {len(rows)} queries over 50 ms; worst ratio p95 page/raw among "
        f"queries whose raw p95 is 5 ms or more: "
        f"{max((r.p95 / r.raw95 for r in rows if r.raw95 >= 5), default=0):.1f}"
    )


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

    if Profile.objects.exists():  # a kept database measured before
        return Profile.objects.count()
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
    import platform

    django_setup(url)
    imported, generated = fill(args.items, args.corpus)
    from engagiert.search.models import SearchEntry

    print(
        f"\n== {label}: {args.corpus} corpus, {args.items:,} items + registry, "
        f"{SearchEntry.objects.count():,} search entries; {platform.node()}, "
        f"{os.cpu_count()} cores, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )
    if generated:
        print(f"(import {imported:.1f} s, items and rebuild {generated:.1f} s)")
    if args.measure in ("all", "search"):
        print_search(bench_search(args.runs, args.budget, args.min_runs))
        print_pages(bench_pages(args.requests))
    if args.measure in ("all", "indexing"):
        refresh_ms, save_ms, refresh_queries, save_queries, entries, rebuild_s = bench_indexing(
            args.saves
        )
        print(
            f"\nindexing one edited save, median of {args.saves}: indexing.refresh "
            f"{refresh_ms:.2f} ms ({refresh_queries} queries), item.save() {save_ms:.2f} ms "
            f"({save_queries} queries); full rebuild of {entries:,} entries {rebuild_s:.1f} s "
            f"= {rebuild_s / entries * 1e3:.2f} ms per entry"
        )
    if args.measure == "all":
        profiles = give_profiles()
        count, total, peer_p50, peer_p95, peer_queries, found = bench_peers()
        print(
            f"peers() for all {count} authorities ({profiles} with profiles): total "
            f"{total:.2f} s, per call p50 {peer_p50:.1f} ms / p95 {peer_p95:.1f} ms / mean "
            f"{total / count * 1e3:.1f} ms, {peer_queries} queries per call, Köln: {found} peers"
        )
    print(f"(load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())})")


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0])
    parser.set_defaults(requests=20)
    parser.add_argument("--items", type=int, default=50_000, help="knowledge items (5000 …)")
    parser.add_argument("--corpus", choices=("synthetic", "demo"), default="synthetic")
    parser.add_argument("--runs", type=int, default=100, help="runs of each query (at most)")
    parser.add_argument(
        "--budget", type=float, default=60.0, help="seconds per query before stopping early"
    )
    parser.add_argument("--min-runs", type=int, default=MIN_RUNS, help="runs despite the budget")
    parser.add_argument("--saves", type=int, default=200, help="items saved for (b)")
    parser.add_argument(
        "--measure",
        choices=("all", "search", "indexing"),
        default="all",
        help="search: (a) only; indexing: (b) only",
    )
    parser.add_argument("--keep", action="store_true", help="keep and reuse the databases")
    parser.add_argument("--only", choices=("sqlite", "postgres"), default="", help="one backend")
    args, _rest = parser.parse_known_args()
    database = args.database or f"{BENCH_DATABASE}_{args.corpus}_{args.items}"
    common.main(__file__, parser, run_backend, database)


if __name__ == "__main__":
    main()
