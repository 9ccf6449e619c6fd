"""The CRM's writes: staff changes with successors, activity log, follow-ups, the import."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.contacts import services
from engagiert.contacts.models import Activity, ContactImport, FollowUp, Tag
from engagiert.core.extensions import inbox_items
from engagiert.core.models import OutboundMail
from engagiert.membership.models import ContactPerson
from engagiert.membership.tests.factories import ContactPersonFactory
from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory

from .factories import ActivityFactory, FollowUpFactory, TagFactory
from .test_importing import HEAD, xlsx

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture
def colleague(db):
    user = UserFactory(email="kollegin@example.org", first_name="Karla", last_name="Kollegin")
    role_grant(user=user, role=Role.OFFICE)
    return user


@pytest.fixture
def officer_leaving(db):
    """Olga, engagement officer and leader's deputy of her town on the platform, leaves."""
    person = ContactPersonFactory(name="Olga Alt", email="olga@ahausen.example")
    account = UserFactory(email="Olga@Ahausen.example")
    role_grant(user=account, role=Role.OFFICER, authority=person.authority)
    role_grant(user=account, role=Role.DEVELOPMENT_TEAM, authority=person.authority)
    role_grant(user=account, role=Role.OFFICER, authority=AuthorityFactory())  # elsewhere: stays
    return person, account


def test_a_successor_takes_over_the_roles_at_the_municipality_when_asked(
    office_user, officer_leaving
):
    person, account = officer_leaving

    successor = services.person_hand_over(
        person=person,
        ended_on=TODAY,
        successor_data={"name": "Nina Neu", "email": "nina@ahausen.example"},
        take_over_roles=True,
        actor=office_user,
    )

    new_account = User.objects.get(email="nina@ahausen.example")
    assert {(r.role, r.authority_id) for r in new_account.role_assignments.all()} == {
        (Role.OFFICER, successor.authority_id),
        (Role.DEVELOPMENT_TEAM, successor.authority_id),
    }
    assert not account.role_assignments.filter(authority=person.authority).exists()
    assert account.role_assignments.count() == 1
    assert set(OutboundMail.objects.values_list("to_email", flat=True)) == {"nina@ahausen.example"}


def test_roles_stay_with_the_leaver_until_the_day_and_without_the_tick(
    office_user, officer_leaving
):
    person, account = officer_leaving
    other, other_account = ContactPersonFactory(authority=person.authority), UserFactory()
    other.email = other_account.email
    other.save()

    services.person_hand_over(
        person=person,
        ended_on=TODAY + datetime.timedelta(days=14),
        successor=other,
        take_over_roles=True,
        actor=office_user,
    )
    untouched = ContactPersonFactory(email="ute@ahausen.example", authority=person.authority)
    role_grant(user=UserFactory(email=untouched.email), role=Role.LEADER, authority=other.authority)
    services.person_hand_over(
        person=untouched, ended_on=TODAY, successor_data={"name": "Udo"}, actor=office_user
    )

    assert account.role_assignments.filter(authority=person.authority).count() == 2
    assert other_account.role_assignments.filter(authority=person.authority).count() == 2
    assert not User.objects.filter(first_name="Udo").exists()


def test_roles_handed_over_ahead_end_for_the_leaver_on_the_leaving_day(
    office_user, officer_leaving
):
    person, account = officer_leaving
    leaving_day = TODAY + datetime.timedelta(days=14)
    services.person_hand_over(
        person=person,
        ended_on=leaving_day,
        successor_data={"name": "Nina Neu", "email": "nina@ahausen.example"},
        take_over_roles=True,
        actor=office_user,
    )

    assert services.leavers_roles_end(today=leaving_day - datetime.timedelta(days=1)) == 0
    assert account.role_assignments.filter(authority=person.authority).count() == 2
    assert services.leavers_roles_end(today=leaving_day) == 2
    assert not account.role_assignments.filter(authority=person.authority).exists()
    assert account.role_assignments.count() == 1  # elsewhere: stays
    successor = User.objects.get(email="nina@ahausen.example")
    assert successor.role_assignments.filter(authority=person.authority).count() == 2


def test_a_leaver_keeps_roles_the_successor_was_not_given(office_user, officer_leaving):
    person, account = officer_leaving
    services.person_hand_over(
        person=person,
        ended_on=TODAY,
        successor_data={"name": "Udo Ohne", "email": "udo@ahausen.example"},
        actor=office_user,
    )

    assert services.leavers_roles_end(today=TODAY) == 0
    assert account.role_assignments.filter(authority=person.authority).count() == 2


def test_taking_over_roles_needs_a_successor_with_an_address(office_user, officer_leaving):
    person, account = officer_leaving

    with pytest.raises(ValidationError) as refused:
        services.person_hand_over(
            person=person,
            ended_on=TODAY,
            successor_data={"name": "Nina Neu"},
            take_over_roles=True,
            actor=office_user,
        )

    assert "take_over_roles" in refused.value.message_dict
    person.refresh_from_db()
    assert person.ended_on is None  # nothing of the hand-over is kept
    assert account.role_assignments.count() == 3


def test_a_successor_takes_over_function_tags_and_open_follow_ups(office_user, colleague):
    person = ContactPersonFactory(function="Koordination Ehrenamt", is_primary=True)
    person.tags.add(TagFactory(name="Steuerungsgruppe"))
    ActivityFactory(person=person, text="Hat den Kongress mitgeplant.")
    open_one = FollowUpFactory(person=person, assignee=colleague)

    successor = services.person_hand_over(
        person=person,
        ended_on=TODAY,
        successor_data={"name": "Nina Neu", "email": "nina@kommune.example"},
        actor=office_user,
    )

    person.refresh_from_db()
    assert (person.ended_on, person.successor, person.is_primary) == (TODAY, successor, False)
    assert (successor.function, successor.is_primary) == ("Koordination Ehrenamt", True)
    assert successor.authority == person.authority
    assert [t.name for t in successor.tags.all()] == ["Steuerungsgruppe"]
    open_one.refresh_from_db()
    assert open_one.person == successor
    # The history stays on the person who left and shows on the successor's page too.
    assert Activity.objects.filter(person=person).count() == 2
    from engagiert.contacts.queries import person_timeline

    texts = [entry.text for entry in person_timeline(successor)]
    assert "Hat den Kongress mitgeplant." in texts
    assert any("Nina Neu" in text for text in texts)


def test_a_successor_must_work_at_the_same_institution(office_user):
    person = ContactPersonFactory()
    stranger = ContactPersonFactory()

    with pytest.raises(ValidationError) as error:
        services.person_hand_over(
            person=person, ended_on=TODAY, successor=stranger, actor=office_user
        )

    assert "derselben Institution" in str(error.value)
    person.refresh_from_db()
    assert person.ended_on is None


def test_someone_who_left_cannot_leave_again(office_user):
    person = ContactPersonFactory(ended_on=TODAY)

    with pytest.raises(ValidationError):
        services.person_hand_over(person=person, ended_on=TODAY, actor=office_user)


def test_a_person_at_a_partner_institution(office_user):
    organisation = OrganisationFactory(name="Stiftung Mitarbeit")

    person = services.person_create(
        data={"name": "Paula Partner", "function": "Referentin"},
        organisation=organisation,
        tags=["Kongress 2026", "kongress 2026"],
    )

    assert person.institution == organisation
    assert [t.name for t in person.tags.all()] == ["Kongress 2026"]


def test_a_person_needs_exactly_one_institution():
    with pytest.raises(ValidationError):
        services.person_create(data={"name": "X", "function": "Y"})


def test_tags_are_reused_whatever_their_case(office_user):
    TagFactory(name="Steuerungsgruppe")
    first = ContactPersonFactory()
    second = ContactPersonFactory()

    services.person_update(person=first, data={}, tags=["steuerungsgruppe"])
    services.person_update(person=second, data={}, tags=["Steuerungsgruppe", "Beirat"])

    assert Tag.objects.count() == 2
    assert set(Tag.objects.get(name="Steuerungsgruppe").contacts.all()) == {first, second}


def test_an_activity_needs_text_and_a_date_not_in_the_future(office_user):
    person = ContactPersonFactory()

    with pytest.raises(ValidationError):
        services.activity_add(
            author=office_user, kind="call", happened_on=TODAY, text=" ", person=person
        )
    with pytest.raises(ValidationError):
        services.activity_add(
            author=office_user,
            kind="call",
            happened_on=TODAY + datetime.timedelta(days=1),
            text="Anruf",
            person=person,
        )
    entry = services.activity_add(
        author=office_user, kind="visit", happened_on=TODAY, text="Besuch", person=person
    )
    assert entry.authority == person.authority  # also on the municipality's timeline


def test_a_follow_up_is_for_a_colleague_of_the_office_and_waits_in_the_inbox(
    office_user, colleague
):
    person = ContactPersonFactory(name="Anna Berg")
    outsider = UserFactory()
    with pytest.raises(ValidationError):
        services.follow_up_create(
            created_by=office_user, title="Anrufen", due_on=TODAY, assignee=outsider, person=person
        )

    follow_up = services.follow_up_create(
        created_by=office_user, title="Anrufen", due_on=TODAY, assignee=colleague, person=person
    )

    [item] = [i for i in inbox_items() if i.key.startswith("contacts.")]
    assert item.key == f"contacts.followup:{follow_up.pk}"
    assert (item.due, item.assignee_id, item.title) == (TODAY, colleague.pk, "Anrufen – Anna Berg")
    assert item.url == f"/kontakte/{person.pk}/#wiedervorlage-{follow_up.pk}"
    services.follow_up_mark(follow_up=follow_up, done=True, user=colleague)
    assert not [i for i in inbox_items() if i.key.startswith("contacts.")]
    services.follow_up_mark(follow_up=follow_up, done=False, user=colleague)
    assert [i.key for i in inbox_items() if i.key.startswith("contacts.")] == [item.key]


def _preview(office_user, rows):
    return services.contact_import_preview(file=xlsx([HEAD, *rows]), user=office_user)


def test_nothing_is_saved_before_the_import_is_confirmed(office_user):
    unna = AuthorityFactory(ags="05978036")
    known = ContactPersonFactory(authority=unna, email="known@unna.de", function="Alt")
    before = ContactPerson.objects.count()

    contact_import = _preview(
        office_user,
        [
            ["Anna Berg", "Leitung", "anna@unna.de", unna.ags],
            ["Known Person", "Neu", "known@unna.de", unna.ags],
            ["", "Leitung", "", unna.ags],
        ],
    )

    assert ContactPerson.objects.count() == before
    result = services.contact_import_confirm(
        contact_import=contact_import, update_lines=[3], user=office_user
    )
    assert result == {"created": 1, "updated": 1, "skipped": 0, "invalid": 1}
    known.refresh_from_db()
    assert known.function == "Neu"
    assert ContactPerson.objects.filter(email="anna@unna.de").count() == 1


def test_an_import_is_atomic_and_idempotent(office_user):
    unna = AuthorityFactory(ags="05978036")
    rows = [["Anna Berg", "Leitung", "anna@unna.de", unna.ags]]
    contact_import = _preview(office_user, rows)
    second_preview = _preview(office_user, rows)  # the same file, uploaded twice

    services.contact_import_confirm(
        contact_import=contact_import, update_lines=[], user=office_user
    )
    with pytest.raises(ValidationError):
        services.contact_import_confirm(
            contact_import=contact_import, update_lines=[], user=office_user
        )
    again = services.contact_import_confirm(
        contact_import=second_preview, update_lines=[], user=office_user
    )

    assert again["created"] == 0
    assert ContactPerson.objects.filter(email="anna@unna.de").count() == 1
    assert ContactImport.objects.get(pk=contact_import.pk).rows == []  # no copy of the file kept


def test_a_row_that_cannot_be_saved_saves_none(office_user):
    unna = AuthorityFactory(ags="05978036")
    contact_import = _preview(
        office_user,
        [["Anna Berg", "Leitung", "anna@unna.de", unna.ags], ["Bert", "X", "b@unna.de", unna.ags]],
    )
    contact_import.rows[1]["name"] = "B" * 201  # changed behind the preview's back
    contact_import.save()

    with pytest.raises(ValidationError):
        services.contact_import_confirm(
            contact_import=contact_import, update_lines=[], user=office_user
        )

    assert not ContactPerson.objects.filter(email="anna@unna.de").exists()


def test_retention_deletes_old_notes_and_the_details_of_people_long_gone(office_user):
    old = ActivityFactory(happened_on=TODAY - datetime.timedelta(days=6 * 365))
    recent = ActivityFactory()
    done = FollowUpFactory(done_at=timezone.now() - datetime.timedelta(days=400))
    gone = ContactPersonFactory(ended_on=TODAY - datetime.timedelta(days=3 * 365))

    services.crm_retention()

    assert not Activity.objects.filter(pk=old.pk).exists()
    assert Activity.objects.filter(pk=recent.pk).exists()
    assert not FollowUp.objects.filter(pk=done.pk).exists()
    gone.refresh_from_db()
    assert (gone.name != "", gone.email, gone.phone) == (True, "", "")
