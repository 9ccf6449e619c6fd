"""German full-text search over the documents every app provides (knowledge items, questions,
authorities with their network profile, events with their programme, partner organisations).

How German is handled, identically on SQLite and PostgreSQL:
- every word is lower-cased, and umlauts and ß are folded (»Bürger«, »Buerger« → »burger«);
- the Snowball German stemmer reduces inflection (»Ehrenamtskarten« → »ehrenamtskart«);
- a query word matches when its stem occurs *inside* an indexed word, which finds compounds
  (»Flüchtlinge« → »fluchtling« in »fluchtlingshilf«; »Strategie« → »strategi« in
  »engagementstrategi«);
- a word that matches nothing is replaced by the closest indexed word (typos within reason).
Ranking: a hit in the title counts three times, one in the text once. Members-only entries
are filtered out before anything is counted, so they never show up in results, snippets or
facet counts for the public. On PostgreSQL a trigram index serves the substring matching.
"""

import difflib
import html
import re
from collections.abc import Collection
from dataclasses import dataclass, field

import snowballstemmer
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils.safestring import SafeString, mark_safe

from engagiert.core.extensions import SearchDocument

from .models import SearchEntry, SearchTerm

_WORD = re.compile(r"\w+", re.UNICODE)
_STEMMER = snowballstemmer.stemmer("german")
MAX_QUERY_WORDS = 8
MIN_STEM = 3
SNIPPET_SCAN = 5000


def normalise(text: str) -> list[str]:
    """The stems of a text's words (lower case, umlauts folded by the German stemmer)."""
    words = [w.lower().replace("ß", "ss") for w in _WORD.findall(text) if not w.isdigit()]
    # The Snowball stemmer also treats »ue« as »ü«: »Buergerengagement« → »burgerengagement«.
    return [stem for stem in _STEMMER.stemWords(words) if stem]


def terms_of(text: str) -> str:
    return " " + " ".join(normalise(text)) + " "


def index(document: SearchDocument) -> SearchEntry:
    """Add or refresh one entry (and the vocabulary used for spelling suggestions)."""
    title_terms, body_terms = terms_of(document.title), terms_of(document.text)
    entry, _created = SearchEntry.objects.update_or_create(
        key=document.key,
        defaults={
            "kind": document.kind,
            "title": document.title[:300],
            "text": document.text,
            "url": document.url,
            "members_only": document.members_only,
            "title_terms": title_terms,
            "terms": title_terms + body_terms,
            "subkind": document.subkind,
            "topics": f" {' '.join(document.topics)} " if document.topics else "",
            "authority_kind": document.authority_kind,
            "region": document.region,
            "year": document.year,
        },
    )
    vocabulary = {term for term in (title_terms + body_terms).split() if 3 <= len(term) <= 100}
    SearchTerm.objects.bulk_create([SearchTerm(term=t) for t in vocabulary], ignore_conflicts=True)
    return entry


def unindex(key: str) -> None:
    SearchEntry.objects.filter(key=key).delete()


def _correct(stem: str) -> str:
    """The closest indexed word for a stem that matches nothing (same first letter).

    The vocabulary holds every indexed word, so asking it is the same as asking the (much
    larger) index whether the stem occurs anywhere."""
    if SearchTerm.objects.filter(term__contains=stem).exists():
        return stem
    candidates = SearchTerm.objects.filter(term__startswith=stem[:1]).values_list(
        "term", flat=True
    )[:20000]
    close = difflib.get_close_matches(stem, list(candidates), n=1, cutoff=0.75)
    return close[0] if close else stem


@dataclass
class Filters:
    kind: str = ""
    topic: str = ""
    authority_kind: str = ""
    region: str = ""
    year: int | None = None


@dataclass
class Results:
    query: str
    stems: list[str]
    entries: QuerySet[SearchEntry]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def visible_entries(members: bool | Collection[str]) -> QuerySet[SearchEntry]:
    """The entries someone may find: `members` is True for every members-only entry, False
    for none, or the kinds whose members-only entries they may see."""
    if members is True:
        return SearchEntry.objects.all()
    if not members:
        return SearchEntry.objects.filter(members_only=False)
    return SearchEntry.objects.filter(Q(members_only=False) | Q(kind__in=list(members)))


def search(
    query: str, *, members: bool | Collection[str], filters: Filters | None = None
) -> Results:
    """Entries matching every word of `query`, best first, with facet counts."""
    stems = [s for s in normalise(query[:300]) if len(s) >= MIN_STEM][:MAX_QUERY_WORDS]
    stems = [_correct(stem) for stem in dict.fromkeys(stems)]
    base = visible_entries(members)
    if not stems:
        return Results(query, [], base.none())
    for stem in stems:
        base = base.filter(terms__contains=stem)
    facets = _facets(base)
    filtered = _apply(base, filters or Filters())
    score = sum(
        (
            Case(
                When(title_terms__contains=stem, then=Value(3)),
                default=Value(0),
                output_field=IntegerField(),
            )
            for stem in stems
        ),
        Value(0, output_field=IntegerField()),
    )
    ranked = filtered.annotate(score=Coalesce(score, Value(0))).order_by("-score", "title")
    return Results(query, stems, ranked, facets)


def _apply(entries: QuerySet[SearchEntry], filters: Filters) -> QuerySet[SearchEntry]:
    if filters.kind:
        entries = entries.filter(Q(kind=filters.kind) | Q(subkind=filters.kind))
    if filters.topic:
        entries = entries.filter(topics__contains=f" {filters.topic} ")
    if filters.authority_kind:
        entries = entries.filter(authority_kind=filters.authority_kind)
    if filters.region:
        entries = entries.filter(region=filters.region)
    if filters.year:
        entries = entries.filter(year=filters.year)
    return entries


def _facets(entries: QuerySet[SearchEntry]) -> dict[str, list[tuple[str, int]]]:
    def counted(column: str) -> list[tuple[str, int]]:
        rows = (
            entries.exclude(**{column: ""})
            if column != "year"
            else entries.exclude(year__isnull=True)
        )
        values = rows.values(column).annotate(n=Count("pk")).order_by("-n", column)[:12]
        return [(str(row[column]), row["n"]) for row in values]

    topics: dict[str, int] = {}
    for value in entries.exclude(topics="").values_list("topics", flat=True)[:5000]:
        for slug in value.split():
            topics[slug] = topics.get(slug, 0) + 1
    return {
        "kind": counted("subkind") or counted("kind"),
        "topic": sorted(topics.items(), key=lambda item: (-item[1], item[0]))[:12],
        "authority_kind": counted("authority_kind"),
        "region": counted("region"),
        "year": counted("year"),
    }


_PART_BREAK = re.compile(r"(?<![.!?:;,])\s*\n\s*")


def _gap(text: str) -> str:
    """The text between two words, escaped; a line break between parts of a document (a
    profile's structures, a programme's items) reads as a separator, not as a run-on."""
    return html.escape(re.sub(r"\s+", " ", _PART_BREAK.sub(" · ", text)))


def snippet(text: str, stems: list[str], width: int = 220) -> SafeString:
    """An excerpt around the first hit, with every matching word marked (HTML-escaped).

    Only the first SNIPPET_SCAN characters are searched for a hit: stemming a whole long PDF
    text for 220 characters of excerpt would cost a second per result."""
    text = text[:SNIPPET_SCAN]
    words = list(_WORD.finditer(text))
    hits = [m for m in words if any(s in terms_of(m.group()).strip() for s in stems)]
    start = max(hits[0].start() - width // 3, 0) if hits else 0
    if start:  # begin at a word, not inside one
        start = next((m.start() for m in words if m.start() >= start), start)
    excerpt = text[start : start + width]
    marked = []
    position = 0
    for match in _WORD.finditer(excerpt):
        marked.append(_gap(excerpt[position : match.start()]))
        word = html.escape(match.group())
        hit = any(s in terms_of(match.group()).strip() for s in stems)
        marked.append(f"<mark>{word}</mark>" if hit else word)
        position = match.end()
    marked.append(_gap(excerpt[position:]))
    prefix = "… " if start else ""
    suffix = " …" if start + width < len(text) else ""
    return mark_safe(prefix + "".join(marked) + suffix)  # noqa: S308 – every part is escaped
