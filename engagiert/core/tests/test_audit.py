"""The audit trail: who changed what, when — and nobody can rewrite it."""

from decimal import Decimal

import pytest

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import PASSWORD, UserFactory
from engagiert.core.models import AuditEntry
from engagiert.membership.models import Profile
from engagiert.registry.models import Organisation
from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory

NEW_PASSWORD = "Ruhr-Brücke-über-der-Lenne-9"


@pytest.mark.django_db
def test_audit_entry_records_officers_website_change(client, officer):
    authority = AuthorityFactory()
    Profile.objects.create(
        authority=authority,
        website="https://www.musterstadt.de/alt",
        description="Wir fördern das Ehrenamt.",
    )
    role_grant(user=officer, role=Role.OFFICER, authority=authority)
    client.force_login(officer)

    response = client.post(
        f"/netzwerk/{authority.ags}/profil/",
        {
            "website": "https://www.musterstadt.de/ehrenamt",
            "description": "Wir fördern das Ehrenamt.",
            "volunteer_card": "no",
        },
    )

    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action="update", object_id=authority.ags).get()
    assert entry.actor == officer
    assert entry.actor_label == str(officer)
    assert entry.object_repr == f"Profil von {authority.name}"
    assert entry.changes == {
        "website": ["https://www.musterstadt.de/alt", "https://www.musterstadt.de/ehrenamt"]
    }


@pytest.mark.django_db
def test_audit_entry_not_written_when_officer_saves_unchanged_form(client, officer, authority):
    profile = Profile.objects.create(
        authority=authority, website="https://www.musterstadt.de", description="Runder Tisch."
    )
    client.force_login(officer)
    before = AuditEntry.objects.count()

    response = client.post(
        f"/netzwerk/{authority.ags}/profil/",
        {
            "website": profile.website,
            "description": profile.description,
            "volunteer_card": profile.volunteer_card,
        },
    )

    assert response.status_code == 302
    assert AuditEntry.objects.count() == before


@pytest.mark.django_db
@pytest.mark.usefixtures("production_password_hasher")
def test_audit_entry_for_created_user_masks_the_password(client, office_user):
    client.force_login(office_user)

    response = client.post(
        "/admin/accounts/user/add/",
        {
            "email": "neu@example.org",
            "usable_password": "true",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "role_assignments-TOTAL_FORMS": "0",
            "role_assignments-INITIAL_FORMS": "0",
            "role_assignments-MIN_NUM_FORMS": "0",
            "role_assignments-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 302
    user = User.objects.get(email="neu@example.org")
    entry = AuditEntry.objects.filter(action="create", object_id=str(user.pk)).get()
    assert entry.actor == office_user
    assert entry.changes["email"] == "neu@example.org"
    assert entry.changes["password"] == "***"
    assert user.password.startswith("argon2")
    assert user.password not in str(entry.changes)
    assert not AuditEntry.objects.filter(changes__icontains="argon2").exists()


@pytest.mark.django_db
def test_audit_entry_for_password_change_hides_both_values(client):
    user = UserFactory()

    user.set_password(NEW_PASSWORD)
    user.save()

    entry = AuditEntry.objects.filter(action="update", object_id=str(user.pk)).get()
    assert entry.changes == {"password": ["***", "***"]}
    assert entry.actor_label == "System"


@pytest.mark.django_db
def test_audit_entry_not_written_for_login(client, officer):
    before = list(AuditEntry.objects.values_list("pk", flat=True))
    assert officer.last_login is None

    response = client.post("/konto/anmelden/", {"username": officer.email, "password": PASSWORD})

    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.last_login is not None
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == before


@pytest.mark.django_db
def test_audit_entry_records_deleted_organisation(client, office_user):
    organisation = OrganisationFactory(name="Bürgerstiftung Hamm")
    client.force_login(office_user)

    response = client.post(
        f"/admin/registry/organisation/{organisation.pk}/delete/", {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    entry = AuditEntry.objects.filter(action="delete").get()
    assert entry.object_id == str(organisation.pk)
    assert entry.object_repr == "Bürgerstiftung Hamm"
    assert entry.actor == office_user


@pytest.mark.django_db
def test_audit_entry_admin_lists_entries_for_the_office(client, office_user, officer):
    AuthorityFactory(name="Lüdenscheid")
    client.force_login(office_user)

    response = client.get("/admin/core/auditentry/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Lüdenscheid" in page
    assert str(officer) in page
    assert 'href="/admin/core/auditentry/add/"' not in page


@pytest.mark.django_db
def test_audit_entry_admin_refuses_adding_and_changing(client, office_user):
    AuthorityFactory(name="Lüdenscheid")
    entry = AuditEntry.objects.get(object_repr="Lüdenscheid")
    client.force_login(office_user)
    change_url = f"/admin/core/auditentry/{entry.pk}/change/"

    assert client.get("/admin/core/auditentry/add/").status_code == 403
    assert client.post("/admin/core/auditentry/add/", {"action": "delete"}).status_code == 403
    view = client.get(change_url)
    assert view.status_code == 200
    assert 'name="_save"' not in view.content.decode()
    assert client.post(change_url, {"object_repr": "Gefälscht"}).status_code == 403
    assert (
        client.post(f"/admin/core/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    entry.refresh_from_db()
    assert entry.object_repr == "Lüdenscheid"


@pytest.mark.django_db
def test_audit_entry_admin_closed_for_an_officer(client, officer):
    client.force_login(officer)

    response = client.get("/admin/core/auditentry/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_audit_entry_not_written_when_a_decimal_is_saved_with_other_digits():
    authority = AuthorityFactory(latitude=Decimal("51.5"))
    authority.save()
    assert not AuditEntry.objects.filter(action="update", object_id=authority.ags).exists()
