"""The German analysis of a text, the same at index and at query time and on every database.

A text becomes a list of *terms*: its words lower-cased, umlauts, ß and other accents folded
(»Bürger«, »Buerger« → »burg…«), German stop words dropped, every word reduced to its Snowball
stem. A compound is split into its parts with the noun lexicon of the `german-nouns` package
(about 250,000 word forms from the German Wiktionary, shipped with the package, read once per
process, nothing downloaded): »Engagementstrategie« gives the term »engagementstrategi« and the
parts »engagement« and »strategi«, so a search for »Strategie« finds it as a whole term, never as
a substring. The databases only see the finished terms (see fts.py), so SQLite and PostgreSQL
match exactly the same.
"""

import functools
import importlib.util
import re
import unicodedata
from pathlib import Path

import snowballstemmer

#: A word: letters and digits only (underscores and marks separate words, as in the engines).
WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STEMMER = snowballstemmer.stemmer("german")
#: Words shorter than this are never split; parts shorter than PART are never used.
COMPOUND = 7
PART = 3
#: The joints between the parts of a German compound (»Ehrenamt-s-karte«, »Senior-en-…«).
_JOINTS = ("", "s", "es", "n", "en", "e", "er", "ens")

STOP_WORDS = frozenset(
    {
        "aber",
        "alle",
        "allem",
        "allen",
        "aller",
        "alles",
        "als",
        "also",
        "am",
        "an",
        "ander",
        "andere",
        "anderem",
        "anderen",
        "anderer",
        "anderes",
        "auch",
        "auf",
        "aus",
        "bei",
        "beim",
        "bin",
        "bis",
        "bist",
        "da",
        "damit",
        "dann",
        "das",
        "dass",
        "dein",
        "deine",
        "dem",
        "den",
        "der",
        "des",
        "dessen",
        "die",
        "dies",
        "diese",
        "diesem",
        "diesen",
        "dieser",
        "dieses",
        "doch",
        "dort",
        "du",
        "durch",
        "ein",
        "eine",
        "einem",
        "einen",
        "einer",
        "eines",
        "er",
        "es",
        "etwas",
        "euch",
        "euer",
        "eure",
        "fur",
        "gegen",
        "hat",
        "hatte",
        "hatten",
        "hier",
        "hin",
        "ich",
        "ihm",
        "ihn",
        "ihnen",
        "ihr",
        "ihre",
        "im",
        "in",
        "ins",
        "ist",
        "jede",
        "jedem",
        "jeden",
        "jeder",
        "jedes",
        "jene",
        "jetzt",
        "kann",
        "kein",
        "keine",
        "man",
        "mein",
        "mich",
        "mir",
        "mit",
        "muss",
        "nach",
        "nicht",
        "noch",
        "nun",
        "nur",
        "ob",
        "oder",
        "ohne",
        "sehr",
        "sein",
        "seine",
        "sich",
        "sie",
        "sind",
        "so",
        "solche",
        "soll",
        "sondern",
        "um",
        "und",
        "uns",
        "unser",
        "unter",
        "vom",
        "von",
        "vor",
        "war",
        "waren",
        "was",
        "weil",
        "welche",
        "wenn",
        "wer",
        "wie",
        "wir",
        "wird",
        "wo",
        "zu",
        "zum",
        "zur",
        "uber",
    }
)


@functools.lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower case, ß as ss, umlauts and every other accent without its mark (memoised per
    word: a long text repeats its words)."""
    if word.isascii():
        return word.lower()
    word = word.lower().replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> list[tuple[str, str]]:
    """The words of a text that carry meaning (no stop words, no bare numbers), each as
    written and folded."""
    pairs = ((w, fold(w)) for w in WORD.findall(text))
    return [(w, f) for w, f in pairs if f and f not in STOP_WORDS and not f.isdigit()]


@functools.lru_cache(maxsize=200_000)
def _word(word: str) -> tuple[str, tuple[str, ...]] | None:
    folded = fold(word)
    if not folded or folded in STOP_WORDS or folded.isdigit():
        return None
    return stem(folded), tuple(stem(p) for p in parts(folded))


def analysed(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """The words of a text that carry meaning, each as written with its stem and the stems of
    its parts (what `tokens`, `stem` and `parts` give, memoised per word for indexing)."""
    found = []
    for word in WORD.findall(text):
        if (terms := _word(word)) is not None:
            found.append((word, *terms))
    return found


def words(text: str) -> list[str]:
    """The folded words of a text that carry meaning."""
    return [folded for _word, folded in tokens(text)]


@functools.lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    # Snowball reads »ue« between consonants as »ü«: »buerger« and »burger« share a stem.
    return str(_STEMMER.stemWord(word))


@functools.cache
def _lexicon() -> frozenset[str]:
    """Every noun form of the `german-nouns` lexicon, folded (its index: one form a line)."""
    spec = importlib.util.find_spec("german_nouns")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - installed
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "index.txt"
    letters = re.compile(r"[a-zäöüß]{3,}")
    with path.open(encoding="utf-8") as lines:
        return frozenset(
            fold(form)
            for line in lines
            if letters.fullmatch(form := line.partition("\t")[0].lower())
        )


def _modifier(part: str) -> str:
    """The noun form at the start of a compound (a first part without its joint), or ""."""
    lexicon = _lexicon()
    for joint in _JOINTS:
        base = part[: len(part) - len(joint)]
        if part.endswith(joint) and len(base) >= PART and base in lexicon:
            return base
    return ""


@functools.lru_cache(maxsize=50_000)
def parts(word: str) -> tuple[str, ...]:
    """The parts of a folded compound, longest head first (»engagementstrategie« →
    engagement, strategie); empty when the word is no compound the lexicon knows. Umlauts
    spelled out (»fluechtlingshilfe«) are read as umlauts when the word splits no other way."""
    found = _split(word)
    if not found and any(pair in word for pair in ("ae", "oe", "ue")):
        found = _split(word.replace("ae", "a").replace("oe", "o").replace("ue", "u"))
    return found


#: Endings of inflected forms: »kindern« is a form of »kind«, not »kind« + »ern«.
_ENDINGS = ("innen", "ern", "en", "er", "es", "in", "e", "n", "s")


#: Nouns that end many words without being their head (»Nachbar-schaft«, »Mitarbeit-ende«).
_SUFFIXES = frozenset({"schaft", "schaften", "ende", "enden", "heit", "keit", "ling", "linge"})


def _split(word: str) -> tuple[str, ...]:
    lexicon = _lexicon()
    for ending in _ENDINGS:
        base = word[: -len(ending)]
        if word.endswith(ending) and len(base) >= PART + 1 and base in lexicon:
            word = base
            break
    if len(word) < COMPOUND:
        return ()
    for cut in range(PART, len(word) - PART):
        head, modifier = word[cut:], word[:cut]
        if head not in lexicon or head in _SUFFIXES:
            continue
        if noun := _modifier(modifier):
            return (noun, *_split(noun), head)
        inner = _split(modifier)
        if inner:
            return (*inner, head)
    return ()


def terms(text: str) -> list[str]:
    """The stems of a text's words, in their order."""
    return [stem(w) for w in words(text)]


@functools.lru_cache(maxsize=100_000)
def word_terms(word: str) -> frozenset[str]:
    """The terms one word as written gives: its stem and the stems of its parts."""
    folded = fold(word)
    return frozenset((stem(folded), *(stem(p) for p in parts(folded))))
