"""The role matrix of the partner, import and statistics pages: card staff of Kreis A never
act on Kreis B, a partner only on its own entries, others not at all."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.volunteercard.models import BenefitPartner, Card

from .partner_factories import (
    BenefitFactory,
    CardFactory,
    LocationFactory,
    PartnerFactory,
    issuer_for,
    kreis_with_towns,
)

CSV = "Vorname;Nachname;gültig ab;gültig bis\nErika;Mustermann;01.01.2025;31.12.2026\n".encode()


@pytest.fixture
def world(db):
    kreis_a, town_a = kreis_with_towns("Kreis A", ["Ahausen"])
    kreis_b, town_b = kreis_with_towns("Kreis B", ["Bedorf"])
    issuer_a, issuer_b = issuer_for(kreis_a, [town_a]), issuer_for(kreis_b, [town_b])
    users = {}
    for name, role, scope in (
        ("staff_a", Role.CARD_STAFF, {"authority": kreis_a}),
        ("staff_b", Role.CARD_STAFF, {"authority": kreis_b}),
        ("officer_a", Role.OFFICER, {"authority": kreis_a}),
        ("office", Role.OFFICE, {}),
    ):
        users[name] = UserFactory(email=f"{name}@example.org")
        role_grant(user=users[name], role=role, **scope)
    partner_a = PartnerFactory(
        issuer=issuer_a, status=BenefitPartner.Status.PENDING, organisation__name="Laden A"
    )
    partner_b = PartnerFactory(
        issuer=issuer_b, status=BenefitPartner.Status.PENDING, organisation__name="Laden B"
    )
    for partner, town in ((partner_a, town_a), (partner_b, town_b)):
        BenefitFactory(partner=partner, at=[LocationFactory(partner=partner, authority=town)])
        users[f"owner_{partner.name[-1].lower()}"] = owner = UserFactory(
            email=f"owner{partner.pk}@example.org"
        )
        role_grant(user=owner, role=Role.BENEFIT_PARTNER, organisation=partner.organisation)
    CardFactory(issuer=issuer_a, valid_from=datetime.date(2025, 1, 1))
    CardFactory(issuer=issuer_b, valid_from=datetime.date(2025, 1, 1))
    CardFactory(issuer=issuer_b, valid_from=datetime.date(2025, 1, 1))
    return {"a": issuer_a, "b": issuer_b, "partner_a": partner_a, "partner_b": partner_b, **users}


def _as(client, user):
    client.force_login(user)
    return client


# route → who gets which status (the rest: see the comments)
PAGES = {
    "/ehrenamtskarte/verwaltung/akzeptanzstellen/": {
        "staff_a": 200,
        "office": 200,
        "officer_a": 403,
        "owner_a": 403,
    },
    "/ehrenamtskarte/verwaltung/akzeptanzstellen/{partner_a}/": {
        "staff_a": 200,
        "staff_b": 404,
        "office": 200,
        "owner_a": 404,
    },
    "/ehrenamtskarte/verwaltung/akzeptanzstellen/{partner_b}/": {"staff_a": 404, "staff_b": 200},
    "/ehrenamtskarte/verwaltung/ausgeber/{a}/import/": {
        "staff_a": 200,
        "staff_b": 404,
        "office": 200,
        "officer_a": 403,
    },
    "/ehrenamtskarte/verwaltung/ausgeber/{b}/import/": {"staff_a": 404, "staff_b": 200},
    "/ehrenamtskarte/verwaltung/import-vorlage.csv": {
        "staff_a": 200,
        "officer_a": 403,
        "owner_a": 403,
    },
    "/ehrenamtskarte/verwaltung/statistik/": {
        "staff_a": 200,
        "office": 200,
        "officer_a": 403,
        "owner_a": 403,
    },
    "/ehrenamtskarte/verwaltung/statistik.csv": {"staff_b": 200, "officer_a": 403},
    "/ehrenamtskarte/akzeptanzstellen/meine/": {"owner_a": 200, "staff_a": 403, "office": 403},
    "/ehrenamtskarte/akzeptanzstellen/{partner_a}/": {
        "owner_a": 200,
        "owner_b": 404,
        "staff_a": 404,
        "office": 404,
    },
    "/ehrenamtskarte/akzeptanzstellen/{partner_a}/vorteile/neu/": {"owner_a": 200, "owner_b": 404},
    "/ehrenamtskarte/akzeptanzstellen/{partner_a}/standorte/neu/": {"owner_a": 200, "owner_b": 404},
}


@pytest.mark.parametrize("route", PAGES)
def test_each_page_answers_each_role(client, world, route):
    path = route.format(
        a=world["a"].pk,
        b=world["b"].pk,
        partner_a=world["partner_a"].pk,
        partner_b=world["partner_b"].pk,
    )
    for user, status in PAGES[route].items():
        assert _as(client, world[user]).get(path).status_code == status, (user, path)
        client.logout()
    assert client.get(path).status_code == 302  # anonymous: to the login page


def test_staff_of_kreis_a_never_list_or_decide_kreis_b_partners(client, world):
    _as(client, world["staff_a"])

    listed = client.get("/ehrenamtskarte/verwaltung/akzeptanzstellen/")
    decided = client.post(
        f"/ehrenamtskarte/verwaltung/akzeptanzstellen/{world['partner_b'].pk}/",
        {"decision": "approve"},
    )

    assert [p.name for p in listed.context["page"].object_list] == ["Laden A"]
    assert decided.status_code == 404
    world["partner_b"].refresh_from_db()
    assert world["partner_b"].status == BenefitPartner.Status.PENDING


def test_staff_of_kreis_a_cannot_import_into_kreis_b(client, world):
    _as(client, world["staff_a"])

    response = client.post(
        f"/ehrenamtskarte/verwaltung/ausgeber/{world['b'].pk}/import/",
        {"file": SimpleUploadedFile("x.csv", CSV)},
    )

    assert response.status_code == 404
    assert Card.objects.filter(last_name="Mustermann").count() == 0


def test_staff_of_kreis_a_never_see_kreis_b_statistics(client, world):
    _as(client, world["staff_a"])

    response = client.get(
        f"/ehrenamtskarte/verwaltung/statistik/?issuer={world['b'].pk}&day=2025-06-30"
    )
    export = client.get(
        f"/ehrenamtskarte/verwaltung/statistik.csv?issuer={world['b'].pk}&day=2025-06-30"
    )

    assert response.context["scope"] == "Kreis A"
    kinds = dict(
        next(t for t in response.context["tables"] if t.title == "Gültige Karten nach Art").rows
    )
    assert kinds["Ehrenamtskarte"] == 1  # Kreis B has two
    assert "Ehrenamtskarte;2" not in export.content.decode("utf-8-sig")


def test_office_sees_the_statewide_statistics(client, world):
    _as(client, world["office"])

    response = client.get("/ehrenamtskarte/verwaltung/statistik/?day=2025-06-30")

    assert response.context["scope"] == "Ganz NRW"
    kinds = dict(
        next(t for t in response.context["tables"] if t.title == "Gültige Karten nach Art").rows
    )
    assert kinds["Ehrenamtskarte"] == 3


def test_a_partner_cannot_change_another_partners_benefit(client, world):
    foreign = world["partner_b"].benefits.get()
    _as(client, world["owner_a"])

    for path in (
        f"/ehrenamtskarte/akzeptanzstellen/{world['partner_b'].pk}/vorteile/{foreign.pk}/",
        f"/ehrenamtskarte/akzeptanzstellen/{world['partner_a'].pk}/vorteile/{foreign.pk}/",
        f"/ehrenamtskarte/akzeptanzstellen/{world['partner_a'].pk}/vorteile/{foreign.pk}/loeschen/",
    ):
        assert client.post(path, {"title": "Gekapert"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.title != "Gekapert"


def test_dashboard_shows_each_role_its_way_in(client, world):
    staff_page = _as(client, world["staff_a"]).get("/konto/").content.decode()
    owner_page = _as(client, world["owner_a"]).get("/konto/").content.decode()
    officer_page = _as(client, world["officer_a"]).get("/konto/").content.decode()

    assert "Akzeptanzstellen: 1 wartet auf Freigabe" in staff_page
    # Both panels of the card staff are cards like the others, with headings of their own.
    assert '<section class="kern-card" aria-labelledby="volunteercard-heading">' in staff_page
    assert '<section class="kern-card" aria-labelledby="card-applications-heading">' in staff_page
    assert staff_page.count(">Ehrenamtskarte</h2>") == 1
    assert f"/ehrenamtskarte/verwaltung/ausgeber/{world['a'].pk}/import/" in staff_page
    assert f"/ehrenamtskarte/verwaltung/ausgeber/{world['b'].pk}/import/" not in staff_page
    assert "/ehrenamtskarte/akzeptanzstellen/meine/" in owner_page
    assert "/ehrenamtskarte/verwaltung/" not in owner_page
    assert "/ehrenamtskarte/" not in officer_page.split("<main")[1].split("</main>")[0]
