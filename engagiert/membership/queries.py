"""Reads of the network.

Who counts as a member: an authority with a Membership that has no end date. »Member since«
is the start of that current membership. Lists select or prefetch everything they show, so
the directory costs the same number of queries for 10 or 432 members.
"""

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagiert.accounts.models import Role
from engagiert.accounts.permissions import authorities_for_role
from engagiert.core.extensions import InboxItem, NewsItem
from engagiert.core.models import AuditEntry
from engagiert.registry.models import Authority, Topic
from engagiert.registry.queries import name_matches, of_kind

from .models import (
    Application,
    ContactPerson,
    Declaration,
    Leader,
    Membership,
    Partnership,
    Profile,
    Signature,
    SigningWave,
    StrategyDocument,
    VolunteerCardStatus,
)

STRUCTURES = {
    "stabsstelle": "profile__has_staff_unit",
    "runder-tisch": "profile__has_round_table",
    "freiwilligenagentur": "profile__has_volunteer_agency",
}


def _current_memberships() -> QuerySet[Membership]:
    return Membership.objects.filter(authority=OuterRef("pk"), until__isnull=True)


def with_membership(queryset: QuerySet[Authority]) -> QuerySet[Authority]:
    """Annotate `is_member`, `member_since` (None for non-members) and how precisely that date
    is known, `member_since_precision` (day, month or year)."""
    return queryset.annotate(
        is_member=Exists(_current_memberships()),
        member_since=Subquery(_current_memberships().values("since")[:1]),
        member_since_precision=Subquery(_current_memberships().values("since_precision")[:1]),
    )


def current_member_keys() -> set[str]:
    return set(Membership.objects.filter(until__isnull=True).values_list("authority_id", flat=True))


def is_member(authority: Authority) -> bool:
    return Membership.objects.filter(authority=authority, until__isnull=True).exists()


@dataclass(frozen=True)
class MemberFilter:
    q: str = ""
    kind: str = ""
    region: str = ""
    structure: str = ""
    volunteer_card: str = ""
    topic: str = ""
    since: int | None = None


def members(filters: MemberFilter) -> QuerySet[Authority]:
    """Current members matching the filters, with profile, topics and region loaded."""
    current = _current_memberships()
    queryset = (
        with_membership(Authority.objects.filter(Exists(current)))
        .select_related("region", "district", "profile")
        .prefetch_related("profile__topics")
    )
    queryset = name_matches(of_kind(queryset, filters.kind), filters.q)
    if filters.region:
        queryset = queryset.filter(region_id=filters.region) | queryset.filter(pk=filters.region)
    if filters.structure in STRUCTURES:
        queryset = queryset.filter(**{STRUCTURES[filters.structure]: True})
    if filters.volunteer_card == VolunteerCardStatus.NO:  # no profile yet means »no« as well
        queryset = queryset.filter(
            Q(profile__volunteer_card=VolunteerCardStatus.NO) | Q(profile__isnull=True)
        )
    elif filters.volunteer_card:
        queryset = queryset.filter(profile__volunteer_card=filters.volunteer_card)
    if filters.topic:
        queryset = queryset.filter(profile__topics__slug=filters.topic)
    if filters.since:
        queryset = queryset.filter(Exists(current.filter(since__year=filters.since)))
    return queryset.order_by("name").distinct()


def member_years() -> list[int]:
    dates = Membership.objects.filter(until__isnull=True).dates("since", "year")
    return [date.year for date in dates]


def topics() -> QuerySet[Topic]:
    return Topic.objects.order_by("name")


def map_points_with_members(
    members: QuerySet[Authority],
) -> tuple[list[tuple[str, str, float, float]], set[str]]:
    """Every Gemeinde, plus the given members' Kreise and Bezirke at their seat, and the keys
    of the given members (the directory's filtered ones) to mark."""
    member_keys = set(members.order_by().values_list("ags", flat=True))
    rows = Authority.objects.filter(kind__in=Authority.MUNICIPAL_KINDS) | Authority.objects.filter(
        pk__in=member_keys
    )
    points = [
        (ags, name, float(lat), float(lon))
        for ags, name, lat, lon in rows.values_list("ags", "name", "latitude", "longitude")
    ]
    return points, member_keys


@dataclass(frozen=True)
class GrowthYear:
    year: int
    joined: int
    left: int
    total: int


def growth_per_year(until: int | None = None) -> list[GrowthYear]:
    """Members at the end of each year since the first admission (joined, left, total)."""
    spans = list(Membership.objects.values_list("since", "until"))
    if not spans:
        return []
    joined = Counter(since.year for since, _ in spans)
    left = Counter(end.year for _, end in spans if end)
    last = until or max(timezone.localdate().year, *joined)
    years, total = [], 0
    for year in range(min(joined), last + 1):
        total += joined[year] - left[year]
        years.append(GrowthYear(year, joined[year], left[year], total))
    return years


def profile_panel(authority: Authority) -> dict[str, object]:
    """Everything the authority page shows about the network: profile, contacts, membership."""
    profile = Profile.objects.filter(authority=authority).prefetch_related("topics").first()
    return {
        "profile": profile,
        "contacts": list(ContactPerson.objects.filter(authority=authority, ended_on__isnull=True)),
        "leaders": list(Leader.objects.filter(authority=authority)),
        "documents": list(StrategyDocument.objects.filter(profile__authority=authority)),
        "memberships": list(Membership.objects.filter(authority=authority).order_by("since")),
        "signatures": list(
            Signature.objects.filter(authority=authority).select_related("wave__declaration")
        ),
        "open_application": open_application(authority),
    }


def open_application(authority: Authority) -> Application | None:
    return Application.objects.filter(authority=authority, status__in=Application.OPEN).first()


@dataclass(frozen=True)
class JoinState:
    authority: Authority
    is_member: bool
    open_application: Application | None


def own_authorities_to_join(user: Any) -> list[JoinState]:
    """The municipalities this person is engagement officer of, each with where it stands."""
    return [
        JoinState(authority, is_member(authority), open_application(authority))
        for authority in authorities_for_role(user, Role.OFFICER)
    ]


def current_declaration() -> Declaration | None:
    return Declaration.objects.order_by("-adopted").first()


def waves_with_signatures() -> QuerySet[SigningWave]:
    signatures = Signature.objects.select_related("authority", "organisation").order_by(
        F("authority__name").asc(nulls_last=True), "organisation__name"
    )
    return (
        SigningWave.objects.select_related("declaration")
        .prefetch_related(Prefetch("signatures", queryset=signatures))
        .order_by("date")
    )


def wave_with_signatures(pk: int) -> SigningWave | None:
    return waves_with_signatures().filter(pk=pk).first()


def open_wave() -> SigningWave | None:
    """The signing wave a newly admitted member signs in: the next one from today on."""
    return SigningWave.objects.filter(date__gte=timezone.localdate()).order_by("date", "pk").first()


def members_not_signed() -> QuerySet[Authority]:
    """Current members that appear in no signing wave: they have not signed the declaration."""
    return (
        Authority.objects.filter(pk__in=_current_memberships().values("authority"))
        .exclude(signatures__isnull=False)
        .order_by("name")
    )


def partnerships() -> QuerySet[Partnership]:
    return Partnership.objects.select_related("organisation").order_by("role", "organisation__name")


def applications_for_review(status: str = "") -> QuerySet[Application]:
    queryset = Application.objects.select_related("authority", "submitted_by", "contact_person")
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-updated_at")


def applications_of(authority: Authority) -> QuerySet[Application]:
    return Application.objects.filter(authority=authority).prefetch_related("events__actor")


def application_with_history(pk: int) -> Application | None:
    return (
        Application.objects.select_related("authority", "submitted_by", "contact_person")
        .prefetch_related("events__actor")
        .filter(pk=pk)
        .first()
    )


#: The models whose changes make up a profile's history.
PROFILE_HISTORY_MODELS = ("profile", "contactperson", "leader", "strategydocument", "membership")


def profile_history(authority: Authority) -> QuerySet[AuditEntry]:
    """Every recorded change to the authority's profile, contacts, leaders and documents.

    Other apps record their changes under the same authority (card applications with a birth
    date, opportunities, indicators); those belong to their own staff and stay out of here."""
    return (
        AuditEntry.objects.filter(
            scope=f"authority:{authority.ags}",
            content_type__app_label="membership",
            content_type__model__in=PROFILE_HISTORY_MODELS,
        )
        .select_related("content_type")
        .order_by("-created_at", "-pk")[:300]
    )


def members_news(since: datetime.datetime, until: datetime.datetime) -> list[NewsItem]:
    """Digest news: authorities admitted to the network in the window (and still members)."""
    admitted = (
        Membership.objects.filter(created_at__gt=since, created_at__lte=until, until__isnull=True)
        .select_related("authority")
        .order_by("authority__name")
    )
    return [
        NewsItem(
            membership.authority.name,
            membership.authority.get_kind_display(),
            settings.SITE_URL + membership.authority.get_absolute_url(),
        )
        for membership in admitted
    ]


def members_indicator(year: int) -> dict[str, float]:
    """Impact indicator: 1 for every authority that was a member at some time in `year`."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    during = Membership.objects.filter(Q(until__isnull=True) | Q(until__gte=start), since__lte=end)
    return dict.fromkeys(during.values_list("authority_id", flat=True), 1.0)


def membership_years_indicator(year: int) -> dict[str, float]:
    """Impact indicator: full years of membership on 31 December of `year` (spells added up)."""
    end = datetime.date(year, 12, 31)
    days: Counter[str] = Counter()
    for ags, since, until in Membership.objects.filter(since__lte=end).values_list(
        "authority_id", "since", "until"
    ):
        days[ags] += ((min(until, end) if until else end) - since).days
    during = members_indicator(year)
    return {ags: float(days[ags] // 365) for ags in during}


def application_prefill(authority: Authority) -> dict[str, Any]:
    """What the profile already says for a membership application: the Ehrenamtskarte status,
    and the contact person when there is only one."""
    prefill: dict[str, Any] = {}
    contacts = list(
        ContactPerson.objects.filter(authority=authority).values_list("pk", flat=True)[:2]
    )
    if len(contacts) == 1:
        prefill["contact_person"] = contacts[0]
    card = Profile.objects.filter(authority=authority).values_list("volunteer_card", flat=True)
    if card:
        prefill["volunteer_card"] = card[0]
    return prefill


def contacts_of_person(user: Any) -> list[ContactPerson]:
    """The contact entries that are this person: the same e-mail address as their account."""
    if not user.email:
        return []
    return list(ContactPerson.objects.filter(email__iexact=user.email).select_related("authority"))


def inbox_applications() -> list[InboxItem]:
    """Applications waiting for the office's review (not those waiting for the applicant's
    answer to a question), since they were submitted or answered."""
    waiting = Application.objects.filter(status=Application.Status.SUBMITTED).select_related(
        "authority"
    )
    return [
        InboxItem(
            key=f"membership.application:{application.pk}",
            kind=_("Membership application"),
            title=application.authority.name,
            url=application.get_absolute_url(),
            since=application.updated_at,
        )
        for application in waiting
    ]
