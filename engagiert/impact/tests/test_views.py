import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from engagiert.accounts.models import Role
from engagiert.membership.tests.factories import MembershipFactory
from engagiert.registry.tests.factories import AuthorityFactory

from ..models import Indicator, IndicatorValue, Snapshot
from .conftest import user_with
from .factories import IndicatorFactory, IndicatorValueFactory


def _manual(key: str):
    return Indicator.objects.get(key=key)


@pytest.mark.django_db
def test_officer_enters_values_with_units_checked_at_the_field(client, officer, member):
    client.force_login(officer)
    url = reverse("impact:values_edit", args=[member.ags]) + "?jahr=2026"
    page = client.get(url)
    assert "Budget für Engagementförderung" in page.text
    assert "Freiwilligenagentur vorhanden" in page.text

    bad = client.post(
        url, {"budget-engagement": "-5", "staff-fte": "1,25", "volunteer-agency": "1"}
    )
    assert bad.status_code == 200
    assert "größer oder gleich 0" in bad.text
    assert "1 Dezimalstelle" in bad.text
    assert not IndicatorValue.objects.exists()

    good = client.post(
        url, {"budget-engagement": "12.500,50", "staff-fte": "1,5", "volunteer-agency": "1"}
    )
    assert good.status_code == 302
    values = dict(
        IndicatorValue.objects.filter(authority=member, year=2026).values_list(
            "indicator__key", "value"
        )
    )
    assert values == {
        "budget-engagement": Decimal("12500.50"),
        "staff-fte": Decimal("1.50"),
        "volunteer-agency": Decimal("1.00"),
    }
    again = client.get(url)
    assert 'value="1,5"' in again.text


@pytest.mark.django_db
def test_dashboard_lists_missing_values_of_the_year(client, officer, member):
    IndicatorValueFactory(indicator=_manual("budget-engagement"), authority=member, year=2026)
    client.force_login(officer)
    page = client.get(reverse("impact:authority", args=[member.ags]) + "?jahr=2026")
    missing = page.text.split('id="missing-heading"')[1].split("</section>")[0]
    assert "Personal für Engagementförderung" in missing
    assert "Freiwilligenagentur vorhanden" in missing
    assert "Budget für Engagementförderung" not in missing


@pytest.mark.django_db
def test_dashboard_chart_is_an_accessible_svg_with_the_table_beside(client, officer, member):
    budget = _manual("budget-engagement")
    for year, value in ((2024, 8000), (2025, 9500)):
        IndicatorValueFactory(indicator=budget, authority=member, year=year, value=value)
    client.force_login(officer)
    page = client.get(reverse("impact:authority", args=[member.ags])).text
    svg = re.search(
        r'<svg[^>]*role="img"[^>]*aria-labelledby="([^"]+)"[^>]*>(.*?)</svg>', page, re.S
    )
    assert svg is not None
    title_id, desc_id = svg.group(1).split()
    assert re.search(
        rf'<title id="{title_id}">Budget für Engagementförderung in Ahausen im Zeitverlauf</title>',
        svg.group(2),
    )
    assert re.search(
        rf'<desc id="{desc_id}">2024: 8.000 Euro; 2025: 9.500 Euro</desc>', svg.group(2)
    )
    assert '<th scope="row" class="kern-table__cell">Budget für Engagementförderung</th>' in page
    assert "9.500" in page


@pytest.fixture
def peers(member):
    budget = _manual("budget-engagement")
    for value in (10, 20, 30, 50, 60):
        town = MembershipFactory(authority__kind="stadt", authority__population=40_000).authority
        IndicatorValueFactory(indicator=budget, authority=town, year=2025, value=value)
    IndicatorValueFactory(indicator=budget, authority=member, year=2025, value=40)
    return budget


@pytest.mark.django_db
def test_peer_comparison_shows_aggregates_never_raw_values(client, officer, member, peers):
    client.force_login(officer)
    url = reverse("impact:peers", args=[member.ags]) + "?indikator=budget-engagement&jahr=2025"
    page = client.get(url).text
    assert "Vergleichsgruppe: Stadt (kreisangehörig), 20.000 bis 50.000 Einwohner" in page
    assert "Ahausen liegt auf Rang 3 von 6." in page
    assert re.search(r"<title[^>]*>Budget für Engagementförderung 2025: Ahausen in der", page)
    assert "Unteres Quartil: 22,5 Euro; Median: 35 Euro; Oberes Quartil: 47,5 Euro" in page
    for raw in (">10<", ">20<", ">30<", ">50<", ">60<"):  # no peer's own figure
        assert raw not in page
    assert "Musterstadt" not in page  # no peer is named


@pytest.mark.django_db
def test_peer_export_as_xlsx(client, officer, member, peers):
    client.force_login(officer)
    url = reverse("impact:peers_export", args=[member.ags, "xlsx"])
    response = client.get(url + "?indikator=budget-engagement&jahr=2025")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:4] == ("Indikator", "Jahr", "Vergleichsgruppe", "Werte in der Gruppe")
    assert (rows[1][3], rows[1][4], rows[1][5], rows[1][7]) == (6, 40, "3 / 6", 35)


@pytest.mark.django_db
def test_catalogue_export_as_csv_names_unavailable_sources(client, office):
    IndicatorFactory(key="uninstalled", source="automatic", provider_key="uninstalled.app")
    client.force_login(office)
    text = client.get(reverse("impact:catalogue_export", args=["csv"])).content.decode("utf-8-sig")
    lines = {line.split(";")[0]: line for line in text.splitlines()}
    assert "Quelle derzeit nicht verfügbar" in lines["uninstalled"]
    assert "Quelle derzeit nicht verfügbar" not in lines["cards-per-1000"]
    assert "verfügbar" in lines["event-participations"]
    assert "Deutscher Freiwilligensurvey" in lines["engagement-rate"]


@pytest.mark.django_db
def test_office_edits_a_definition_into_a_new_version(client, office, member):
    budget = _manual("budget-engagement")
    IndicatorValueFactory(indicator=budget, authority=member, year=2024)
    client.force_login(office)
    url = reverse("impact:indicator_edit", args=["budget-engagement"])
    form = {
        "name": "Budget für Engagementförderung",
        "definition": "Neu gefasst",
        "level": "input",
        "higher_is_better": "1",
        "unit": "euro",
        "provider_key": "",
        "source_name": "",
        "position": "10",
        "valid_from": "2020",
    }
    refused = client.post(url, form)
    assert "Werte verwenden bereits die ab 2020 gültige Definition" in refused.text
    assert client.post(url, {**form, "valid_from": "2026"}).status_code == 302
    page = client.get(url).text
    assert "gültig ab 2026: Budget für Engagementförderung – Neu gefasst" in page


@pytest.mark.django_db
def test_office_creates_an_automatic_indicator_from_the_registry(client, office):
    client.force_login(office)
    url = reverse("impact:indicator_create")
    assert '<option value="events.participations">' in client.get(url).text
    form = {
        "key": "werkstatt-teams",
        "name": "Werkstatt-Teams",
        "definition": "Teams",
        "level": "output",
        "higher_is_better": "1",
        "unit": "count",
        "source": "automatic",
        "provider_key": "",
        "source_name": "",
        "position": "5",
        "valid_from": "2025",
    }
    assert "Wählen Sie die Kennzahl der Plattform" in client.post(url, form).text
    assert client.post(url, {**form, "provider_key": "workshop.participation"}).status_code == 302
    assert Indicator.objects.get(key="werkstatt-teams").versions.get().valid_from == 2025


@pytest.mark.django_db
def test_office_imports_external_values_with_a_dry_run_first(client, office, member):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(office)
    url = reverse("impact:indicator_import", args=["engagement-rate"])
    content = f"AGS;Jahr;Wert\n{member.ags};2019;39,7\n".encode()
    dry = client.post(url, {"file": SimpleUploadedFile("fws.csv", content), "dry_run": "on"})
    assert "Probelauf: Es wurde nichts gespeichert" in dry.text
    assert "1 neu, 0 geändert, 0 unverändert." in dry.text
    assert not IndicatorValue.objects.exists()
    done = client.post(url, {"file": SimpleUploadedFile("fws.csv", content)})
    assert "Die Werte wurden importiert" in done.text
    assert IndicatorValue.objects.get().value == Decimal("39.70")
    bad = client.post(url, {"file": SimpleUploadedFile("x.csv", b"1;2\n")})
    assert "Zeile 1: drei Spalten erwartet" in bad.text


@pytest.mark.django_db
def test_office_freezes_a_year_once(client, office, member):
    client.force_login(office)
    url = reverse("impact:snapshot")
    assert client.post(url, {"year": "2025"}).status_code == 302
    assert Snapshot.objects.get().year == 2025
    assert "Das Jahr 2025 ist bereits eingefroren." in client.post(url, {"year": "2025"}).text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "own", "dashboard", "values", "peers", "network", "catalogue_edit"),
    [
        ("officer", True, 200, 200, 200, 403, 403),
        ("officer", False, 403, 403, 403, 403, 403),
        ("leader", True, 200, 403, 200, 403, 403),
        ("development_team", True, 403, 403, 403, 403, 403),
        ("volunteer", None, 403, 403, 403, 403, 403),
        ("card_staff", True, 403, 403, 403, 403, 403),
        ("office", None, 200, 200, 200, 200, 200),
    ],
)
def test_role_matrix(client, member, role, own, dashboard, values, peers, network, catalogue_edit):
    other = MembershipFactory().authority
    where = {"authority": member if own else other} if own is not None else {}
    client.force_login(user_with(Role(role), **where))
    expected = [
        (reverse("impact:authority", args=[member.ags]), dashboard),
        (reverse("impact:values_edit", args=[member.ags]), values),
        (reverse("impact:peers", args=[member.ags]), peers),
        (reverse("impact:network"), network),
        (reverse("impact:indicator_edit", args=["budget-engagement"]), catalogue_edit),
    ]
    assert [(path, client.get(path).status_code) for path, _status in expected] == expected


@pytest.mark.django_db
def test_pages_run_constant_queries_in_the_number_of_authorities(
    client, office, member, peers, django_assert_max_num_queries
):
    client.force_login(office)
    urls = [
        reverse("impact:network") + "?jahr=2025",
        reverse("impact:authority", args=[member.ags]),
        reverse("impact:peers", args=[member.ags]) + "?indikator=budget-engagement&jahr=2025",
    ]
    counts = []
    for _ in range(2):
        for url in urls:
            with django_assert_max_num_queries(20) as captured:
                client.get(url)
            counts.append(len(captured))
        budget = _manual("budget-engagement")
        for index in range(30):
            town = AuthorityFactory(kind="stadt", population=41_000 + index)
            IndicatorValueFactory(indicator=budget, authority=town, year=2025, value=index)
    assert counts[:3] == counts[3:]


@pytest.mark.django_db
def test_the_networks_trend_is_titled_once_on_screen(client, office):
    _manual("budget-engagement")
    client.force_login(office)

    page = client.get(reverse("impact:network") + "?indikator=budget-engagement").content.decode()

    title = "Budget für Engagementförderung im Netzwerk"
    assert page.count(f">{title}</h2>") == 1
    assert f'<caption class="kern-sr-only">{title}</caption>' in page
