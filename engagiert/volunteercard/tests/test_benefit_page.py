"""The public benefits page: only approved, current benefits; every filter; the map; the same
number of queries for a few benefits and for many."""

import datetime

import pytest
from django.utils import timezone

from engagiert.core.extensions import home_figures
from engagiert.volunteercard.models import Benefit, BenefitPartner

from .partner_factories import (
    BenefitFactory,
    CardFactory,
    LocationFactory,
    PartnerFactory,
    issuer_for,
    kreis_with_towns,
)

URL = "/ehrenamtskarte/vorteile/"


@pytest.fixture
def places(db):
    kreis, lemgo, detmold = kreis_with_towns("Kreis Lippe", ["Lemgo", "Detmold"])
    other_kreis, coesfeld = kreis_with_towns("Kreis Coesfeld", ["Coesfeld"])
    return {
        "kreis": kreis,
        "lemgo": lemgo,
        "detmold": detmold,
        "other": other_kreis,
        "coesfeld": coesfeld,
    }


def _titles(response) -> list[str]:
    return [benefit.title for benefit in response.context["page"].object_list]


def test_benefit_list_shows_only_current_benefits_of_approved_partners(client, places):
    today = timezone.localdate()
    BenefitFactory(title="Museum frei")
    BenefitFactory(title="Abgelaufen", valid_until=today - datetime.timedelta(days=1))
    BenefitFactory(title="Bis heute", valid_until=today)
    BenefitFactory(title="Wartet", partner=PartnerFactory(status=BenefitPartner.Status.PENDING))
    BenefitFactory(title="Abgelehnt", partner=PartnerFactory(status=BenefitPartner.Status.REJECTED))

    assert _titles(client.get(URL)) == ["Bis heute", "Museum frei"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=sport", ["Schwimmen"]),
        ("kind=free_entry", ["Museum"]),
        ("statewide=on", ["Museum", "Schwimmen"]),
        ("q=kaffee", ["Café"]),
        ("q=stadtbad", ["Schwimmen"]),  # the partner's name
        ("gemeinde={lemgo}", ["Museum", "Schwimmen"]),
        ("kreis={kreis}", ["Café", "Museum", "Schwimmen"]),
        ("kreis={other}", []),
        ("kreis={lemgo}&category=nonsense", ["Café", "Museum", "Schwimmen"]),  # bad values dropped
    ],
)
def test_benefit_list_filters(client, places, query, expected):
    bath = PartnerFactory(organisation__name="Stadtbad Lemgo")
    BenefitFactory(
        title="Schwimmen",
        partner=bath,
        category="sport",
        at=[LocationFactory(partner=bath, authority=places["lemgo"])],
    )
    museum = PartnerFactory()
    BenefitFactory(
        title="Museum",
        partner=museum,
        kind="free_entry",
        percent=None,
        at=[LocationFactory(partner=museum, authority=places["lemgo"])],
    )
    cafe = PartnerFactory()
    BenefitFactory(
        title="Café",
        partner=cafe,
        category="gastronomy",
        conditions="Ein Kaffee gratis",
        statewide=False,
        at=[LocationFactory(partner=cafe, authority=places["detmold"])],
    )
    path = f"{URL}?{query.format(**{name: a.ags for name, a in places.items()})}"

    assert _titles(client.get(path)) == expected


def test_benefit_list_map_marks_the_towns_with_benefits_and_links_to_them(client, places):
    partner = PartnerFactory()
    BenefitFactory(
        partner=partner, at=[LocationFactory(partner=partner, authority=places["lemgo"])]
    )

    response = client.get(URL)

    assert response.context["counts"] == {places["lemgo"].ags: 1}
    page = response.content.decode()
    assert f'href="?gemeinde={places["lemgo"].ags}"' in page
    assert "Lemgo: 1 Vorteil" in page
    assert "tile.openstreetmap" not in page
    assert "unpkg" not in page


def test_benefit_list_htmx_answers_the_results_fragment(client, places):
    BenefitFactory(title="Museum frei")

    response = client.get(URL, headers={"HX-Request": "true"})

    assert [t.name for t in response.templates][0] == "volunteercard/_benefit_results.html"
    assert "<html" not in response.content.decode()


def _many(count: int, places) -> None:
    for n in range(count):
        partner = PartnerFactory()
        town = places["lemgo"] if n % 2 else places["detmold"]
        BenefitFactory(
            partner=partner,
            at=[
                LocationFactory(partner=partner, authority=town),
                LocationFactory(partner=partner, authority=places["coesfeld"]),
            ],
        )


def test_benefit_list_runs_the_same_queries_for_few_and_many(
    client, places, django_assert_max_num_queries
):
    _many(2, places)
    with django_assert_max_num_queries(9) as few:
        client.get(URL)
    _many(30, places)
    with django_assert_max_num_queries(len(few)):
        response = client.get(f"{URL}?seite=2&kreis={places['kreis'].ags}")
    assert len(response.context["page"].object_list) == 12


def test_partner_detail_shows_locations_and_current_benefits(client, places):
    partner = PartnerFactory(organisation__name="Stadtbad Lemgo", description="Hallenbad")
    location = LocationFactory(
        partner=partner, authority=places["lemgo"], name="Hallenbad", street="Am Bad 1"
    )
    BenefitFactory(partner=partner, title="Sauna 20 %", at=[location])
    BenefitFactory(
        partner=partner, title="Vorbei", valid_until=datetime.date(2020, 1, 1), at=[location]
    )

    page = client.get(f"/ehrenamtskarte/vorteile/partner/{partner.pk}/").content.decode()

    assert "Stadtbad Lemgo" in page
    assert "Am Bad 1" in page
    assert "Sauna 20 %" in page
    assert "Vorbei" not in page
    assert "20 % Rabatt" in page


def test_partner_detail_of_a_pending_partner_is_not_found(client, places):
    partner = PartnerFactory(status=BenefitPartner.Status.PENDING)

    assert client.get(f"/ehrenamtskarte/vorteile/partner/{partner.pk}/").status_code == 404


def test_value_label_reads_as_the_benefit(db):
    assert Benefit(kind="amount", amount_eur=5).value_label == "5,00 € Rabatt"
    assert str(Benefit(kind="free_entry").value_label) == "Freier Eintritt"


def test_start_page_figures_count_valid_cards_and_current_benefits(places):
    issuer = issuer_for(places["kreis"], [places["lemgo"]])
    today = timezone.localdate()
    CardFactory(issuer=issuer, valid_from=today, valid_until=today + datetime.timedelta(days=5))
    CardFactory(issuer=issuer, valid_from=today, valid_until=today, revoked_at=timezone.now())
    BenefitFactory()
    BenefitFactory(partner=PartnerFactory(status=BenefitPartner.Status.PENDING))

    figures = {str(figure.label): figure.value for figure in home_figures()}

    assert figures["gültige Ehrenamtskarte"] == 1
    assert figures["Vorteil für Engagierte"] == 1
