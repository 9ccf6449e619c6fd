"""Statistics and indicators: what counts as valid on a day, the age bands, the downloads, and
the same number of queries whatever the number of cards."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.extensions import indicator_providers
from engagiert.volunteercard.models import BenefitPartner
from engagiert.volunteercard.statistics import statistics_tables

from .partner_factories import (
    BenefitFactory,
    CardFactory,
    PartnerFactory,
    issuer_for,
    kreis_with_towns,
)

DAY = datetime.date(2025, 6, 30)


@pytest.fixture
def issuers(db):
    kreis, a, b = kreis_with_towns("Kreis Coesfeld", ["Dülmen", "Coesfeld"], population=25_000)
    other, c = kreis_with_towns("Kreis Borken", ["Ahaus"], population=40_000)
    return issuer_for(kreis, [a, b]), issuer_for(other, [c])


def _table(tables, title):
    (table,) = [t for t in tables if t.title == title]
    return dict(table.rows)


def test_valid_cards_on_a_day_count_start_end_and_revocation(issuers):
    issuer, _other = issuers
    CardFactory(issuer=issuer, valid_from=DAY, valid_until=DAY)  # first and last day
    CardFactory(issuer=issuer, valid_from=DAY + datetime.timedelta(days=1))  # not yet
    CardFactory(issuer=issuer, valid_until=DAY - datetime.timedelta(days=1))  # ended
    CardFactory(
        issuer=issuer, kind="jubilee", valid_until=None, valid_from=datetime.date(2010, 1, 1)
    )
    revoked_late = timezone.make_aware(datetime.datetime(2025, 7, 1, 0, 5))
    CardFactory(issuer=issuer, revoked_at=revoked_late)  # revoked only after the day
    CardFactory(issuer=issuer, revoked_at=timezone.make_aware(datetime.datetime(2025, 6, 30, 9)))

    tables = statistics_tables(None, DAY)

    assert _table(tables, "Gültige Karten nach Art") == {"Ehrenamtskarte": 2, "Jubiläumskarte": 1}


def test_age_bands_at_every_boundary(issuers):
    issuer, _other = issuers
    for age in (17, 18, 29, 30, 49, 50, 64, 65, 90):
        CardFactory(issuer=issuer, birth_year=DAY.year - age)
    CardFactory(issuer=issuer, birth_year=None)

    ages = _table(statistics_tables(None, DAY), "Gültige Karten nach Alter")

    assert ages == {
        "unter 18": 1,
        "18–29": 2,
        "30–49": 2,
        "50–64": 2,
        "65 und älter": 2,
        "unbekannt": 1,
    }


def test_statistics_of_one_issuer_leave_out_the_others(issuers):
    issuer, other = issuers
    CardFactory(issuer=issuer, field="culture")
    CardFactory(issuer=other, field="culture")
    BenefitFactory(partner=PartnerFactory(issuer=issuer), category="sport")
    BenefitFactory(partner=PartnerFactory(issuer=other), category="sport")
    PartnerFactory(issuer=other, status=BenefitPartner.Status.PENDING)

    tables = statistics_tables(type(issuer).objects.filter(pk=issuer.pk), DAY)

    assert _table(tables, "Gültige Karten nach Engagementbereich")["Kultur und Musik"] == 1
    assert _table(tables, "Aktuelle Vorteile nach Kategorie")["Sport und Freizeit"] == 1
    assert _table(tables, "Akzeptanzstellen nach Status") == {
        "Wartet auf Freigabe": 0,
        "Freigegeben": 1,
        "Abgelehnt": 0,
    }


def test_indicator_cards_per_thousand_inhabitants(issuers):
    issuer, other = issuers
    for _n in range(5):
        CardFactory(
            issuer=issuer,
            valid_from=datetime.date(2024, 1, 1),
            valid_until=datetime.date(2025, 1, 31),
        )
    CardFactory(
        issuer=issuer, valid_from=datetime.date(2024, 1, 1), valid_until=datetime.date(2024, 12, 30)
    )
    provider = indicator_providers.get("volunteercard.cards_per_thousand")

    values = provider.values(2024)

    # 5 cards valid on 31.12.2024 for 50,000 inhabitants of Dülmen and Coesfeld: 0.1 per 1,000
    assert values == {issuer.authority_id: 0.1, other.authority_id: 0.0}
    assert str(provider.label) == "Gültige Ehrenamtskarten je 1.000 Einwohner"


def test_indicator_cards_issued_per_year(issuers):
    issuer, _other = issuers
    at = timezone.make_aware(datetime.datetime(2024, 5, 1, 12))
    CardFactory(issuer=issuer, issued_at=at)
    CardFactory(issuer=issuer, issued_at=at)
    CardFactory(issuer=issuer)  # issued now

    assert indicator_providers.get("volunteercard.cards_issued").values(2024) == {
        issuer.authority_id: 2.0
    }


@pytest.fixture
def staff(issuers):
    user = UserFactory(email="karte@coesfeld.example")
    role_grant(user=user, role=Role.CARD_STAFF, authority=issuers[0].authority)
    return user


def test_statistics_view_of_card_staff_counts_their_issuer(client, issuers, staff):
    issuer, other = issuers
    CardFactory(issuer=issuer, valid_from=DAY, valid_until=DAY)
    CardFactory(issuer=other, valid_from=DAY, valid_until=DAY)
    client.force_login(staff)

    response = client.get(f"/ehrenamtskarte/verwaltung/statistik/?day={DAY}")

    assert _table(response.context["tables"], "Gültige Karten nach Art")["Ehrenamtskarte"] == 1
    chosen = client.get(f"/ehrenamtskarte/verwaltung/statistik/?day={DAY}&issuer={other.pk}")
    assert _table(chosen.context["tables"], "Gültige Karten nach Art")["Ehrenamtskarte"] == 1
    assert chosen.context["scope"] == "Kreis Coesfeld"  # the other issuer is not offered


def test_statistics_queries_do_not_grow_with_the_cards(
    client, issuers, staff, django_assert_max_num_queries
):
    issuer, _other = issuers
    CardFactory(issuer=issuer)
    client.force_login(staff)
    with django_assert_max_num_queries(20) as few:
        client.get("/ehrenamtskarte/verwaltung/statistik/")
    for year in range(1950, 2010, 3):
        CardFactory(issuer=issuer, birth_year=year, field="rescue")
    with django_assert_max_num_queries(len(few)):
        client.get("/ehrenamtskarte/verwaltung/statistik/")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_statistics_export(client, issuers, staff, fmt):
    issuer, _other = issuers
    CardFactory(issuer=issuer, valid_from=DAY, valid_until=DAY, birth_year=1990)
    client.force_login(staff)

    response = client.get(f"/ehrenamtskarte/verwaltung/statistik.{fmt}?day={DAY}")

    if fmt == "csv":
        rows = [line.split(";") for line in response.content.decode("utf-8-sig").splitlines()]
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [[str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Tabelle", "Merkmal", "Anzahl"]
    assert ["Gültige Karten nach Alter", "30–49", "1"] in rows
