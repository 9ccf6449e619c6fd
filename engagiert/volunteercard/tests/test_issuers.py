"""Who issues cards for whom, and the membership profile's status that follows from it."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from engagiert.accounts.models import Role, RoleAssignment
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.membership.forms import ProfileForm
from engagiert.membership.models import Profile, VolunteerCardStatus
from engagiert.registry.models import Authority
from engagiert.registry.tests.factories import AuthorityFactory
from engagiert.volunteercard.models import Issuer
from engagiert.volunteercard.queries import issuer_for
from engagiert.volunteercard.services import issuers as services

SINCE = {"participating_since": datetime.date(2011, 6, 1), "validity_years": 3}


@pytest.fixture
def unna(db):
    kreis = AuthorityFactory(name="Kreis Unna", ags="05978000", kind=Authority.Kind.DISTRICT)
    for ags, name in [("05978024", "Schwerte"), ("05978020", "Lünen"), ("05978036", "Unna")]:
        AuthorityFactory(ags=ags, name=name, kind=Authority.Kind.TOWN, district=kreis)
    return kreis


def _status(ags):
    profile = Profile.objects.filter(authority_id=ags).first()
    return (profile.volunteer_card, profile.volunteer_card_since) if profile else None


def test_a_town_covers_itself_and_its_profile_takes_part(db):
    arnsberg = AuthorityFactory(name="Arnsberg", kind=Authority.Kind.TOWN)

    issuer = services.issuer_create(authority=arnsberg, data=SINCE)

    assert issuer_for(arnsberg) == issuer
    assert _status(arnsberg.ags) == (VolunteerCardStatus.PARTICIPATING, 2011)


def test_a_kreis_takes_all_its_gemeinden_without_own_issuing_in_one_step(client, unna):
    luenen = Authority.objects.get(name="Lünen")
    services.issuer_create(authority=luenen, data=SINCE)  # Lünen issues its own cards
    issuer = services.issuer_create(authority=unna, data=SINCE)
    office = UserFactory(email="buero-karte@example.org")
    role_grant(user=office, role=Role.OFFICE)
    client.force_login(office)

    client.post(f"/ehrenamtskarte/ausgabestellen/{issuer.pk}/", {"action": "area_all"})

    names = sorted(issuer.area.values_list("authority__name", flat=True))
    assert names == ["Schwerte", "Unna"]
    assert _status("05978024") == (VolunteerCardStatus.PARTICIPATING, 2011)
    assert issuer_for(luenen).authority == luenen


def test_one_gemeinde_has_at_most_one_issuer(unna):
    schwerte = Authority.objects.get(name="Schwerte")
    services.issuer_create(authority=schwerte, data=SINCE)
    issuer = services.issuer_create(authority=unna, data=SINCE)

    with pytest.raises(ValidationError) as raised:
        services.issuer_area_set(issuer=issuer, authorities=[schwerte])

    assert raised.value.message_dict["authorities"] == [
        "Schwerte wird schon von Schwerte versorgt; eine Gemeinde hat höchstens eine Ausgabestelle."
    ]


def test_a_kreis_covers_only_its_own_gemeinden(unna, db):
    dortmund = AuthorityFactory(name="Dortmund", kind=Authority.Kind.INDEPENDENT_CITY)
    issuer = services.issuer_create(authority=unna, data=SINCE)

    with pytest.raises(ValidationError, match="gehört nicht zum Kreis Unna"):
        services.issuer_area_set(issuer=issuer, authorities=[dortmund])


def test_ending_participation_ends_the_status_unless_another_issuer_covers(unna):
    issuer = services.issuer_create(authority=unna, data=SINCE)
    services.issuer_area_set(issuer=issuer, authorities=Authority.objects.filter(district=unna))

    services.issuer_update(issuer=issuer, data={"is_active": False})

    assert _status("05978024") == (VolunteerCardStatus.NO, None)
    assert issuer_for(Authority.objects.get(name="Schwerte")) is None


def test_the_officer_cannot_contradict_the_recorded_status(db):
    town = AuthorityFactory(name="Bocholt", kind=Authority.Kind.TOWN)
    services.issuer_create(authority=town, data=SINCE)
    profile = Profile.objects.get(authority=town)

    form = ProfileForm({"volunteer_card": "no", "volunteer_card_since": "2020"}, instance=profile)
    form.is_valid()

    assert form.cleaned_data["volunteer_card"] == VolunteerCardStatus.PARTICIPATING
    assert form.cleaned_data["volunteer_card_since"] == 2011
    other = ProfileForm(instance=Profile.objects.create(authority=AuthorityFactory()))
    offered = [value for value, _ in other.fields["volunteer_card"].choices]
    assert VolunteerCardStatus.PARTICIPATING not in offered


def test_local_rules_are_versions_by_date(db):
    issuer = services.issuer_create(authority=AuthorityFactory(kind="stadt"), data=SINCE)
    rule = {"valid_from": datetime.date(2026, 1, 1), "min_age": 16, "min_years_engaged": 2}
    services.local_rule_save(issuer=issuer, instance=None, data=rule)

    with pytest.raises(ValidationError) as raised:
        services.local_rule_save(issuer=issuer, instance=None, data=rule)

    assert "valid_from" in raised.value.message_dict


def test_the_office_grants_the_card_staff_role_to_a_new_address(client, office_user, db):
    issuer = services.issuer_create(authority=AuthorityFactory(kind="stadt"), data=SINCE)
    client.force_login(office_user)

    client.post(
        f"/ehrenamtskarte/ausgabestellen/{issuer.pk}/",
        {"action": "staff", "staff-email": "Neu@Kommune.example", "staff-first_name": "Nora"},
    )

    assignment = RoleAssignment.objects.get(role=Role.CARD_STAFF)
    assert (assignment.user.email, assignment.authority) == (
        "neu@kommune.example",
        issuer.authority,
    )
    assert not assignment.user.has_usable_password()


def test_the_office_changes_an_issuers_settings_and_they_are_stored(client, office_user, db):
    issuer = services.issuer_create(authority=AuthorityFactory(kind="stadt"), data=SINCE)
    client.force_login(office_user)

    response = client.post(
        f"/ehrenamtskarte/ausgabestellen/{issuer.pk}/",
        {
            "action": "settings",
            "participating_since": "2011-06-01",
            "validity_years": "5",
            "contact_email": "karte@kommune.example",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    stored = Issuer.objects.get(pk=issuer.pk)
    assert (stored.validity_years, stored.contact_email) == (5, "karte@kommune.example")


def test_an_officer_records_the_participation_of_their_own_authority_only(client, db):
    own, other = AuthorityFactory(kind="stadt"), AuthorityFactory(kind="stadt")
    officer = UserFactory(email="beauftragte@example.org")
    role_grant(user=officer, role=Role.OFFICER, authority=own)
    client.force_login(officer)
    data = {"participating_since": "2015-01-01", "validity_years": "2", "is_active": "on"}

    refused = client.post("/ehrenamtskarte/ausgabestellen/neu/", {"authority": other.pk, **data})
    client.post("/ehrenamtskarte/ausgabestellen/neu/", {"authority": own.pk, **data})

    assert refused.status_code == 200  # not a choice for this officer
    assert list(Issuer.objects.values_list("authority", flat=True)) == [own.pk]


def test_the_office_switches_an_issuer_off_on_its_page_and_the_profile_stops_taking_part(
    client, office_user, db
):
    arnsberg = AuthorityFactory(name="Arnsberg", kind=Authority.Kind.TOWN)
    issuer = services.issuer_create(authority=arnsberg, data=SINCE)
    client.force_login(office_user)

    client.post(
        f"/ehrenamtskarte/ausgabestellen/{issuer.pk}/",
        {"action": "settings", "participating_since": "2011-06-01", "validity_years": "3"},
    )

    assert not Issuer.objects.get(pk=issuer.pk).is_active
    assert _status(arnsberg.ags)[0] != VolunteerCardStatus.PARTICIPATING
