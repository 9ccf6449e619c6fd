"""The member directory as CSV and XLSX, as the network office opens it in Excel; the start of
a membership as precisely as it is known, there, in the open data and in the API."""

import csv
import datetime
import io
import json

import openpyxl
import pytest

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.membership.models import VolunteerCardStatus
from engagiert.registry.models import Authority
from engagiert.registry.tests.factories import AuthorityFactory, TopicFactory

from .factories import MembershipFactory, ProfileFactory

CSV_URL = "/netzwerk/export.csv"
XLSX_URL = "/netzwerk/export.xlsx"
HEADER = [
    "Amtlicher Schlüssel (AGS)",
    "Name",
    "Art",
    "Regierungsbezirk",
    "Einwohnerzahl",
    "Mitglied seit",
    "Stabsstelle",
    "Runder Tisch",
    "Freiwilligenagentur",
    "Ehrenamtskarte",
    "Themenschwerpunkte",
]
KREIS_UNNA = [
    "05978",
    "Kreis Unna",
    "Kreis",
    "Regierungsbezirk Arnsberg",
    "394782",
    "2013",  # only the year of its signing wave is known
    "nein",
    "ja",
    "nein",
    "geplant",
    "",
]
LUENEN = [
    "05978024",
    "Lünen",
    "Stadt (kreisangehörig)",
    "Regierungsbezirk Arnsberg",
    "85838",
    "2012-05-10",
    "ja",
    "nein",
    "ja",
    "nimmt teil",
    "Demografischer Wandel, Junge Menschen",
]
MOENCHENGLADBACH = [
    "05116000",
    "Mönchengladbach",
    "Kreisfreie Stadt",
    "Regierungsbezirk Düsseldorf",
    "267213",
    "2015-09",  # the month is known
    "nein",
    "nein",
    "nein",
    "",
    "",
]


@pytest.fixture
def directory(db):
    """Three members in two Regierungsbezirke, one former member and one that never joined."""
    arnsberg = AuthorityFactory(
        ags="059", name="Regierungsbezirk Arnsberg", kind=Authority.Kind.REGION
    )
    duesseldorf = AuthorityFactory(
        ags="051", name="Regierungsbezirk Düsseldorf", kind=Authority.Kind.REGION
    )
    unna = AuthorityFactory(
        ags="05978",
        name="Kreis Unna",
        kind=Authority.Kind.DISTRICT,
        parent=arnsberg,
        region=arnsberg,
        population=394_782,
    )
    in_unna = {"kind": Authority.Kind.TOWN, "parent": unna, "district": unna, "region": arnsberg}
    luenen = AuthorityFactory(ags="05978024", name="Lünen", population=85_838, **in_unna)
    werne = AuthorityFactory(ags="05978036", name="Werne", **in_unna)
    AuthorityFactory(ags="05978032", name="Selm", **in_unna)
    gladbach = AuthorityFactory(
        ags="05116000",
        name="Mönchengladbach",
        parent=duesseldorf,
        region=duesseldorf,
        population=267_213,
    )

    MembershipFactory(authority=luenen, since=datetime.date(2012, 5, 10))
    ProfileFactory(
        authority=luenen,
        has_staff_unit=True,
        has_volunteer_agency=True,
        volunteer_card=VolunteerCardStatus.PARTICIPATING,
        topics=[
            TopicFactory(name="Junge Menschen", slug="jugend"),
            TopicFactory(name="Demografischer Wandel", slug="demografie"),
        ],
    )
    MembershipFactory(authority=unna, since=datetime.date(2013, 1, 1), since_precision="year")
    ProfileFactory(authority=unna, has_round_table=True, volunteer_card=VolunteerCardStatus.PLANNED)
    MembershipFactory(authority=gladbach, since=datetime.date(2015, 9, 1), since_precision="month")
    MembershipFactory(
        authority=werne,
        since=datetime.date(2012, 5, 10),
        until=datetime.date(2019, 12, 31),
        end_reason="Austritt",
    )


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def xlsx_rows(response) -> list[list[object]]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [["" if value is None else value for value in row] for row in sheet.values]


def test_member_export_view_csv_lists_every_member_with_umlauts(client, office_user, directory):
    client.force_login(office_user)

    response = client.get(CSV_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="netzwerk-mitglieder-')
    assert response.content.startswith("\ufeff".encode())
    assert csv_rows(response) == [HEADER, KREIS_UNNA, LUENEN, MOENCHENGLADBACH]


def test_member_export_view_xlsx_holds_the_same_rows(client, office_user, directory):
    client.force_login(office_user)

    response = client.get(XLSX_URL)

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.active.title == "Mitglieder"
    rows = xlsx_rows(response)
    assert [[str(value) for value in row] for row in rows] == [
        HEADER,
        KREIS_UNNA,
        LUENEN,
        MOENCHENGLADBACH,
    ]
    assert rows[2][4] == 85_838  # a number Excel can sum


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?kind=kreise", [KREIS_UNNA]),
        ("?kind=gemeinden", [LUENEN, MOENCHENGLADBACH]),
        ("?region=051", [MOENCHENGLADBACH]),
        ("?q=luenen", [LUENEN]),
        ("?volunteer_card=participating", [LUENEN]),
        ("?topic=jugend", [LUENEN]),
        ("?since=2013", [KREIS_UNNA]),
        ("?kind=nonsense", [KREIS_UNNA, LUENEN, MOENCHENGLADBACH]),
    ],
)
def test_member_export_view_applies_the_directory_filters(
    client, office_user, directory, query, expected
):
    client.force_login(office_user)

    assert csv_rows(client.get(CSV_URL + query)) == [HEADER, *expected]
    assert [[str(v) for v in row] for row in xlsx_rows(client.get(XLSX_URL + query))] == [
        HEADER,
        *expected,
    ]


def test_member_export_view_costs_the_same_queries_for_many_members(
    client, office_user, directory, django_assert_max_num_queries
):
    topic = TopicFactory(name="Inklusion", slug="inklusion")
    for number in range(30):
        member = AuthorityFactory(name=f"Mitgliedsgemeinde {number}")
        MembershipFactory(authority=member)
        ProfileFactory(authority=member, topics=[topic])
    client.force_login(office_user)

    with django_assert_max_num_queries(8):
        response = client.get(CSV_URL)

    assert len(csv_rows(response)) == 1 + 3 + 30


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("office", 200),
        (Role.OFFICER, 403),
        (Role.LEADER, 403),
        (Role.VOLUNTEER, 403),
        ("anonymous", 302),
    ],
)
def test_member_export_view_is_for_the_network_office_only(
    client, office_user, directory, url, role, status
):
    if role == "office":
        client.force_login(office_user)
    elif role != "anonymous":
        user = UserFactory(email="person@luenen.example")
        member = Authority.objects.get(ags="05978024")
        role_grant(user=user, role=role, authority=member if role != Role.VOLUNTEER else None)
        client.force_login(user)

    response = client.get(url)

    assert response.status_code == status
    if status == 403:
        assert "Nur das Netzwerkbüro kann das Verzeichnis exportieren." in response.content.decode()
        assert "Lünen" not in response.content.decode()
    if status == 302:
        assert response["Location"] == f"/konto/anmelden/?next={url}"


FORMULA = '=HYPERLINK("http://x","y")'


@pytest.fixture
def formula_member(db):
    authority = AuthorityFactory(ags="05978040", name=FORMULA)
    MembershipFactory(authority=authority, since=datetime.date(2020, 1, 1))
    ProfileFactory(authority=authority, topics=[TopicFactory(name="+49 Engagement", slug="plus")])


def test_member_export_view_csv_keeps_formulas_inert(client, office_user, formula_member):
    client.force_login(office_user)

    [_header, row] = csv_rows(client.get(CSV_URL))

    assert (row[1], row[10]) == (f"'{FORMULA}", "'+49 Engagement")


def test_member_export_view_xlsx_holds_formulas_as_text(client, office_user, formula_member):
    client.force_login(office_user)

    sheet = openpyxl.load_workbook(io.BytesIO(client.get(XLSX_URL).content)).active

    assert (sheet["B2"].value, sheet["B2"].data_type) == (FORMULA, "s")
    assert (sheet["K2"].value, sheet["K2"].data_type) == ("+49 Engagement", "s")


#: The start of each membership in the directory as far as it is known, and how far that is.
KNOWN_SINCE = {
    "Kreis Unna": ("2013", "year"),
    "Lünen": ("2012-05-10", "day"),
    "Mönchengladbach": ("2015-09", "month"),
}


def test_open_data_give_a_member_since_only_as_precisely_as_it_is_known(
    client, directory, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path

    rows = json.loads(b"".join(client.get("/offene-daten/mitglieder.json").streaming_content))
    table = csv.DictReader(
        io.StringIO(b"".join(client.get("/offene-daten/mitglieder.csv").streaming_content).decode())
    )

    from_json = {r["name"]: (r["member_since"], r["member_since_precision"]) for r in rows["rows"]}
    from_csv = {r["name"]: (r["member_since"], r["member_since_precision"]) for r in table}
    assert from_json == from_csv == KNOWN_SINCE


def test_api_gives_a_member_since_only_as_precisely_as_it_is_known(client, directory):
    members = client.get("/api/v1/members/").json()["results"]
    authorities = client.get("/api/v1/authorities/?page_size=100").json()["results"]

    assert {m["name"]: (m["member_since"], m["member_since_precision"]) for m in members} == (
        KNOWN_SINCE
    )
    assert {
        a["name"]: (a["member_since"], a["member_since_precision"])
        for a in authorities
        if a["is_member"]
    } == KNOWN_SINCE
    assert next(a for a in authorities if a["name"] == "Selm")["member_since"] is None


def test_api_schema_says_how_precisely_member_since_is_known(client, db):
    schema = client.get("/api/v1/schema/?format=json").json()["components"]["schemas"]

    for name in ("Member", "Authority"):
        since = schema[name]["properties"]["member_since"]
        assert since["type"] == "string"
        assert "format" not in since
        assert "2016-09" in since["description"]
