"""German full-text search at /suche/ (C4): what a person typing German words finds.

The corpus below is small and realistic; the table of queries says, for each query, exactly
which titles it finds (and, where it matters, what it must never find) – for the public and for
members. The suite runs on SQLite and on PostgreSQL, so both backends answer every row alike.
"""

import datetime
import random
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from engagiert.accounts.models import User
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.extensions import search_providers
from engagiert.core.testing import data_shared_by_tests, search_planner_queries
from engagiert.events.models import Event
from engagiert.events.tests.factories import EventFactory
from engagiert.knowledge.models import Attachment, KnowledgeItem, Question, Visibility
from engagiert.knowledge.tests.factories import KnowledgeItemFactory, QuestionFactory
from engagiert.registry.models import Authority, Topic
from engagiert.registry.tests.factories import AuthorityFactory, TopicFactory
from engagiert.search import analysis, engine, indexing, queries
from engagiert.search.models import SearchTerm

SEARCH = "/suche/"

Kind = KnowledgeItem.Kind
PRACTICE, ADVICE, RESOURCE, DOCS = (
    Kind.PRACTICE,
    Kind.RECOMMENDATION,
    Kind.RESOURCE,
    Kind.DOCUMENTATION,
)

TOPICS = {
    "integration": "Integration und Teilhabe",
    "anerkennung": "Anerkennungskultur",
    "junge-menschen": "Junge Menschen",
    "engagementstrategie": "Engagementstrategie",
    "demografie": "Demografischer Wandel",
    "digitalisierung": "Digitalisierung",
    "unternehmensengagement": "Unternehmensengagement",
}

# (title, kind, summary, approach, municipality, topics, year)
PUBLIC_ITEMS = [
    (
        "Flüchtlingshilfe im Quartier",
        PRACTICE,
        "Ehrenamtliche Lotsen begleiten geflüchtete Familien bei Behördengängen und im Alltag.",
        "Ein Runder Tisch koordiniert Sprachpaten, Kleiderkammer und Hausaufgabenhilfe.",
        "Mönchengladbach",
        ["integration"],
        2016,
    ),
    (
        "Engagementstrategie für den Kreis",
        ADVICE,
        "Wie ein Kreis mit seinen Städten und Gemeinden Leitbild, Handlungsfelder und Ziele "
        "für das bürgerschaftliche Engagement entwickelt.",
        "Auftakt im Kreistag, danach Werkstätten in allen Kommunen.",
        "Kreis Unna",
        ["engagementstrategie"],
        2021,
    ),
    (
        "Ehrenamtskarte NRW eingeführt",
        PRACTICE,
        "Besonders engagierte Bürgerinnen und Bürger erhalten die Karte und damit "
        "Vergünstigungen in Museen, Bädern und bei Partnerbetrieben.",
        "Die Stadt hat zwanzig Partnerbetriebe gewonnen und gibt die Karte im Bürgerbüro aus.",
        "Lünen",
        ["anerkennung"],
        2019,
    ),
    (
        "Bürgerengagement und Straßenfeste",
        PRACTICE,
        "Nachbarschaften organisieren Straßenfeste; die Stadt übernimmt Genehmigungen und "
        "Versicherung.",
        "",
        "Mönchengladbach",
        [],
        2018,
    ),
    (
        "Unternehmensengagement: Corporate Volunteering",
        RESOURCE,
        "Mitarbeitende lokaler Betriebe engagieren sich einen Tag im Jahr in sozialen "
        "Einrichtungen.",
        "",
        None,
        ["unternehmensengagement"],
        2020,
    ),
    (
        "Jugendbeteiligung im Jugendparlament",
        PRACTICE,
        "Jugendliche zwischen 14 und 21 Jahren beraten den Rat in allen Fragen, die junge "
        "Menschen betreffen.",
        "",
        "Lünen",
        ["junge-menschen"],
        2022,
    ),
    (
        "Seniorenbegleitung durch Ehrenamtliche",
        PRACTICE,
        "Geschulte Freiwillige besuchen ältere Menschen zu Hause, gehen mit ihnen spazieren "
        "und begleiten sie zum Arzt.",
        "",
        "Dortmund",
        ["demografie"],
        2017,
    ),
    (
        "Anerkennungskultur im Ehrenamt",
        ADVICE,
        "Dankeschön-Abende, Urkunden und Fortbildungen zeigen Ehrenamtlichen, dass ihr Einsatz "
        "geschätzt wird.",
        "Auch die Ehrenamtskarte gehört zu einer lebendigen Anerkennungskultur.",
        None,
        ["anerkennung"],
        2020,
    ),
    (
        "Freiwilligenagentur gründen",
        RESOURCE,
        "Schritt für Schritt: Träger, Finanzierung und Räume für eine Freiwilligenagentur.",
        "",
        None,
        [],
        2015,
    ),
    (
        "Klimaschutz mit Bürgerinnen und Bürgern",
        PRACTICE,
        "Energiesparberatung und Reparaturcafés: Ehrenamtliche helfen Haushalten beim Klimaschutz.",
        "",
        "Dortmund",
        [],
        2023,
    ),
    (
        "Digitalisierung im Verein",
        RESOURCE,
        "Online-Mitgliederverwaltung, Videokonferenzen und Datenschutz für kleine Vereine.",
        "",
        None,
        ["digitalisierung"],
        2021,
    ),
    (
        "Sportvereine auf dem Land stärken",
        PRACTICE,
        "Übungsleiterinnen gewinnen und halten: ein Programm für Sportvereine in kleinen "
        "Gemeinden.",
        "",
        None,
        [],
        2019,
    ),
    (
        "Patenschaften für Kinder",
        PRACTICE,
        "Lesepaten und Mentorinnen begleiten Kinder in der Grundschule.",
        "",
        "Dortmund",
        ["junge-menschen"],
        2018,
    ),
    (
        "Integrationslotsen ausbilden",
        DOCS,
        "Dokumentation des Fachtags: wie Kommunen Integrationslotsen gewinnen, schulen und "
        "begleiten.",
        "",
        None,
        ["integration"],
        2017,
    ),
    (
        "Nachbarschaftshilfe in der Pandemie",
        PRACTICE,
        "Einkaufshilfe und Telefonketten für Menschen in Quarantäne.",
        "",
        "Lünen",
        [],
        2020,
    ),
    (
        "Wirkungsmessung für Engagementprojekte",
        RESOURCE,
        "Indikatoren und einfache Fragebögen machen die Wirkung von Projekten sichtbar.",
        "",
        None,
        [],
        2022,
    ),
    (
        "Koordinierungsstelle Ehrenamt einrichten",
        ADVICE,
        "Eine Stabsstelle im Rathaus bündelt Anfragen von Vereinen und Freiwilligen.",
        "",
        None,
        [],
        2019,
    ),
    (
        "Bürgerbeteiligung bei der Stadtentwicklung",
        PRACTICE,
        "Bürgerwerkstätten und Online-Dialoge zur Gestaltung des Marktplatzes.",
        "",
        "Mönchengladbach",
        [],
        2021,
    ),
    (
        "Stiftungen als Partner",
        RESOURCE,
        "Wie Bürgerstiftungen Engagementprojekte fördern und Kommunen Zustiftungen gewinnen.",
        "",
        None,
        [],
        2018,
    ),
    (
        "Ehrenamtsmesse im Rathaus",
        DOCS,
        "Vereine stellen sich vor; Interessierte finden passende Einsatzmöglichkeiten.",
        "",
        "Kreis Unna",
        [],
        2023,
    ),
    (
        "Fortbildung für Vereinsvorstände",
        RESOURCE,
        "Satzung, Haftung und Steuern: Grundlagen für Vorstände kleiner Vereine.",
        "",
        None,
        [],
        2024,
    ),
    (
        "Engagement im ländlichen Raum",
        ADVICE,
        "Dorfläden, Bürgerbusse und Dorfgemeinschaftshäuser leben vom Engagement der "
        "Bewohnerinnen und Bewohner.",
        "",
        None,
        ["demografie"],
        2022,
    ),
    (
        "Straßenfußball für Toleranz",
        PRACTICE,
        "Ein Turnier bringt Jugendliche aus vielen Kulturen zusammen; Fußball verbindet.",
        "",
        "Dortmund",
        ["integration", "junge-menschen"],
        2019,
    ),
    (
        "Sicherheit im Netz für Vereine",
        RESOURCE,
        "Tipps zum Passwortschutz <script>alert('x')</script> und zu sicheren Konten für "
        "Vereine & Initiativen.",
        "",
        None,
        ["digitalisierung"],
        2024,
    ),
]

SECRET = "Interne Auswertung Förderbudget"
SECRET_TEXT = (
    "Vertrauliche Zahlen der Mitgliedskommunen zum Förderbudget für die Ehrenamtskarte und "
    "die Flüchtlingshilfe."
)
ARCHIVED = "Ehrenamtskarte: alte Antragsformulare"
QUESTION = "Wie finanziert ihr eure Freiwilligenagentur?"
EVENT = "Fachtag Ehrenamtskarte"
WORKSHOP = "Werkstatt Jugendbeteiligung"
DRAFT = "Klausurtagung Engagementstrategie"


@dataclass
class Corpus:
    items: dict[str, KnowledgeItem]
    places: dict[str, Authority]
    topics: dict[str, Topic]
    events: dict[str, Event]
    question: Question


def at(year: int, month: int, day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, 10))


def _corpus() -> Corpus:
    """~25 public items, one members-only and one archived item, six municipalities, three
    events (one a draft) and a question of the collegial advice."""
    duesseldorf = AuthorityFactory(
        ags="051", name="Regierungsbezirk Düsseldorf", kind=Authority.Kind.REGION
    )
    arnsberg = AuthorityFactory(
        ags="059", name="Regierungsbezirk Arnsberg", kind=Authority.Kind.REGION
    )
    unna = AuthorityFactory(
        ags="05978",
        name="Kreis Unna",
        kind=Authority.Kind.DISTRICT,
        parent=arnsberg,
        region=arnsberg,
        population=394_000,
    )
    places = {
        a.name: a
        for a in (
            duesseldorf,
            arnsberg,
            unna,
            AuthorityFactory(
                ags="05116000",
                name="Mönchengladbach",
                parent=duesseldorf,
                region=duesseldorf,
                population=261_000,
            ),
            AuthorityFactory(
                ags="05978024",
                name="Lünen",
                kind=Authority.Kind.TOWN,
                parent=unna,
                district=unna,
                region=arnsberg,
                population=86_000,
            ),
            AuthorityFactory(
                ags="05913000",
                name="Dortmund",
                parent=arnsberg,
                region=arnsberg,
                population=587_000,
            ),
        )
    }
    topics = {slug: TopicFactory(slug=slug, name=name) for slug, name in TOPICS.items()}
    items = {}
    for title, kind, summary, approach, place, slugs, year in PUBLIC_ITEMS:
        items[title] = KnowledgeItemFactory(
            title=title,
            kind=kind,
            summary=summary,
            approach=approach,
            authority=places[place] if place else None,
            topics=[topics[s] for s in slugs],
            year=year,
        )
    items[SECRET] = KnowledgeItemFactory(
        title=SECRET,
        summary=SECRET_TEXT,
        authority=places["Lünen"],
        topics=[topics["anerkennung"]],
        year=2024,
        visibility=Visibility.MEMBERS,
    )
    items[ARCHIVED] = KnowledgeItemFactory(
        title=ARCHIVED,
        summary="Veraltete Formulare für die Ehrenamtskarte.",
        year=2012,
        status=KnowledgeItem.Status.ARCHIVED,
    )
    events = {
        EVENT: EventFactory(
            title=EVENT,
            starts_at=at(2026, 3, 14),
            venue_name="Rathaus Lünen",
            description="Erfahrungen mit der Ehrenamtskarte NRW und neue Partnerbetriebe.",
        ),
        WORKSHOP: EventFactory(
            title=WORKSHOP,
            starts_at=at(2025, 9, 20),
            venue_name="Jugendzentrum",
            description="Wie Kommunen Jugendliche wirksam beteiligen.",
        ),
        DRAFT: EventFactory(
            title=DRAFT,
            status=Event.Status.DRAFT,
            starts_at=at(2026, 5, 4),
            venue_name="Kreishaus",
            description="Noch nicht veröffentlicht: die Engagementstrategie im Kreistag.",
        ),
    }
    events[EVENT].topics.set([topics["anerkennung"]])
    question = QuestionFactory(
        title=QUESTION,
        body="Wir suchen Erfahrungen mit Zuschüssen für eine Freiwilligenagentur auf dem Land.",
    )
    return Corpus(items, places, topics, events, question)


@pytest.fixture(scope="module")
def _shared_corpus(request, django_db_setup, django_db_blocker):
    with data_shared_by_tests(request, django_db_blocker, _corpus) as fresh_copy:
        yield fresh_copy


@pytest.fixture
def corpus(db, _shared_corpus) -> Corpus:
    """The corpus is built once for the module (most of a test's work otherwise); each test gets
    its own copy, and what it changes in the database is rolled back after it."""
    return _shared_corpus()


def titles(query: str, *, members: bool = False, **filters: Any) -> list[str]:
    """The titles a search finds, best first."""
    results = engine.search(query, members=members, filters=engine.Filters(**filters))
    return [entry.title for entry in results.entries]


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def hit_count(response: HttpResponse) -> str:
    """The German »n Treffer« line of a results page."""
    found = re.search(r'class="kern-body result-count" role="status">([^<]*)<', response.text)
    assert found, "no result count on the page"
    return found.group(1)


# --- The table: German queries and what they find ------------------------------------------

NRW_CARD = "Ehrenamtskarte NRW eingeführt"
CULTURE = "Anerkennungskultur im Ehrenamt"  # mentions the Ehrenamtskarte in its text only
REFUGEES = "Flüchtlingshilfe im Quartier"
STRATEGY = "Engagementstrategie für den Kreis"
STREET = "Bürgerengagement und Straßenfeste"
FOOTBALL = "Straßenfußball für Toleranz"
SENIORS = "Seniorenbegleitung durch Ehrenamtliche"
CHILDREN = "Patenschaften für Kinder"
LOTSEN = "Integrationslotsen ausbilden"
AGENCY = "Freiwilligenagentur gründen"
CLIMATE = "Klimaschutz mit Bürgerinnen und Bürgern"
DIGITAL = "Digitalisierung im Verein"
YOUTH = "Jugendbeteiligung im Jugendparlament"
FAIR = "Ehrenamtsmesse im Rathaus"
COORDINATION = "Koordinierungsstelle Ehrenamt einrichten"
NEIGHBOURS = "Nachbarschaftshilfe in der Pandemie"
PARTICIPATION = "Bürgerbeteiligung bei der Stadtentwicklung"
FOUNDATIONS = "Stiftungen als Partner"
BOARDS = "Fortbildung für Vereinsvorstände"
SPORT = "Sportvereine auf dem Land stärken"
SAFETY = "Sicherheit im Netz für Vereine"
VOLUNTEERING = "Unternehmensengagement: Corporate Volunteering"
RURAL = "Engagement im ländlichen Raum"
IMPACT = "Wirkungsmessung für Engagementprojekte"
CARD_HITS = (NRW_CARD, EVENT, CULTURE)
ASSOCIATIONS = (DIGITAL, BOARDS, SAFETY, SPORT, FAIR, COORDINATION)
VOLUNTEERS = (CULTURE, NRW_CARD, FAIR, EVENT, COORDINATION, SENIORS, REFUGEES, CLIMATE)


@dataclass(frozen=True)
class Row:
    """A query, exactly what the public finds, what it must never find, what members find
    besides. `exact=False`: the row names only some of the hits (the others are incidental)."""

    query: str
    finds: tuple[str, ...]
    misses: tuple[str, ...] = ()
    members_also: tuple[str, ...] = ()
    exact: bool = True


QUERIES = [
    # Inflection: the Snowball stemmer reduces both sides to the same stem.
    Row("Ehrenamtskarten", CARD_HITS, misses=(ARCHIVED,), members_also=(SECRET,)),
    Row("Quartiere", (REFUGEES,)),
    Row("Vereinen", ASSOCIATIONS),
    Row("Patenschaft", (CHILDREN,)),
    Row("Kindern", (CHILDREN,)),
    Row("Begleitung", (SENIORS, REFUGEES, LOTSEN, CHILDREN)),  # »begleiten« in the texts
    Row("Partnerbetrieb", (NRW_CARD, EVENT)),
    # … and through the synonym list »Freiwillige«, »bürgerschaftliches Engagement«.
    Row("Ehrenamtliche", (*VOLUNTEERS, AGENCY, STRATEGY), members_also=(SECRET, QUESTION)),
    # Compounds: a query word found as the first or the last part of a longer word.
    Row("Flüchtlinge", (REFUGEES,), members_also=(SECRET,)),
    Row("Strategie", (STRATEGY,), misses=(DRAFT,)),
    Row(
        "Engagement",
        (STREET, RURAL, STRATEGY, VOLUNTEERING, IMPACT, FOUNDATIONS),
        misses=(DRAFT,),
    ),
    Row("Hilfe", (REFUGEES, NEIGHBOURS), members_also=(SECRET,)),
    Row("Karte", CARD_HITS, misses=(ARCHIVED,), members_also=(SECRET,)),
    Row("Beteiligung", (PARTICIPATION, YOUTH, WORKSHOP)),
    Row("Agentur", (AGENCY,), members_also=(QUESTION,)),
    Row("Fußball", (FOOTBALL,)),
    Row("Stiftung", (FOUNDATIONS,)),
    Row("Vorstand", (BOARDS,)),
    # Umlauts and ß, spelled out or not.
    Row("Buergerengagement", (STREET,)),
    Row("Strasse", (STREET, FOOTBALL)),
    Row("Straße", (STREET, FOOTBALL)),
    Row("Fluechtlingshilfe", (REFUGEES,), members_also=(SECRET,)),
    Row("Moenchengladbach", ("Mönchengladbach",)),
    Row("Duesseldorf", ("Regierungsbezirk Düsseldorf", "Mönchengladbach")),
    # »lun« also occurs inside »Vo-lun-teering« and »Hand-lun-gsfelder«: a short stem over-matches.
    Row("Luenen", ("Lünen", EVENT), exact=False),
    # Case does not matter.
    Row("EHRENAMTSKARTE", CARD_HITS, members_also=(SECRET,)),
    Row("flüchtlingshilfe", (REFUGEES,), members_also=(SECRET,)),
    Row("STRASSE", (STREET, FOOTBALL)),
    # Several words: every one must match; stop words are ignored.
    Row("Vereine Digitalisierung", (DIGITAL, SAFETY), misses=(SPORT,)),  # SAFETY by its topic
    Row("Kinder Grundschule", (CHILDREN,)),
    Row("Senioren Arzt", (SENIORS,)),
    Row("Hilfe im Quartier", (REFUGEES,), misses=(NEIGHBOURS,)),
    # No entry holds both: each word alone (ranked as a partial match, see the ranking tests).
    Row("Kinder Klimaschutz", (CHILDREN, CLIMATE)),
    # Typos: a query that finds nothing finds what its closest indexed spelling finds.
    Row("Ehrenamtskrte", CARD_HITS, members_also=(SECRET,)),
    Row("Engagmentstrategie", (STRATEGY,)),
    Row("Seniorenbegleitng", (SENIORS,)),
    Row("Klimaschuts", (CLIMATE,)),
    Row("Freiwiligenagentur", (AGENCY,), members_also=(QUESTION,)),
    Row("Digitalisirung", (DIGITAL, SAFETY)),
    # The questions an officer types (issue 12): most words when no entry holds all of them.
    Row("Engagementstrategie Beispiel", (STRATEGY,), misses=(DRAFT,)),
    Row("Flüchtlingshilfe Koordination", (REFUGEES,), members_also=(SECRET,)),
    Row("Digitalisierung Vereine", (DIGITAL, SAFETY), misses=(SPORT,)),
    Row("Beispiel für die Engagementstrategie", (STRATEGY,)),  # stop words do not matter
    # »Geflüchtete« finds »geflüchtete Familien«, and through the synonym list »Flüchtlinge«.
    Row("Geflüchtete", (REFUGEES,), members_also=(SECRET,)),
    Row("Stadtteil", (REFUGEES,)),  # a synonym of »Quartier«
    # A name matches as a whole word: »Lünen« never finds »Volunteering« or »Handlungsfelder«.
    Row("Lünen", ("Lünen", EVENT), misses=(VOLUNTEERING, STRATEGY), exact=False),
    Row("Raum", (RURAL, AGENCY)),  # »Räume«; a known word is never »corrected« (»Rahm«)
    # Phrases in quotes: the words one after the other.
    Row('"Runder Tisch"', (REFUGEES,)),
    Row('"Tisch Runder"', ()),
    Row('"Ehrenamtskarte NRW"', (NRW_CARD, EVENT)),
    # Municipalities and events are found beside the knowledge items.
    Row("Mönchengladbach", ("Mönchengladbach",)),
    Row("Unna", ("Kreis Unna",)),
    Row("Fachtag", (EVENT, LOTSEN)),
    Row("Jugendliche", (YOUTH, WORKSHOP, FOOTBALL, CHILDREN)),  # the synonym »junge Menschen«
    Row("Corporate Volunteering", (VOLUNTEERING,)),
    Row("NRW", (NRW_CARD, EVENT)),
    # Never for the public: members-only items and questions; never for anyone: archived
    # items and draft events; numbers alone are not searched.
    Row("Förderbudget", (), misses=(SECRET,), members_also=(SECRET,)),
    Row("Freiwilligenagentur", (AGENCY,), misses=(QUESTION,), members_also=(QUESTION,)),
    Row("Antragsformulare", (), misses=(ARCHIVED,)),
    Row("Klausurtagung", (), misses=(DRAFT,)),
    Row("2019", ()),
]


@pytest.mark.parametrize("members", [False, True], ids=["public", "members"])
@pytest.mark.parametrize("row", QUERIES, ids=[row.query for row in QUERIES])
def test_german_queries_find_what_they_should(corpus, row, members):
    found = titles(row.query, members=members)

    expected = set(row.finds) | (set(row.members_also) if members else set())
    assert len(found) == len(set(found)), "every object is found once"
    if row.exact:
        assert sorted(found) == sorted(expected)
    else:
        assert expected <= set(found)
    never = set(row.misses) - (set(row.members_also) if members else set())
    assert not never & set(found)


def test_a_search_page_shows_the_hits_in_german(corpus):
    response = Client().get(SEARCH, {"q": "Ehrenamtskarten"})

    assert response.status_code == 200
    assert hit_count(response) == "3 Treffer"
    for title in CARD_HITS:
        assert title in response.text
    assert corpus.items[NRW_CARD].get_absolute_url() in response.text


def test_a_search_without_hits_says_so_in_german(corpus):
    response = Client().get(SEARCH, {"q": "Xylophonkonzert"})

    assert response.status_code == 200
    assert hit_count(response) == "0 Treffer"
    assert "Nichts gefunden. Versuchen Sie weniger oder andere Wörter." in response.text


def test_past_the_hit_limit_the_count_says_more_than_and_the_first_hits_are_counted(
    corpus, monkeypatch
):
    monkeypatch.setattr(engine, "HIT_LIMIT", 2)  # »Ehrenamtskarte« finds 3 for the public

    results = engine.search("Ehrenamtskarte", members=False)
    response = Client().get(SEARCH, {"q": "Ehrenamtskarte"})

    assert results.more
    assert [e.title for e in results.entries] == [EVENT, NRW_CARD]  # the newest title hits
    assert results.facets["topic"] == [("anerkennung", 2)]
    assert hit_count(response) == "Mehr als 2 Treffer"
    assert (
        "Bei so vielen Treffern kommen die mit den Suchwörtern im Titel oder in den Themen "
        "zuerst, dann die neuesten. Die Filter zählen die ersten 2 Treffer" in response.text
    )
    assert CULTURE not in response.text


def test_a_filter_past_the_hit_limit_finds_hits_beyond_the_best(corpus, monkeypatch):
    monkeypatch.setattr(engine, "HIT_LIMIT", 2)

    filtered = engine.search("Ehrenamtskarte", members=False, filters=engine.Filters(kind=ADVICE))

    assert [e.title for e in filtered.entries] == [CULTURE]  # ranked third of all
    assert not filtered.more
    assert filtered.facets_capped


def test_below_the_hit_limit_the_count_is_exact(corpus):
    results = engine.search("Ehrenamtskarte", members=False)

    assert not results.more
    assert not results.facets_capped
    assert "Die Filter zählen" not in Client().get(SEARCH, {"q": "Ehrenamtskarte"}).text


# --- Ranking ----------------------------------------------------------------------------------


def test_a_hit_in_the_title_ranks_above_a_hit_in_the_text_only(corpus):
    found = titles("Ehrenamtskarte")

    # Both title hits first (the shorter title is the closer match), the text-only mention last.
    assert found == [EVENT, NRW_CARD, CULTURE]


def test_more_words_in_the_title_rank_higher(corpus):
    # The word itself in the title before a compound containing it.
    assert titles("Ehrenamt Rathaus") == [FAIR, COORDINATION, EVENT]
    found = titles("Jugendliche")
    assert found[0] == YOUTH  # twice in the title (as a compound's part)
    assert found[-1] == CHILDREN  # only its topic »Junge Menschen«, a synonym


# The first hits a query must give, in this order (the ranking of the engine docstring).
TOP = [
    ("Mönchengladbach", ["Mönchengladbach"]),  # the name first, then what mentions it
    ("Lünen", ["Lünen"]),
    ("Strategie", [STRATEGY]),
    ("Engagementstrategie Beispiel", [STRATEGY]),
    ("Flüchtlingshilfe Koordination", [REFUGEES]),
    ("Digitalisierung Vereine", [DIGITAL, SAFETY]),  # in the title before by its topic only
    ("Ehrenamt Rathaus", [FAIR, COORDINATION, EVENT]),
    ("Klimaschutz", [CLIMATE]),
]


@pytest.mark.parametrize(("query", "top"), TOP, ids=[query for query, _top in TOP])
def test_the_best_hits_come_first(corpus, query, top):
    assert titles(query)[: len(top)] == top


def test_the_city_comes_before_everything_that_mentions_it(corpus):
    cologne = AuthorityFactory(ags="05315000", name="Köln", population=1_080_000)
    congress = KnowledgeItemFactory(
        title="Engagementkongress Köln: Dokumentation",
        kind=DOCS,
        summary="Die Dokumentation des Kongresses in Köln mit allen Vorträgen aus Köln.",
        year=2025,
    )
    for number in range(12):
        KnowledgeItemFactory(
            title=f"Projekt {number} der Stadt",
            summary="Ein Beispiel aus Köln, wie Vereine und Stadt zusammenarbeiten.",
            authority=cologne,
            year=2015,
        )

    found = titles("Köln")

    assert found[0] == "Köln"
    assert found[1] == congress.title  # the name in its title, not just in the text


def test_past_the_hit_limit_title_and_topic_hits_come_first_then_the_rest_newest_first(
    corpus, monkeypatch
):
    AuthorityFactory(ags="05315000", name="Köln", population=1_080_000)
    old, new, undated, often, once, oldest = (
        KnowledgeItemFactory(title=title, summary=summary, year=year)
        for title, summary, year in [
            ("Köln engagiert sich", "Ein Netzwerk.", 2012),
            ("Ehrenamt in Köln", "Eine Börse.", 2024),
            ("Köln hilft", "Ein Aufruf.", None),
            ("Projekt Domplatte", "Köln, Köln und noch einmal Köln: ein Fest in Köln.", 2016),
            ("Projekt Rheinufer", "Ein Beispiel aus Köln.", 2023),
            ("Projekt Altstadt", "Ein Beispiel aus Köln.", 2010),
        ]
    )
    ranked = titles("Köln")
    assert ranked.index(often.title) < ranked.index(once.title)  # scored: more mentions first

    monkeypatch.setattr(engine, "HIT_LIMIT", 6)  # seven matches: put in order, not scored
    found = titles("Köln")

    assert found == ["Köln", new.title, old.title, undated.title, once.title, often.title]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the head is PostgreSQL's column")
def test_the_head_holds_the_terms_of_title_and_topics_as_migration_0008_derives_them(corpus):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), count(*) FILTER (WHERE head <> ts_filter(document, '{a,b}')), "
            "count(*) FILTER (WHERE head = '') FROM search_searchentry"
        )
        entries, different, empty = cursor.fetchone()

    assert entries > 20
    assert (different, empty) == (0, 0)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner setting")
def test_a_search_leaves_the_planner_as_it_found_it_within_a_transaction(corpus):
    def sequential_scans() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            return cursor.fetchone()[0]

    assert connection.in_atomic_block
    engine.search("Ehrenamt", members=False)

    assert sequential_scans() == "on"


def test_a_tie_is_never_broken_by_the_alphabet(corpus):
    first = KnowledgeItemFactory(title="Zeitspende", summary="Zeitspende", year=2020)
    second = KnowledgeItemFactory(title="Zeitspende", summary="Zeitspende", year=2020)

    assert [e.pk for e in engine.search("Zeitspende", members=False).entries] == [
        engine.SearchEntry.objects.get(key__endswith=f":{second.pk}").pk,
        engine.SearchEntry.objects.get(key__endswith=f":{first.pk}").pk,
    ]


# --- Helping the searcher -----------------------------------------------------------------------


def test_a_typo_that_finds_nothing_shows_the_hits_of_the_right_spelling_and_says_so(corpus):
    response = Client().get(SEARCH, {"q": "Ehrenamtskrte"})

    assert hit_count(response) == "3 Treffer"
    assert (
        "Für »Ehrenamtskrte« wurde nichts gefunden. Angezeigt werden die Treffer für "
        "»Ehrenamtskarte«." in response.text
    )


def test_a_word_the_index_does_not_know_offers_did_you_mean_as_a_link(corpus):
    results = engine.search("Ehrenamtskarte Rathauss", members=False)
    response = Client().get(SEARCH, {"q": "Ehrenamtskarte Rathauss"})

    assert results.suggestion == "Ehrenamtskarte Rathaus"
    assert results.partial  # »Rathauss« matches nothing: the hits hold the other word
    assert 'Meinten Sie <a class="kern-link" href="?q=Ehrenamtskarte%20Rathaus">' in (response.text)


def test_a_known_word_is_never_corrected(corpus):
    results = engine.search("Raum", members=False)

    assert results.suggestion == results.corrected == ""
    assert [e.title for e in results.entries] == [RURAL, AGENCY]


def test_zero_hits_offer_the_topics(corpus):
    response = Client().get(SEARCH, {"q": "Xylophonkonzert"})

    assert hit_count(response) == "0 Treffer"
    assert "Oder stöbern Sie in einem Thema:" in response.text
    assert "topic=anerkennung" in response.text
    assert "Anerkennungskultur</a>" in response.text


def test_zero_hits_offer_close_words(corpus):
    results = engine.search("Partnerbetrib Xylophon", members=False)

    assert results.corrected == "Partnerbetrieben Xylophon"
    assert "Partnerbetrieben" in results.close_words


def test_the_public_is_never_offered_a_word_only_members_only_content_holds(corpus):
    public = engine.search("Förderbudgt", members=False)
    members = engine.search("Förderbudgt", members=True)

    assert public.suggestion == ""
    assert public.close_words == []
    assert list(public.entries) == []
    assert members.corrected == "Förderbudget"
    assert [e.title for e in members.entries] == [SECRET]


def test_a_member_who_may_see_some_kinds_is_never_offered_a_word_of_another_kind(corpus):
    other_kinds = {p.kind for p in search_providers} - {"knowledge"}
    every_kind = {p.kind for p in search_providers}

    partial = engine.search("Förderbudgt", members=other_kinds)
    whole = engine.search("Förderbudgt", members=every_kind)

    assert partial.suggestion == partial.corrected == ""
    assert partial.close_words == []
    assert whole.corrected == "Förderbudget"


def test_the_vocabulary_loses_the_words_of_a_deleted_item(corpus):
    assert SearchTerm.objects.filter(term="klimaschutz").exists()

    corpus.items[CLIMATE].delete()

    assert not SearchTerm.objects.filter(term="klimaschutz").exists()
    assert SearchTerm.objects.filter(term="ehrenamt").exists()  # other items hold it


def _vocabulary() -> set[tuple[str, int, int]]:
    return set(SearchTerm.objects.values_list("term", "entries", "public_entries"))


def test_saves_keep_the_same_vocabulary_as_a_rebuild(corpus):
    climate, secret = corpus.items[CLIMATE], corpus.items[SECRET]
    climate.summary = "Klimaanpassung und Hitzeschutz im Quartier"
    climate.visibility = Visibility.MEMBERS
    climate.save()
    secret.visibility = Visibility.PUBLIC
    secret.save()
    corpus.items[DIGITAL].delete()
    kept = _vocabulary()

    indexing.rebuild()

    assert _vocabulary() == kept
    assert ("hitzeschutz", 1, 0) in kept
    assert ("forderbudg", 1, 1) in kept


def test_indexing_one_save_costs_a_fixed_number_of_queries(corpus, django_assert_max_num_queries):
    provider = search_providers.get("knowledge.knowledge")
    assert provider is not None
    item = corpus.items[CLIMATE]
    item.summary = "Hitzeschutz und Klimaanpassung mit Bürgerinnen, Bürgern und Vereinen " * 50
    KnowledgeItem.objects.filter(pk=item.pk).update(summary=item.summary)

    with django_assert_max_num_queries(11):
        indexing.refresh(provider, item.pk)

    assert [e.title for e in engine.search("Hitzeschutz", members=False).entries] == [CLIMATE]


def test_the_regierungsbezirk_is_chosen_from_a_list(corpus):
    response = Client().get(SEARCH, {"q": "Ehrenamtskarte"})

    assert '<select name="region"' in response.text
    assert '<option value="Regierungsbezirk Arnsberg">' in response.text


def test_a_search_page_costs_a_fixed_number_of_queries(corpus, django_assert_max_num_queries):
    with django_assert_max_num_queries(13 + search_planner_queries()):
        response = Client().get(SEARCH, {"q": "Ehrenamt", "topic": "anerkennung"})

    assert response.status_code == 200


# --- Filters and facets -----------------------------------------------------------------------


def test_facets_count_the_hits_by_kind_topic_municipality_region_and_year(corpus):
    facets = engine.search("Ehrenamtskarte", members=False).facets

    assert facets == {
        "kind": [("event", 1), ("practice", 1), ("recommendation", 1)],
        "topic": [("anerkennung", 3)],
        "authority_kind": [("stadt", 1)],
        "region": [("Regierungsbezirk Arnsberg", 1)],
        "year": [("2019", 1), ("2020", 1), ("2026", 1)],
    }


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"kind": PRACTICE}, {NRW_CARD, SENIORS, REFUGEES, CLIMATE}),
        ({"kind": "event"}, {EVENT}),
        ({"topic": "anerkennung"}, {CULTURE, NRW_CARD, EVENT}),
        ({"authority_kind": Authority.Kind.TOWN}, {NRW_CARD}),
        ({"authority_kind": Authority.Kind.INDEPENDENT_CITY}, {SENIORS, REFUGEES, CLIMATE}),
        # STRATEGY: »bürgerschaftliches Engagement«, a synonym of »Ehrenamt«.
        ({"authority_kind": Authority.Kind.DISTRICT}, {FAIR, STRATEGY}),
        ({"region": "Regierungsbezirk Düsseldorf"}, {REFUGEES}),
        ({"year": 2019}, {NRW_CARD, COORDINATION}),
        ({"kind": PRACTICE, "region": "Regierungsbezirk Arnsberg"}, {NRW_CARD, SENIORS, CLIMATE}),
    ],
    ids=lambda value: (
        "&".join(f"{k}={v}" for k, v in value.items()) if isinstance(value, dict) else "hits"
    ),
)
def test_filters_narrow_the_hits(corpus, filters, expected):
    assert set(titles("Ehrenamt", **filters)) == expected


def test_the_facets_stay_those_of_the_whole_query_when_a_filter_is_chosen(corpus):
    unfiltered = engine.search("Ehrenamt", members=False)
    filtered = engine.search("Ehrenamt", members=False, filters=engine.Filters(year=2019))

    assert filtered.facets == unfiltered.facets
    assert filtered.entries.count() == 2


def test_filters_come_from_the_address_and_a_wrong_value_is_dropped(corpus):
    client = Client()

    by_kind = client.get(SEARCH, {"q": "Ehrenamt", "kind": "practice", "year": "2019"})
    wrong = client.get(SEARCH, {"q": "Ehrenamt", "kind": "raumschiff", "year": "zwanzig"})

    assert hit_count(by_kind) == "1 Treffer"
    assert NRW_CARD in by_kind.text
    assert hit_count(wrong) == hit_count(client.get(SEARCH, {"q": "Ehrenamt"}))


def test_the_page_shows_each_facet_with_its_count(corpus):
    response = Client().get(SEARCH, {"q": "Ehrenamtskarte"})

    assert "Anerkennungskultur</a> (3)" in response.text  # the topic, by its name
    assert "Regierungsbezirk Arnsberg</a> (1)" in response.text
    assert "2026</a> (1)" in response.text
    assert 'href="?q=Ehrenamtskarte&amp;region=Regierungsbezirk%20Arnsberg"' in response.text


def test_the_region_filter_offers_each_regierungsbezirk_of_the_index_once(corpus, client):
    page = client.get("/suche/", {"q": "Ehrenamt"}).content.decode()
    select = page[
        page.index('name="region"') : page.index("</select>", page.index('name="region"'))
    ]

    assert queries.regions() == ["Regierungsbezirk Arnsberg", "Regierungsbezirk Düsseldorf"]
    assert re.findall(r'<option value="([^"]*)"', select) == [
        "",
        "Regierungsbezirk Arnsberg",
        "Regierungsbezirk Düsseldorf",
    ]


def test_facets_name_kinds_in_german(corpus):
    response = Client().get(SEARCH, {"q": "Ehrenamtskarte"})

    assert "Praxisbeispiel</a> (1)" in response.text
    assert "Handlungsempfehlung</a> (1)" in response.text
    assert "Veranstaltung</a> (1)" in response.text
    assert "Stadt (kreisangehörig)</a> (1)" in response.text
    assert 'href="?q=Ehrenamtskarte&amp;kind=practice"' in response.text


def test_a_topic_filter_finds_exactly_as_many_hits_as_its_facet_counts(corpus):
    volunteering = TopicFactory(slug="ehrenamt", name="Ehrenamt")
    card = TopicFactory(slug="ehrenamtskarte", name="Ehrenamtskarte")
    corpus.items[COORDINATION].topics.set([volunteering])
    corpus.items[NRW_CARD].topics.set([card])

    facet = dict(engine.search("Ehrenamt", members=False).facets["topic"])

    assert facet["ehrenamt"] == 1
    assert titles("Ehrenamt", topic="ehrenamt") == [COORDINATION]


# --- Members-only content -----------------------------------------------------------------------


ROLES = {
    "anonymous": False,
    "account without a role": False,
    "officer of a non-member": False,
    "officer of a member": True,
    "network office": True,
}


def client_as(role: str, request: pytest.FixtureRequest) -> Client:
    if role == "anonymous":
        return Client()
    user = {
        "account without a role": lambda: UserFactory(email="ohne-rolle@example.org"),
        "officer of a non-member": lambda: request.getfixturevalue("outsider"),
        "officer of a member": lambda: request.getfixturevalue("member"),
        "network office": lambda: request.getfixturevalue("office_user"),
    }[role]()
    return logged_in(user)


@pytest.mark.parametrize(("role", "sees"), ROLES.items(), ids=ROLES.keys())
def test_members_only_items_show_only_to_members_in_results_snippets_and_facets(
    corpus, request, role, sees
):
    response = client_as(role, request).get(SEARCH, {"q": "Ehrenamtskarte"})

    assert response.status_code == 200
    assert (SECRET in response.text) is sees
    assert ("Vertrauliche Zahlen" in response.text) is sees  # the snippet
    assert ("Förderbudget" in response.text) is sees
    assert hit_count(response) == ("4 Treffer" if sees else "3 Treffer")
    facets = response.context["results"].facets
    assert facets["kind"][0] == (("practice", 2) if sees else ("event", 1))
    assert facets["topic"] == [("anerkennung", 4 if sees else 3)]
    assert facets["authority_kind"] == [("stadt", 2 if sees else 1)]
    assert facets["region"] == [("Regierungsbezirk Arnsberg", 2 if sees else 1)]
    assert (("2024", 1) in facets["year"]) is sees
    assert ("Anerkennungskultur</a> (4)" if sees else "Anerkennungskultur</a> (3)") in (
        response.text
    )
    if sees:
        assert "nur für Mitglieder" in response.text  # the badge at the members-only hit


@pytest.mark.parametrize(("role", "sees"), ROLES.items(), ids=ROLES.keys())
def test_questions_of_the_collegial_advice_are_found_by_members_only(corpus, request, role, sees):
    response = client_as(role, request).get(SEARCH, {"q": "Freiwilligenagentur"})

    assert (QUESTION in response.text) is sees
    assert ("Zuschüssen" in response.text) is sees
    assert hit_count(response) == ("2 Treffer" if sees else "1 Treffer")


def test_a_word_only_members_only_content_holds_finds_nothing_for_the_public(corpus):
    public = Client().get(SEARCH, {"q": "Förderbudget"})
    member_facets = engine.search("Förderbudget", members=True).facets

    assert hit_count(public) == "0 Treffer"
    assert "Förderbudget</" not in public.text
    assert public.context["results"].facets == {
        "kind": [],
        "topic": [],
        "authority_kind": [],
        "region": [],
        "year": [],
    }
    assert member_facets["year"] == [("2024", 1)]


# --- Snippets -----------------------------------------------------------------------------------


def test_snippets_mark_the_hits(corpus):
    response = Client().get(SEARCH, {"q": "Partnerbetriebe"})

    assert "<mark>Partnerbetrieben</mark>" in response.text  # the inflected form in the text
    assert "<mark>Partnerbetriebe</mark>" in response.text


def test_html_in_an_items_text_is_escaped_in_the_snippet(corpus):
    response = Client().get(SEARCH, {"q": "Passwortschutz"})

    assert hit_count(response) == "1 Treffer"
    assert "<mark>Passwortschutz</mark>" in response.text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in response.text
    assert "<script>alert" not in response.text
    assert "Vereine &amp; Initiativen" in response.text


def test_a_snippet_of_a_long_text_starts_near_the_first_hit():
    text = "Einleitung " * 60 + "Hier beginnt die <b>Ehrenamtskarte</b> & mehr. " + "Ende " * 60

    excerpt = engine.snippet(text, analysis.terms("Ehrenamtskarten"))

    assert excerpt.startswith("… ")
    assert excerpt.endswith(" …")
    assert "&lt;b&gt;<mark>Ehrenamtskarte</mark>&lt;/b&gt; &amp; mehr" in excerpt
    assert len(excerpt) < 320


def test_a_snippet_of_a_very_long_text_reads_only_its_beginning(monkeypatch):
    """The excerpt is 220 characters: finding it stems the first SNIPPET_SCAN characters, not
    the 30,000 words of a long PDF (counted, not timed, so the machine's load cannot matter)."""
    rng = random.Random(7)
    words = (
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyzäöüß") for _ in range(rng.randint(4, 12)))
        for _ in range(30_000)
    )
    text = ("Die Ehrenamtskarte im Anhang: " + " ".join(words))[:200_000]
    stemmed = []
    stem = analysis.stem
    monkeypatch.setattr(analysis, "stem", lambda word: stemmed.append(word) or stem(word))

    excerpt = engine.snippet(text, analysis.terms("Ehrenamtskarte"))

    assert "<mark>Ehrenamtskarte</mark>" in excerpt
    assert 0 < len(stemmed) < engine.SNIPPET_SCAN // 2  # at most the words of the scanned part


# --- The index stays current ------------------------------------------------------------------


def item_form_data(item: KnowledgeItem, **changes: Any) -> dict[str, Any]:
    data = {
        "kind": item.kind,
        "title": item.title,
        "summary": item.summary,
        "problem": item.problem,
        "approach": item.approach,
        "resources_used": item.resources_used,
        "results": item.results,
        "contact": item.contact,
        "topics": [t.pk for t in item.topics.all()],
        "year": item.year,
        "visibility": item.visibility,
    }
    return data | changes


def test_an_edited_title_and_topics_are_found_at_once(corpus, office_user):
    item = corpus.items[NRW_CARD]
    data = item_form_data(
        item,
        title="Ehrenamtskarte: Jubiläumsfeier mit Partnerbetrieben",
        topics=[corpus.topics["digitalisierung"].pk],
    )

    response = logged_in(office_user).post(f"/wissen/{item.pk}/bearbeiten/", data)

    assert response.status_code == 302
    assert titles("Jubiläumsfeier") == ["Ehrenamtskarte: Jubiläumsfeier mit Partnerbetrieben"]
    assert titles("eingeführt") == []
    assert set(titles("Ehrenamtskarte", topic="digitalisierung")) == {
        "Ehrenamtskarte: Jubiläumsfeier mit Partnerbetrieben"
    }
    assert set(titles("Ehrenamtskarte", topic="anerkennung")) == {EVENT, CULTURE}


def test_an_archived_item_leaves_the_results_and_the_counts(corpus, office_user):
    item = corpus.items[NRW_CARD]

    response = logged_in(office_user).post(f"/wissen/{item.pk}/kuratieren/", {"action": "archive"})

    assert response.status_code == 302
    assert titles("Ehrenamtskarte") == [EVENT, CULTURE]
    assert engine.search("Ehrenamtskarte", members=False).facets["authority_kind"] == []


def test_a_merged_duplicate_leaves_the_results_and_gives_its_topics_to_the_survivor(
    corpus, office_user
):
    duplicate = corpus.items[STREET]  # no topics yet
    survivor = corpus.items[FOOTBALL]
    duplicate.topics.set([corpus.topics["demografie"]])

    response = logged_in(office_user).post(duplicate.get_absolute_url(), {"into": survivor.pk})

    assert response.status_code == 302
    assert titles("Strasse") == [FOOTBALL]
    assert titles("Straßenfeste") == [FOOTBALL]  # »strassenf« is also in »strassenfussball«
    assert titles("Genehmigungen") == []
    assert set(titles("Strasse", topic="demografie")) == {FOOTBALL}


def test_topics_added_removed_and_cleared_are_reflected_at_once(corpus):
    item = corpus.items[AGENCY]
    topic = corpus.topics["engagementstrategie"]

    item.topics.add(topic)
    after_add = titles("Agentur", topic="engagementstrategie")
    item.topics.remove(topic)
    after_remove = titles("Agentur", topic="engagementstrategie")
    item.topics.add(topic, corpus.topics["demografie"])
    item.topics.clear()
    after_clear = engine.search("Agentur", members=False).facets["topic"]

    assert after_add == [AGENCY]
    assert after_remove == []
    assert after_clear == []


def test_the_text_of_an_attached_pdf_is_found(corpus):
    item = corpus.items[FOUNDATIONS]
    Attachment.objects.create(
        item=item, title="Leitfaden", text="Mustersatzung für Zustiftungen und Treuhandstiftungen"
    )
    item.save(update_fields=["updated_at"])  # as services.attachment_add does

    response = Client().get(SEARCH, {"q": "Treuhandstiftung"})

    assert titles("Treuhandstiftung") == [FOUNDATIONS]
    assert "<mark>Treuhandstiftungen</mark>" in response.text


def test_a_deleted_item_is_no_longer_found(corpus):
    corpus.items[CLIMATE].delete()

    assert CLIMATE not in titles("Klimaschutz")
    assert CLIMATE not in titles("Klimaschuts")  # the typo finds no longer existing text either


def test_an_item_made_members_only_disappears_for_the_public(corpus):
    item = corpus.items[CHILDREN]
    item.visibility = Visibility.MEMBERS
    item.save()

    assert titles("Kindern") == []
    assert titles("Kindern", members=True) == [CHILDREN]


def test_a_published_event_is_found_a_draft_is_not(corpus):
    draft = corpus.events[DRAFT]
    assert titles("Klausurtagung") == []

    draft.status = Event.Status.PUBLISHED
    draft.save()

    assert titles("Klausurtagung") == [DRAFT]


def test_a_deleted_question_is_no_longer_found_by_members(corpus):
    corpus.question.delete()

    assert titles("Zuschüsse", members=True) == []


# --- Rate limiting ----------------------------------------------------------------------------


def test_the_31st_anonymous_search_within_a_minute_is_refused_in_german(corpus):
    client = Client(REMOTE_ADDR="203.0.113.7")

    statuses = [client.get(SEARCH, {"q": f"Ehrenamt {n}"}).status_code for n in range(30)]
    refused = client.get(SEARCH, {"q": "Ehrenamt"})
    elsewhere = Client(REMOTE_ADDR="203.0.113.8").get(SEARCH, {"q": "Ehrenamt"})

    assert statuses == [200] * 30
    assert refused.status_code == 429
    assert "Zu viele Suchanfragen" in refused.text
    assert "Bitte warten Sie eine Minute oder melden Sie sich an" in refused.text
    assert "Treffer" not in refused.text
    assert elsewhere.status_code == 200


def test_a_logged_in_person_is_not_limited(corpus, member):
    client = logged_in(member)
    client.defaults["REMOTE_ADDR"] = "203.0.113.7"

    statuses = {client.get(SEARCH, {"q": "Ehrenamt"}).status_code for _ in range(40)}

    assert statuses == {200}


# --- Fuzz: any input, never an error ---------------------------------------------------------

PIECES = [
    "Ehrenamt",
    "Straße",
    "Bürger",
    "Flüchtlingshilfe",
    "Ehrenamtskrte",
    "ß",
    "ẞ",
    "ÄÖÜäöü",
    "%",
    "_",
    "\\",
    "'",
    '"',
    "%_%",
    "\\%",
    "\\_",
    "' OR '1'='1",
    "'; DROP TABLE search_searchentry; --",
    "/* */",
    ";",
    "a_b",
    "__init__",
    "😀",
    "👩‍👩‍👧‍👦",
    "🇩🇪",
    "مرحبا بالعالم",
    "שָׁלוֹם",
    "\u202e",
    "\u200f",
    "\u200b",
    "\ufeff",
    "e\u0301",
    "İstanbul",
    "ﬁnanzierung",
    "Ⅻ",
    "漢字",
    "한국어",
    "𝔈𝔥𝔯𝔢𝔫𝔞𝔪𝔱",
    "\t",
    "\n",
    "\r\n",
    " ",
    "\u00a0",
    "\x01",
    "\x1f",
    "\x7f",
    "<script>alert(1)</script>",
    "&amp;",
    "{{ x }}",
    "{% x %}",
    "0",
    "2019",
    "-1",
    "1e308",
    "NaN",
    "null",
    "a" * 400,
    "ü" * 120,
    "Engagementstrategie" * 30,
    "\U0010ffff",
]
#: Only for the function: no URL can carry a lone surrogate; a NUL goes to the function too.
FUNCTION_ONLY = ["\x00", "Ehren\x00amt", "\ud800", "\udfff"]


def fuzz_strings(seed: int, count: int, *, pieces: list[str]) -> list[str]:
    rng = random.Random(seed)
    strings = ["", " ", "\x00" if "\x00" in pieces else "%", "x" * 20_000]
    while len(strings) < count:
        shape = rng.random()
        if shape < 0.6:
            parts = [rng.choice(pieces) for _ in range(rng.randint(1, 12))]
            strings.append(rng.choice(["", " ", "-", "%", "_"]).join(parts))
        elif shape < 0.9:
            # Random code points from the whole range (no surrogates: not encodable).
            strings.append(
                "".join(
                    chr(rng.choice([rng.randint(0x20, 0x2FF), rng.randint(0xE000, 0x10FFFF)]))
                    for _ in range(rng.randint(1, 40))
                )
            )
        else:
            strings.append(rng.choice(pieces) * rng.randint(100, 3000))
    return strings


def test_fuzz_the_search_function_never_fails_and_always_escapes(corpus):
    for query in fuzz_strings(2026, 300, pieces=PIECES + FUNCTION_ONLY):
        for members in (False, True):
            results = engine.search(query, members=members)
            assert isinstance(results.facets, dict)
            for entry in results.entries[:5]:
                excerpt = engine.snippet(entry.text, results.terms)
                assert "<" not in excerpt.replace("<mark>", "").replace("</mark>", "")


def test_fuzz_the_search_page_always_answers(corpus, member):
    rng = random.Random(4711)
    anonymous, logged = Client(), logged_in(member)
    for n, query in enumerate(fuzz_strings(1848, 300, pieces=PIECES)):
        params = {"q": query}
        if n % 3 == 0:  # the filters and the page number get garbage too
            params |= {
                key: rng.choice(PIECES)[:200]
                for key in ("kind", "topic", "authority_kind", "region", "year", "seite")
            }
        client = logged if n % 2 else anonymous
        response = client.get(SEARCH, params, REMOTE_ADDR=f"10.0.{n // 256}.{n % 256}")
        # Control characters (other than tab and line breaks) are refused for every URL.
        refused = any(re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", v) for v in params.values())
        assert response.status_code == (400 if refused else 200), repr(query)
        assert "<script>alert(1)</script>" not in response.text


def test_a_nul_character_in_the_address_is_refused_with_400(corpus):
    response = Client().get(SEARCH, {"q": "Ehren\x00amt\x00", "region": "\x00"})

    assert response.status_code == 400


def test_snippet_separates_the_parts_of_a_document():
    """A profile's structures are lines of one document; the excerpt keeps them apart."""
    text = "Stabsstelle für Engagement\nFreiwilligenagentur\nLeitbild beschlossen.\nRunder Tisch"
    excerpt = engine.snippet(text, analysis.terms("Freiwilligenagentur"))
    assert excerpt == (
        "Stabsstelle für Engagement · <mark>Freiwilligenagentur</mark> · "
        "Leitbild beschlossen. Runder Tisch"
    )
