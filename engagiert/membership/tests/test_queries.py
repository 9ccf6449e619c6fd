"""Reads of the network: growth, the member directory's filters, the signing waves."""

import datetime

import pytest
from django.utils import timezone

from engagiert.membership import queries
from engagiert.membership.models import VolunteerCardStatus
from engagiert.membership.queries import GrowthYear, MemberFilter
from engagiert.registry.models import Authority
from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory, TopicFactory

from .factories import MembershipFactory, ProfileFactory, SignatureFactory, SigningWaveFactory

# --- growth_per_year ------------------------------------------------------------------------


@pytest.fixture
def founders_and_second_round(db):
    """10 founding members in 2012, 13 more in 2015; one founder left in 2020."""
    founders = [MembershipFactory(since=datetime.date(2012, 3, 1 + n)) for n in range(10)]
    for n in range(13):
        MembershipFactory(since=datetime.date(2015, 9, 1 + n))
    founders[0].until = datetime.date(2020, 6, 30)
    founders[0].end_reason = "Austritt"
    founders[0].save()


def test_growth_per_year_counts_joined_left_and_total(founders_and_second_round):
    growth = queries.growth_per_year(until=2021)

    assert growth == [
        GrowthYear(2012, 10, 0, 10),
        GrowthYear(2013, 0, 0, 10),
        GrowthYear(2014, 0, 0, 10),
        GrowthYear(2015, 13, 0, 23),
        GrowthYear(2016, 0, 0, 23),
        GrowthYear(2017, 0, 0, 23),
        GrowthYear(2018, 0, 0, 23),
        GrowthYear(2019, 0, 0, 23),
        GrowthYear(2020, 0, 1, 22),
        GrowthYear(2021, 0, 0, 22),
    ]


def test_growth_per_year_runs_to_this_year(founders_and_second_round):
    growth = queries.growth_per_year()

    this_year = timezone.localdate().year
    assert [row.year for row in growth] == list(range(2012, this_year + 1))
    assert growth[-1] == GrowthYear(this_year, 0, 0, 22)
    assert growth[-1].total == len(queries.current_member_keys())


def test_growth_per_year_counts_a_returning_member_again(db):
    authority = AuthorityFactory(name="Lünen")
    MembershipFactory(
        authority=authority, since=datetime.date(2012, 5, 1), until=datetime.date(2014, 12, 31)
    )
    MembershipFactory(authority=authority, since=datetime.date(2016, 1, 1))

    assert queries.growth_per_year(until=2016) == [
        GrowthYear(2012, 1, 0, 1),
        GrowthYear(2013, 0, 0, 1),
        GrowthYear(2014, 0, 1, 0),
        GrowthYear(2015, 0, 0, 0),
        GrowthYear(2016, 1, 0, 1),
    ]


def test_growth_per_year_without_members_is_empty(db):
    assert queries.growth_per_year() == []


# --- members --------------------------------------------------------------------------------


@pytest.fixture
def network(db):
    """Five members of every kind in three Regierungsbezirke, a former member and a non-member."""
    arnsberg = AuthorityFactory(
        ags="059", name="Regierungsbezirk Arnsberg", kind=Authority.Kind.REGION
    )
    duesseldorf = AuthorityFactory(
        ags="051", name="Regierungsbezirk Düsseldorf", kind=Authority.Kind.REGION
    )
    cologne = AuthorityFactory(ags="053", name="Regierungsbezirk Köln", kind=Authority.Kind.REGION)
    unna = AuthorityFactory(
        ags="05978",
        name="Kreis Unna",
        kind=Authority.Kind.DISTRICT,
        parent=arnsberg,
        region=arnsberg,
    )
    aachen = AuthorityFactory(
        ags="05334",
        name="StädteRegion Aachen",
        kind=Authority.Kind.CITY_REGION,
        parent=cologne,
        region=cologne,
    )
    in_unna = {"parent": unna, "district": unna, "region": arnsberg}
    luenen = AuthorityFactory(ags="05978024", name="Lünen", kind=Authority.Kind.TOWN, **in_unna)
    boenen = AuthorityFactory(
        ags="05978008", name="Bönen", kind=Authority.Kind.MUNICIPALITY, **in_unna
    )
    werne = AuthorityFactory(ags="05978036", name="Werne", kind=Authority.Kind.TOWN, **in_unna)
    AuthorityFactory(ags="05978032", name="Selm", kind=Authority.Kind.TOWN, **in_unna)
    gladbach = AuthorityFactory(
        ags="05116000", name="Mönchengladbach", parent=duesseldorf, region=duesseldorf
    )

    youth = TopicFactory(name="Junge Menschen", slug="jugend")
    demography = TopicFactory(name="Demografischer Wandel", slug="demografie")
    MembershipFactory(authority=luenen, since=datetime.date(2012, 5, 10))
    ProfileFactory(
        authority=luenen,
        has_staff_unit=True,
        topics=[youth, demography],
        volunteer_card=VolunteerCardStatus.PARTICIPATING,
    )
    MembershipFactory(authority=boenen, since=datetime.date(2015, 9, 1))
    ProfileFactory(
        authority=boenen,
        has_volunteer_agency=True,
        topics=[demography],
        volunteer_card=VolunteerCardStatus.NO,
        volunteer_card_since=None,
    )
    MembershipFactory(authority=gladbach, since=datetime.date(2015, 3, 1))
    ProfileFactory(
        authority=gladbach,
        has_round_table=True,
        volunteer_card=VolunteerCardStatus.PLANNED,
        volunteer_card_since=None,
    )
    MembershipFactory(authority=unna, since=datetime.date(2013, 1, 1))
    MembershipFactory(authority=aachen, since=datetime.date(2012, 5, 10))
    # Werne was a member with every structure; it left and must show up nowhere.
    MembershipFactory(
        authority=werne,
        since=datetime.date(2012, 5, 10),
        until=datetime.date(2019, 12, 31),
        end_reason="Austritt",
    )
    ProfileFactory(
        authority=werne,
        has_staff_unit=True,
        has_round_table=True,
        has_volunteer_agency=True,
        topics=[youth, demography],
    )


ALL_MEMBERS = ["Bönen", "Kreis Unna", "Lünen", "Mönchengladbach", "StädteRegion Aachen"]


def member_names(**filters: object) -> list[str]:
    return [authority.name for authority in queries.members(MemberFilter(**filters))]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ALL_MEMBERS),
        ({"kind": "kreise"}, ["Kreis Unna", "StädteRegion Aachen"]),
        ({"kind": "gemeinden"}, ["Bönen", "Lünen", "Mönchengladbach"]),
        ({"kind": Authority.Kind.TOWN}, ["Lünen"]),
        ({"region": "059"}, ["Bönen", "Kreis Unna", "Lünen"]),
        ({"region": "053"}, ["StädteRegion Aachen"]),
        ({"structure": "stabsstelle"}, ["Lünen"]),
        ({"structure": "runder-tisch"}, ["Mönchengladbach"]),
        ({"structure": "freiwilligenagentur"}, ["Bönen"]),
        ({"structure": "unbekannt"}, ALL_MEMBERS),
        ({"volunteer_card": VolunteerCardStatus.PARTICIPATING}, ["Lünen"]),
        ({"volunteer_card": VolunteerCardStatus.PLANNED}, ["Mönchengladbach"]),
        ({"topic": "demografie"}, ["Bönen", "Lünen"]),
        ({"topic": "jugend"}, ["Lünen"]),
        ({"since": 2015}, ["Bönen", "Mönchengladbach"]),
        ({"since": 2012}, ["Lünen", "StädteRegion Aachen"]),
        ({"kind": "gemeinden", "region": "059", "topic": "demografie", "since": 2012}, ["Lünen"]),
    ],
)
def test_members_filters(network, filters, expected):
    assert member_names(**filters) == expected


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Lünen", ["Lünen"]),
        ("luenen", ["Lünen"]),
        ("LUNEN", ["Lünen"]),
        ("mönchen", ["Mönchengladbach"]),
        ("moenchengladbach", ["Mönchengladbach"]),
        ("Monchengladbach", ["Mönchengladbach"]),
        ("staedteregion aachen", ["StädteRegion Aachen"]),
        ("unna kreis", ["Kreis Unna"]),
        ("Werne", []),
        ("Selm", []),
    ],
)
def test_members_finds_names_in_any_umlaut_spelling(network, q, expected):
    assert member_names(q=q) == expected


def test_members_show_member_since_and_load_what_the_list_shows(network, django_assert_num_queries):
    with django_assert_num_queries(2):
        rows = [
            (
                a.name,
                a.member_since,
                a.region.name if a.region else "",
                [t.slug for t in a.profile.topics.all()] if hasattr(a, "profile") else None,
            )
            for a in queries.members(MemberFilter())
        ]

    assert rows == [
        ("Bönen", datetime.date(2015, 9, 1), "Regierungsbezirk Arnsberg", ["demografie"]),
        ("Kreis Unna", datetime.date(2013, 1, 1), "Regierungsbezirk Arnsberg", None),
        (
            "Lünen",
            datetime.date(2012, 5, 10),
            "Regierungsbezirk Arnsberg",
            ["demografie", "jugend"],
        ),
        ("Mönchengladbach", datetime.date(2015, 3, 1), "Regierungsbezirk Düsseldorf", []),
        ("StädteRegion Aachen", datetime.date(2012, 5, 10), "Regierungsbezirk Köln", None),
    ]


def test_member_since_is_the_start_of_the_current_membership(db):
    authority = AuthorityFactory(name="Lünen")
    MembershipFactory(
        authority=authority, since=datetime.date(2012, 5, 1), until=datetime.date(2014, 12, 31)
    )
    MembershipFactory(authority=authority, since=datetime.date(2016, 1, 1))

    assert [a.member_since for a in queries.members(MemberFilter())] == [datetime.date(2016, 1, 1)]
    assert member_names(since=2012) == []
    assert queries.member_years() == [2016]


# --- current_member_keys --------------------------------------------------------------------


def test_current_member_keys_are_the_current_members_only(network):
    assert queries.current_member_keys() == {"05978024", "05978008", "05116000", "05978", "05334"}


def test_current_member_keys_count_a_returning_member_once(db):
    authority = AuthorityFactory(ags="05978024", name="Lünen")
    MembershipFactory(
        authority=authority, since=datetime.date(2012, 5, 1), until=datetime.date(2014, 12, 31)
    )
    MembershipFactory(authority=authority, since=datetime.date(2016, 1, 1))

    assert queries.current_member_keys() == {"05978024"}


def test_current_member_keys_without_members_are_empty(db):
    AuthorityFactory()

    assert queries.current_member_keys() == set()


# --- waves_with_signatures ------------------------------------------------------------------


def test_waves_with_signatures_in_date_order_authorities_before_organisations(
    db, django_assert_num_queries
):
    later = SigningWaveFactory(date=datetime.date(2016, 9, 15), occasion="Netzwerktreffen Köln")
    first = SigningWaveFactory(
        date=datetime.date(2012, 3, 1), occasion="Gründung in Düsseldorf", date_precision="month"
    )
    SigningWaveFactory(date=datetime.date(2019, 5, 1), occasion="Fachtag ohne Unterschriften")
    SignatureFactory(wave=first, authority=AuthorityFactory(name="Dortmund"))
    SignatureFactory(
        wave=first,
        authority=None,
        organisation=OrganisationFactory(name="Landesnetzwerk Bürgerengagement"),
    )
    SignatureFactory(wave=first, authority=AuthorityFactory(name="Bochum"))
    SignatureFactory(
        wave=first,
        authority=None,
        organisation=OrganisationFactory(name="Caritasverband Paderborn"),
    )
    SignatureFactory(wave=later, authority=AuthorityFactory(name="Arnsberg"))

    with django_assert_num_queries(2):
        waves = [
            (wave.occasion, wave.declaration.version, [str(s) for s in wave.signatures.all()])
            for wave in queries.waves_with_signatures()
        ]

    assert [(occasion, signers) for occasion, _version, signers in waves] == [
        (
            "Gründung in Düsseldorf",
            ["Bochum", "Dortmund", "Caritasverband Paderborn", "Landesnetzwerk Bürgerengagement"],
        ),
        ("Netzwerktreffen Köln", ["Arnsberg"]),
        ("Fachtag ohne Unterschriften", []),
    ]
