"""Every action of the card staff and the office on the card lands in the audit log under the
person who did it: approving, rejecting, replacing a card, the issuer's settings, area, local
rules and staff. (Revoking, the holders' import and the partners' decisions: test_cards,
test_holders_import, test_partners.)"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from engagiert.accounts.models import Role, RoleAssignment
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.models import AuditEntry
from engagiert.registry.models import Authority
from engagiert.registry.tests.factories import AuthorityFactory
from engagiert.volunteercard.models import Application, Card, CoveredArea, Issuer, LocalRule

from .card_factories import CardFactory
from .factories import ApplicationFactory, EngagementFactory, IssuerFactory, covering


@pytest.fixture
def kreis(db):
    authority = AuthorityFactory(name="Kreis Soest", kind=Authority.Kind.DISTRICT)
    AuthorityFactory(name="Werl", kind=Authority.Kind.TOWN, district=authority)
    return covering(IssuerFactory(authority=authority))


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _staff(issuer):
    user = UserFactory(email="karte-soest@example.org")
    role_grant(user=user, role=Role.CARD_STAFF, authority=issuer.authority)
    return user


def _audited(model, pk, actor, **changes):
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=str(pk), actor=actor
    )
    return [entry.changes for entry in entries if changes.items() <= entry.changes.items()]


def _in_review(issuer, name):
    application = ApplicationFactory(
        issuer=issuer, last_name=name, status=Application.Status.IN_REVIEW
    )
    EngagementFactory(application=application)
    return application


def test_approving_and_rejecting_are_audited_under_the_staff_member(kreis):
    staff = _staff(kreis)
    client = _client(staff)
    approved, rejected = _in_review(kreis, "Ahlers"), _in_review(kreis, "Brinkmann")

    client.post(f"/ehrenamtskarte/bearbeitung/{approved.pk}/", {"action": "approve"})
    client.post(
        f"/ehrenamtskarte/bearbeitung/{rejected.pk}/",
        {"action": "reject", "reason": "Keine Bestätigung"},
    )

    assert _audited(Application, approved.pk, staff, status=["in_review", "approved"])
    assert _audited(Application, rejected.pk, staff, status=["in_review", "rejected"])
    card = Card.objects.get(application=approved)
    assert AuditEntry.objects.filter(
        object_id=str(card.pk), actor=staff, action=AuditEntry.Action.CREATE
    ).exists()


def test_replacing_a_lost_card_is_audited_for_both_cards(kreis):
    staff = _staff(kreis)
    card = CardFactory(issuer=kreis)

    _client(staff).post(f"/ehrenamtskarte/verwaltung/karten/{card.number}/ersetzen/")

    card.refresh_from_db()
    assert _audited(Card, card.pk, staff, revocation_category=["", "replaced"])
    assert AuditEntry.objects.filter(
        object_id=str(card.replaced_by_id), actor=staff, action=AuditEntry.Action.CREATE
    ).exists()


def test_the_issuers_settings_rules_area_and_staff_are_audited(kreis):
    staff = _staff(kreis)
    office = UserFactory(email="buero@example.org")
    role_grant(user=office, role=Role.OFFICE)
    url = f"/ehrenamtskarte/ausgabestellen/{kreis.pk}/"

    response = _client(staff).post(
        url,
        {
            "action": "settings",
            "participating_since": "2012-05-01",
            "validity_years": "3",
            "contact_email": "karte@soest.example",
            "is_active": "on",
        },
    )
    _client(staff).post(
        url,
        {
            "action": "rule",
            "rule-valid_from": "2026-02-01",
            "rule-min_age": "14",
            "rule-min_years_engaged": "1",
        },
    )
    _client(office).post(url, {"action": "area_all"})
    _client(office).post(url, {"action": "staff", "staff-email": "neu@soest.example"})

    assert response.status_code == 302
    kreis.refresh_from_db()
    assert (kreis.validity_years, kreis.contact_email) == (3, "karte@soest.example")
    assert _audited(Issuer, kreis.pk, staff, validity_years=["2", "3"])
    rule = LocalRule.objects.get(issuer=kreis)
    assert AuditEntry.objects.filter(object_id=str(rule.pk), actor=staff).exists()
    werl = CoveredArea.objects.get(authority__name="Werl")
    assert _audited(CoveredArea, werl.pk, office)
    grant = RoleAssignment.objects.get(user__email="neu@soest.example")
    assert _audited(RoleAssignment, grant.pk, office)
