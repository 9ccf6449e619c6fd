"""The profile's history reads like a person wrote it: German field names, choices by their
label, dates as dd.mm.yyyy, yes/no, lists joined (it used to print raw stored texts, and for a
new object the first two characters of the text as »before → after«)."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.models import AuditEntry
from engagiert.membership.models import Leader
from engagiert.membership.tests.factories import (
    ContactPersonFactory,
    LeaderFactory,
    MembershipFactory,
    ProfileFactory,
)
from engagiert.registry.tests.factories import AuthorityFactory

pytestmark = pytest.mark.django_db


def test_history_shows_labels_and_values_as_a_person_writes_them(client):
    authority = AuthorityFactory()
    MembershipFactory(authority=authority)
    profile = ProfileFactory(authority=authority, has_round_table=False)
    leader = LeaderFactory(authority=authority, since=datetime.date(2020, 11, 1))
    contact = ContactPersonFactory(authority=authority, public_fields=["name"])
    profile.has_round_table = True
    profile.save()
    leader.office = Leader.Office.DISTRICT_ADMINISTRATOR
    leader.since = datetime.date(2025, 11, 1)
    leader.save()
    contact.public_fields = ["name", "email"]
    contact.save()
    officer = UserFactory()
    role_grant(user=officer, role=Role.OFFICER, authority=authority)
    client.force_login(officer)

    page = client.get(f"/netzwerk/{authority.ags}/verlauf/").content.decode()

    assert "<strong>Runder Tisch</strong>: Nein → Ja" in page
    assert "<strong>Amt</strong>: Bürgermeister/in → Landrat/Landrätin" in page
    assert "<strong>Im Amt seit</strong>: 01.11.2020 → 01.11.2025" in page
    assert "<strong>Öffentliche Angaben</strong>: name → name, email" in page
    # A new object shows its values, not »first character → second character«.
    assert "<strong>Amt</strong>: Bürgermeister/in</li>" in page
    assert "<strong>Im Amt seit</strong>: 01.11.2020</li>" in page
    assert "<strong>Öffentliche Angaben</strong>: name</li>" in page
    assert "<strong>ID</strong>" not in page


def test_history_leaves_out_what_other_apps_record_for_the_authority(client):
    """A card application (birth date, address) and an indicator value are audited under the
    same authority; the officer's profile history must not show them."""
    authority = AuthorityFactory()
    MembershipFactory(authority=authority)
    ProfileFactory(authority=authority, has_round_table=True)
    applicant = UserFactory(email="antragstellerin@example.org")
    AuditEntry.objects.create(
        action="create",
        content_type=ContentType.objects.get_for_model(applicant),
        object_id=str(applicant.pk),
        object_repr=str(applicant),
        changes={"birth_date": ["", "1961-04-12"], "email": ["", applicant.email]},
        scope=f"authority:{authority.ags}",
    )
    officer = UserFactory()
    role_grant(user=officer, role=Role.OFFICER, authority=authority)
    client.force_login(officer)

    page = client.get(f"/netzwerk/{authority.ags}/verlauf/").content.decode()

    assert "Runder Tisch" in page
    assert "1961" not in page
    assert "antragstellerin@example.org" not in page
