"""Typed extension points: the only way one app contributes to another's pages and work.

An app registers its contributions in its `AppConfig.ready()` and nowhere else, so a reader
finds everything an app adds elsewhere in its `apps.py`; core reads the registries and never
imports an app. Each extension point below states what a contribution is given and what it
returns (after pretix's documented signals; registered explicitly like adhocracy4's dashboard
components).

| registry            | a contribution                         | read by                        |
|---------------------|----------------------------------------|--------------------------------|
| `navigation`        | NavItem                                | every page's main navigation   |
| `figures`           | () -> list[Figure]                     | the public start page          |
| `panels`            | (PanelRequest) -> list[Panel]          | pages that show a `Place`      |
| `segment_rules`     | (segment) -> list[Recipient]           | audiences, for their own kinds |
| `segment_opt_outs`  | (addresses) -> those opted out         | audiences, mail to a segment   |
| `search_providers`  | SearchProvider                         | the search app                 |
| `news_providers`    | NewsProvider (shared and per person)   | the digest of the mailings app |
| `periodic_jobs`     | PeriodicJob                            | the schedule (`run_schedule`)  |
| `indicator_providers` | IndicatorProvider                    | the impact app                 |
| `hours_evidence`    | (code) -> HoursEvidence or None        | the volunteer card application |
| `personal_data`     | PersonalData                           | data export, erasure, Art. 30  |
| `api_routes`        | ApiRoute                               | the JSON API's router (/api/v1/) |
| `open_datasets`     | OpenDataset                            | the open-data app (files, DCAT)|
| `consent_purposes`  | ConsentPurpose                         | the legal app's consent records|
| `inbox_providers`   | () -> list[InboxItem]                  | the office's inbox (start page)|

Keys are `"<app label>.<name>"`; registering the same key again replaces the entry (so a
repeated `ready()` changes nothing), two apps cannot collide by accident.
"""

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

from django.db.models import Model, QuerySet
from django.dispatch import Signal
from django.urls import reverse
from django.utils.functional import Promise

T = TypeVar("T")
Label = str | Promise


class Registry(Generic[T]):
    """Contributions to one extension point, in registration order (= INSTALLED_APPS order)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._entries: dict[str, T] = {}

    def register(self, key: str, entry: T) -> T:
        if "." not in key:
            raise ValueError(f"{self.name}: key {key!r} must read '<app label>.<name>'")
        self._entries[key] = entry
        return entry

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._entries.values()))

    def items(self) -> list[tuple[str, T]]:
        return list(self._entries.items())

    def get(self, key: str) -> T | None:
        return self._entries.get(key)


# --- Navigation, start page, panels ---------------------------------------------------------


def _everyone(user: Any) -> bool:
    return True


@dataclass(frozen=True)
class NavItem:
    """An entry of the main navigation, shown to users for whom `visible(user)` is true."""

    label: Label
    url_name: str
    visible: Callable[[Any], bool] = field(default=_everyone)
    #: Position in the navigation; capabilities use 10–80, the personal area comes last.
    order: int = 50

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class Figure:
    """A number on the public start page, optionally linking to where it comes from."""

    label: Label
    value: int
    url: str = ""


class Place(StrEnum):
    """Where on the site apps may contribute panels."""

    HOME = "home"  # the public start page
    DASHBOARD = "dashboard"  # the personal start page (»Mein Bereich«)
    AUTHORITY_DETAIL = "authority_detail"  # the page of one local authority


@dataclass(frozen=True)
class PanelRequest:
    """What a panel provider is told: the place, the visitor, and the page's object, if any."""

    place: Place
    user: Any
    #: The local authority shown on `Place.AUTHORITY_DETAIL`, else None.
    authority: Any = None


@dataclass(frozen=True)
class Panel:
    """A piece of a page contributed by an app: a template and its context."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)


FigureProvider = Callable[[], list[Figure]]
PanelProvider = Callable[[PanelRequest], list[Panel]]


# --- Audience segments ----------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    """One addressee of a segment."""

    email: str
    name: str
    authority_id: str | None


#: Answers the recipients of a segment whose `kind` the registering app knows (the key's name
#: part is the segment kind, e.g. "workshop.cohort"), given the Segment row.
SegmentRule = Callable[[Any], list[Recipient]]

#: Given addresses (lower case), answers those that asked for no more mail sent to segments
#: (info-mails, invitations); transactional mail to one person is not affected.
SegmentOptOut = Callable[[list[str]], set[str]]


# --- Search ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchDocument:
    """One searchable thing as an app describes it; the search app normalises and stores it."""

    kind: str
    key: str
    title: str
    text: str
    url: str
    members_only: bool = False
    subkind: str = ""
    topics: Iterable[str] = ()
    authority_kind: str = ""
    region: str = ""
    year: int | None = None


def _nobody(user: Any) -> bool:
    return False


def _no_facets() -> dict[str, list[tuple[str, Label]]]:
    return {}


@dataclass(frozen=True)
class SearchProvider:
    """How one model becomes search documents.

    `document(instance)` returns the document, or None when the object is not (or no longer)
    searchable (a draft, an archived item). `queryset()` returns every object to index on a
    rebuild, with what `document` reads already joined. `key(pk)` is the document key of an
    object. `watch` names further models whose save or delete changes this provider's
    documents, each with a function from the changed row to the objects to index again (an
    agenda item → its event, a profile → its authority); `m2m` names many-to-many fields of
    `model` or of a watched model whose change re-indexes the object. `refresh_on` names
    signals after which every document is built anew (bulk writes send no per-row signals).
    `subkinds` labels the values of `SearchDocument.subkind` (empty: the subkind is the kind);
    `members(user)` says who sees this provider's members-only documents; `facets()` returns
    the values and labels of the shared facets ("topic", "authority_kind") this app owns.
    """

    kind: str
    label: Label
    model: type[Model]
    document: Callable[[Any], SearchDocument | None]
    queryset: Callable[[], QuerySet[Any]]
    watch: tuple[tuple[type[Model], Callable[[Any], Iterable[Model]]], ...] = ()
    m2m: tuple[str, ...] = ()
    refresh_on: tuple[Signal, ...] = ()
    subkinds: tuple[tuple[str, Label], ...] = ()
    members: Callable[[Any], bool] = field(default=_nobody)
    facets: Callable[[], dict[str, list[tuple[str, Label]]]] = field(default=_no_facets)

    def key(self, pk: object) -> str:
        return f"{self.kind}:{pk}"


# --- Digest news ----------------------------------------------------------------------------


@dataclass(frozen=True)
class NewsItem:
    """One line of news in a digest or an at-once notification."""

    title: str
    detail: str
    url: str


def _no_news(since: datetime.datetime, until: datetime.datetime) -> list[NewsItem]:
    return []


@dataclass(frozen=True)
class NewsProvider:
    """A kind of news people can subscribe to (»new events«, »new members« …).

    `kind` is stored in each person's notification preference (at most 20 characters);
    `news(since, until)` returns what became news in that window for everyone, oldest first,
    with absolute URLs.
    """

    kind: str
    label: Label
    news: Callable[[datetime.datetime, datetime.datetime], list[NewsItem]] = _no_news
    #: Position in the preferences form and the digest (events 10, members 20).
    order: int = 50
    #: News for one person only (new matches of their kept searches …): `personal(user, since,
    #: until)` is asked for each person whose choice for this kind is the frequency being sent
    #: (the user is an `accounts.User`, typed loosely: core names no app); its items follow
    #: `news` in that person's section.
    personal: Callable[[Any, datetime.datetime, datetime.datetime], list[NewsItem]] | None = None


# --- Schedule -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodicJob:
    """Work that runs by itself every `every` (outbox dispatch, digests, reminders …).

    `run()` must be safe to repeat and to run late: the schedule promises at most one run at a
    time per job (within `lease`), not exact times. `lease` is how long a run holds the job
    before another schedule process may take it over, e.g. after the first was killed; a job
    whose runs may overlap safely (the outbox claims each message itself) keeps it short.
    """

    label: Label
    every: datetime.timedelta
    run: Callable[[], object]
    lease: datetime.timedelta = datetime.timedelta(minutes=15)


# --- Impact ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorProvider:
    """A figure computed from platform data for the impact app (C8).

    `values(year)` returns the figure per local authority key (AGS) for one year.
    """

    label: Label
    unit: Label
    values: Callable[[int], dict[str, float]]


# --- Evidence of engagement -----------------------------------------------------------------


@dataclass(frozen=True)
class HoursEvidence:
    """Hours of engagement an organisation has confirmed on the platform (shifts, placements).

    A volunteer hands the evidence's code to another app (the Ehrenamtskarte application), which
    asks the registered lookups; the app that issued the code answers with what was confirmed.
    """

    code: str
    organisation: str
    holder_name: str
    holder_email: str
    hours: float
    first_day: datetime.date
    last_day: datetime.date
    confirmed_by: str
    #: Where the evidence can be seen (absolute path of the issuing app's page).
    url: str = ""


#: Given an evidence code, answers the evidence it stands for, or None if unknown here.
HoursEvidenceLookup = Callable[[str], HoursEvidence | None]


# --- Personal data (GDPR) --------------------------------------------------------------------


@dataclass(frozen=True)
class DataSubject:
    """A person whose data are asked for: their account, if any, and their e-mail address.

    Some records have no account (a public event registration), so apps find a person's rows
    by the account or, where they keep no account, by the address.
    """

    user: Any
    email: str


@dataclass(frozen=True)
class PersonalData:
    """One kind of personal data an app keeps, declared so no feature can forget it.

    The data export, the erasure and the record of processing activities (Art. 30 DSGVO) read
    these declarations; a test fails when a model with personal fields is not declared.
    """

    #: The model, as "<app label>.<Model>".
    model: str
    #: Its fields that hold personal data: exported, and erased or anonymised on request.
    fields: tuple[str, ...]
    #: Purpose of the processing, in German, as the record of processing activities names it.
    purpose: Label
    #: Legal basis, e.g. "Art. 6 Abs. 1 lit. b DSGVO".
    legal_basis: Label
    #: How long the data are kept, in words (the retention jobs enforce it).
    retention: Label
    #: The rows of this model that belong to one person.
    rows_of: Callable[[DataSubject], QuerySet[Any]]
    #: Erases one person's rows (deletes them, or blanks their personal fields where the row
    #: must stay for figures or the audit log); returns the number of rows touched.
    erase: Callable[[DataSubject], int]
    #: Categories of persons concerned, e.g. "Teilnehmende von Veranstaltungen".
    data_subjects: Label = ""
    #: Who receives the data besides the operator (e.g. "die ausgebende Kommune").
    recipients: Label = ""
    #: The files a row holds that the person uploaded or that are about them (in the export).
    files: Callable[[Any], Iterable[Any]] | None = None
    #: Raises ValidationError (German) when this person's rows may not be erased now, e.g. the
    #: last account of the network office; asked for every declaration before anything is erased.
    check: Callable[[DataSubject], None] | None = None


# --- JSON API -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApiRoute:
    """A resource of the JSON API at `/api/v1/<prefix>/`: a REST framework viewset of the app."""

    prefix: str
    #: A `rest_framework.viewsets.ViewSetMixin` subclass (typed loosely: core needs no DRF).
    viewset: Any
    #: The URL name stem (`api:<basename>-list`, `api:<basename>-detail`).
    basename: str


# --- Open data -----------------------------------------------------------------------------


class ColumnType(StrEnum):
    """How a column's values are written: JSON keeps the type, CSV writes the text shown."""

    STRING = "string"  # text as it is
    INTEGER = "integer"
    NUMBER = "number"  # a decimal number, written with a point (1234.5)
    BOOLEAN = "boolean"  # JSON true/false; CSV "true"/"false"
    DATE = "date"  # ISO 8601, 2026-03-01
    DATETIME = "datetime"  # ISO 8601 with the UTC offset
    URL = "url"  # an absolute address


@dataclass(frozen=True)
class Column:
    """One column of an open dataset: its name in the files, German title, type and meaning."""

    name: str
    title: Label
    type: ColumnType
    description: Label


@dataclass(frozen=True)
class OpenDataset:
    """A public dataset an app publishes as open data (CSV and JSON, listed in the DCAT-AP.de
    catalogue under the licence dl-de/by-2-0).

    `rows()` returns every row as a dict with exactly the names of `columns` (values: str, int,
    float or Decimal, bool, date, datetime, or None; a list of names is joined by the app with
    "; "). It must return only what anyone may see on the site: no personal data, nothing
    members-only, no figure of a single municipality that is not public. The open-data app
    calls it from the daily job, never during a request unless a file is missing.
    """

    #: File name and URL part (German, lower case): `/offene-daten/<slug>.csv`.
    slug: str
    title: Label
    #: What the rows are and which rows are in, for the page and the catalogue. Title,
    #: description, keywords and column titles are written in German (not translated): the
    #: files and the catalogue are German documents (xml:lang="de") whatever the reader's language.
    description: Label
    keywords: tuple[Label, ...]
    #: EU data theme code (SOCI, GOVE, REGI, EDUC …; publications.europa.eu data-theme).
    theme: str
    columns: tuple[Column, ...]
    rows: Callable[[], list[dict[str, Any]]]
    #: EU frequency code of the data's changes (DAILY, WEEKLY, ANNUAL …); files are made daily.
    frequency: str = "DAILY"
    #: Official key of the area covered: "05" is the state of North Rhine-Westphalia.
    spatial: str = "05"
    #: A date, date-time or year column whose smallest and largest value give the temporal
    #: coverage; empty: the data describe the present (no temporal range).
    temporal_column: str = ""
    #: Who publishes the data; empty: the network office (setting `OPENDATA_PUBLISHER`).
    publisher: Label = ""
    #: Sources besides the platform that the attribution must name (e.g. Destatis).
    sources: Label = ""
    #: Position on the open-data page.
    order: int = 50


# --- Consent (GDPR Art. 7) -------------------------------------------------------------------


@dataclass(frozen=True)
class ConsentPurpose:
    """Something a person may agree to, and withdraw with one click (Art. 7 Abs. 3 DSGVO).

    The app that keeps the choice (a flag, an opt-out) registers the purpose, records consents
    through the legal app's `consent_give` and makes a withdrawal take effect where the choice
    lives: `withdraw` is given the withdrawn consent record and clears that choice.
    """

    #: What the consent is for, as the person's list of consents names it.
    label: Label
    #: The text the person agrees to (the checkbox's wording); recorded with each consent.
    wording: Label
    #: The version of that wording; change it whenever the wording changes.
    version: str
    #: Clears the choice the consent stands for, given the withdrawn record.
    withdraw: Callable[[Any], None]
    #: Names the object a consent's `reference` points at (e.g. the event), or "".
    describe: Callable[[str], str] = lambda reference: ""


# --- The office's inbox ----------------------------------------------------------------------


@dataclass(frozen=True)
class InboxItem:
    """Something waiting for the network office (an application, a question without an answer, a
    failed info-mail, a follow-up due …), listed on the office's start page with its link."""

    #: Stable across requests, `"<app label>.<kind>:<pk>"`: the inbox stores who a colleague
    #: assigned the item to against this key.
    key: str
    #: What kind of work it is, as the inbox groups and filters it (»Mitgliedsantrag«).
    kind: Label
    title: str
    url: str
    #: Waiting since (submitted, failed, asked …), for the order of the list.
    since: datetime.datetime | None = None
    #: When it must be done, if there is a date (a follow-up, a deadline).
    due: datetime.date | None = None
    #: A provider whose items carry their own assignee (a follow-up) names the user's id here;
    #: otherwise the inbox's own assignment applies.
    assignee_id: int | None = None


#: Everything of one app's kind that waits for the office now, each call a fresh reading.
InboxProvider = Callable[[], list[InboxItem]]


navigation: Registry[NavItem] = Registry("navigation")
figures: Registry[FigureProvider] = Registry("figures")
panels: Registry[PanelProvider] = Registry("panels")
segment_rules: Registry[SegmentRule] = Registry("segment_rules")
segment_opt_outs: Registry[SegmentOptOut] = Registry("segment_opt_outs")
search_providers: Registry[SearchProvider] = Registry("search_providers")
personal_data: Registry[PersonalData] = Registry("personal_data")
api_routes: Registry[ApiRoute] = Registry("api_routes")
consent_purposes: Registry[ConsentPurpose] = Registry("consent_purposes")
news_providers: Registry[NewsProvider] = Registry("news_providers")
periodic_jobs: Registry[PeriodicJob] = Registry("periodic_jobs")
indicator_providers: Registry[IndicatorProvider] = Registry("indicator_providers")
hours_evidence: Registry[HoursEvidenceLookup] = Registry("hours_evidence")
open_datasets: Registry[OpenDataset] = Registry("open_datasets")
inbox_providers: Registry[InboxProvider] = Registry("inbox_providers")


def navigation_for(user: Any) -> list[NavItem]:
    """The navigation entries this user may see, in their order."""
    return sorted((item for item in navigation if item.visible(user)), key=lambda i: i.order)


def news_providers_in_order() -> list[NewsProvider]:
    """The kinds of news, as the preferences form and the digest list them."""
    return sorted(news_providers, key=lambda provider: provider.order)


def hours_evidence_for(code: str) -> HoursEvidence | None:
    """The evidence a code stands for, from whichever app issued it."""
    for lookup in hours_evidence:
        if (evidence := lookup(code)) is not None:
            return evidence
    return None


def home_figures() -> list[Figure]:
    return [figure for provider in figures for figure in provider()]


def panels_for(place: Place, *, user: Any, authority: Any = None) -> list[Panel]:
    """Every app's panels for one place on one page."""
    request = PanelRequest(place=place, user=user, authority=authority)
    return [panel for provider in panels for panel in provider(request)]


def inbox_items() -> list[InboxItem]:
    """Everything waiting for the office, from every app, the longest waiting first."""
    items = [item for provider in inbox_providers for item in provider()]
    oldest = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    return sorted(items, key=lambda item: item.since or oldest)
