"""The office's contact pages: list with filters and export, a person's and a municipality's
page with the timeline, follow-ups, the import in two steps; nobody else gets in."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.contacts.models import Activity, FollowUp
from engagiert.core.models import AuditEntry
from engagiert.membership.models import ContactPerson
from engagiert.membership.tests.factories import ContactPersonFactory, MembershipFactory
from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory

from .factories import ActivityFactory, FollowUpFactory, TagFactory
from .test_importing import HEAD, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client, office_user):
    client.force_login(office_user)
    return client


def test_only_the_office_sees_the_contacts(client, officer):
    person = ContactPersonFactory()
    client.force_login(officer)

    for url in (reverse("contacts:list"), reverse("contacts:person", args=[person.pk])):
        assert client.get(url).status_code == 403


def _people(count, **fields):
    tag = TagFactory(name="Kongress")
    for _n in range(count):
        person = ContactPersonFactory(**fields)
        person.tags.add(tag)


def test_the_list_asks_the_same_number_of_queries_for_many_rows(
    office, django_assert_max_num_queries
):
    _people(3)
    with django_assert_max_num_queries(30) as few:
        office.get(reverse("contacts:list"))
    _people(40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = office.get(reverse("contacts:list"))
    assert "43 Personen gefunden" in response.content.decode()


def test_filters_by_tag_municipality_kind_and_status(office):
    member = AuthorityFactory(name="Ahausen")
    MembershipFactory(authority=member)
    anna = ContactPersonFactory(authority=member, name="Anna Aktiv")
    anna.tags.add(TagFactory(name="Steuerungsgruppe"))
    ContactPersonFactory(name="Bert Anders")
    ContactPersonFactory(authority=None, organisation=OrganisationFactory(), name="Paula Partner")
    ContactPersonFactory(authority=member, name="Gerd Gegangen", ended_on=datetime.date(2025, 1, 1))

    def names(**query):
        response = office.get(reverse("contacts:list"), query)
        return [p.name for p in response.context["page"].object_list]

    assert names(tag="Steuerungsgruppe") == ["Anna Aktiv"]
    assert names(authority=member.ags) == ["Anna Aktiv"]
    assert names(kind="mitglied") == ["Anna Aktiv"]
    assert names(kind="partner") == ["Paula Partner"]
    assert names(kind="kommune") == ["Bert Anders"]
    assert names(status="ausgeschieden") == ["Gerd Gegangen"]
    assert names(q="aktiv") == ["Anna Aktiv"]


def test_the_export_holds_the_filtered_people_with_their_tags(office):
    anna = ContactPersonFactory(name="Anna Aktiv", email="anna@a.example")
    anna.tags.add(TagFactory(name="Beirat"))
    ContactPersonFactory(name="=HYPERLINK(1)")

    response = office.get(reverse("contacts:export"), {"tag": "Beirat"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Name", "Funktion", "Abteilung"]
    assert [(r[0], r[3], r[7]) for r in rows[1:]] == [("Anna Aktiv", "anna@a.example", "Beirat")]


def test_a_note_and_a_follow_up_on_a_persons_page(office, office_user):
    person = ContactPersonFactory(name="Anna Berg")
    url = reverse("contacts:person", args=[person.pk])

    office.post(
        url,
        {
            "action": "activity",
            "eintrag-kind": "call",
            "eintrag-happened_on": datetime.date.today().isoformat(),
            "eintrag-text": "Sagt Teilnahme am Kongress zu.",
        },
    )
    office.post(
        url,
        {
            "action": "follow_up",
            "wv-title": "Unterlagen schicken",
            "wv-due_on": "2030-01-15",
            "wv-assignee": office_user.pk,
        },
    )
    page = office.get(url).content.decode()

    assert Activity.objects.get(person=person).author == office_user
    assert "Sagt Teilnahme am Kongress zu." in page
    assert "Unterlagen schicken" in page
    assert "fällig am 15.01.2030" in page
    assert person.authority.name in office.get(
        reverse("contacts:authority", args=[person.authority_id])
    ).content.decode("utf-8")


def test_a_note_without_text_is_refused_at_the_field(office):
    person = ContactPersonFactory()
    response = office.post(
        reverse("contacts:person", args=[person.pk]),
        {"action": "activity", "eintrag-kind": "note", "eintrag-happened_on": "2020-01-01"},
    )

    assert response.status_code == 200
    assert response.context["activity_form"].errors["text"]
    assert not Activity.objects.exists()


def test_the_office_corrects_an_entry_from_the_municipality_page_and_the_audit_log_says_so(
    office, office_user
):
    entry = ActivityFactory(text="Anruf wegen Kongres", kind=Activity.Kind.NOTE)
    page = reverse("contacts:authority", args=[entry.authority.ags])
    edit = reverse("contacts:activity_edit", args=[entry.pk])
    assert f'href="{edit}?next={page}"' in office.get(page).content.decode()

    refused = office.post(f"{edit}?next={page}", {"kind": "call", "happened_on": "", "text": " "})
    response = office.post(
        f"{edit}?next={page}",
        {"kind": "call", "happened_on": entry.happened_on.isoformat(), "text": "Anruf: Kongress"},
    )

    assert 'href="#id_text"' in refused.content.decode()
    assert response["Location"] == page
    entry.refresh_from_db()
    assert (entry.kind, entry.text) == ("call", "Anruf: Kongress")
    audit = AuditEntry.objects.get(
        content_type__model="activity", object_id=str(entry.pk), action=AuditEntry.Action.UPDATE
    )
    assert audit.changes == {"kind": ["note", "call"], "text": "changed"}
    assert audit.actor == office_user


def test_deleting_an_entry_asks_first(office):
    entry = ActivityFactory(text="Besuch in Ahausen")
    url = reverse("contacts:activity_delete", args=[entry.pk])

    question = office.get(url).content.decode()
    assert Activity.objects.filter(pk=entry.pk).exists()
    response = office.post(url)

    assert "Besuch in Ahausen" in question
    assert "löschen?" in question
    assert response["Location"] == reverse("contacts:person", args=[entry.person.pk])
    assert not Activity.objects.filter(pk=entry.pk).exists()
    assert AuditEntry.objects.filter(
        content_type__model="activity", object_id=str(entry.pk), action="delete"
    ).exists()


def test_the_follow_up_list_and_marking_done(office, office_user):
    mine = FollowUpFactory(assignee=office_user, title="Meins")
    colleague = UserFactory()
    role_grant(user=colleague, role=Role.OFFICE)
    FollowUpFactory(assignee=colleague, title="Ihres")

    assert [f.title for f in office.get(reverse("contacts:follow_ups")).context["follow_ups"]] == [
        "Meins"
    ]
    office.post(reverse("contacts:follow_up_mark", args=[mine.pk]), {"done": "1"})

    mine.refresh_from_db()
    assert mine.done_by == office_user
    everyone = office.get(reverse("contacts:follow_ups"), {"alle": ""}).context["follow_ups"]
    assert [f.title for f in everyone] == ["Ihres"]


def test_a_staff_change_through_the_form(office):
    person = ContactPersonFactory(name="Olga Alt", function="Ehrenamtskoordination")

    response = office.post(
        reverse("contacts:person_hand_over", args=[person.pk]),
        {"ended_on": datetime.date.today().isoformat(), "name": "Nora Neu", "email": "nora@x.de"},
        follow=True,
    )

    page = response.content.decode()
    assert "Ausgeschieden am" in page
    assert "Nora Neu" in page
    successor = ContactPerson.objects.get(name="Nora Neu")
    assert successor.function == "Ehrenamtskoordination"
    successor_page = office.get(reverse("contacts:person", args=[successor.pk])).content.decode()
    assert "Olga Alt" in successor_page  # the predecessor stays visible


def test_the_staff_change_form_offers_the_leavers_roles_by_name(office):
    person = ContactPersonFactory(name="Olga Alt", email="olga@ahausen.example")
    role_grant(user=UserFactory(email=person.email), role=Role.OFFICER, authority=person.authority)
    plain = ContactPersonFactory(authority=person.authority, email="")
    url = reverse("contacts:person_hand_over", args=[person.pk])

    page = office.get(url).content.decode()
    office.post(
        url,
        {"ended_on": datetime.date.today().isoformat(), "name": "Nora Neu", "email": "nora@x.de"}
        | {"take_over_roles": "on"},
    )

    assert "Rollen übernehmen" in page
    assert "Rollen von Olga Alt" in page
    assert "Engagementverantwortliche/r (Ansprechperson)" in page
    assert (
        "Rollen übernehmen"
        not in office.get(reverse("contacts:person_hand_over", args=[plain.pk])).content.decode()
    )
    assert User.objects.get(email="nora@x.de").role_assignments.get().role == Role.OFFICER


def test_the_person_form_shows_the_privacy_note_and_offers_known_tags(office):
    TagFactory(name="Beirat")
    unna = AuthorityFactory(name="Unna")
    page = office.get(reverse("contacts:person_create"), {"kommune": unna.ags}).content.decode()

    assert "data-privacy-note" in page
    assert '<option value="Beirat">' in page
    assert f'<option value="{unna.ags}" selected>Unna</option>' in page


def test_import_in_two_steps(office):
    unna = AuthorityFactory(ags="05978036", name="Unna")
    known = ContactPersonFactory(authority=unna, email="known@unna.de", function="Alt")
    upload = xlsx(
        [
            HEAD,
            ["Anna Berg", "Leitung", "anna@unna.de", unna.ags],
            ["Known", "Neu", "known@unna.de", unna.ags],
            ["Ohne Funktion", "", "", unna.ags],
        ]
    )

    preview = office.post(reverse("contacts:import"), {"file": upload}, follow=True)

    page = preview.content.decode()
    assert "1 neu, 1 mögliche Dublette, 1 ungültige Zeile. Gespeichert wird erst" in page
    assert "Funktion: fehlt" in page
    assert not ContactPerson.objects.filter(email="anna@unna.de").exists()
    done = office.post(preview.request["PATH_INFO"], {"zeile-3": "update"}, follow=True)
    assert "Importiert: 1 neu, 1 aktualisiert, 0 übersprungen" in done.content.decode()
    known.refresh_from_db()
    assert known.function == "Neu"
    again = office.post(preview.request["PATH_INFO"], {"zeile-3": "update"})
    assert again.status_code == 400
    assert ContactPerson.objects.filter(email="anna@unna.de").count() == 1


def test_a_file_that_is_no_list_is_refused_at_the_field(office):
    response = office.post(
        reverse("contacts:import"),
        {"file": xlsx([["Irgendwas"], ["1"]])},
    )

    assert response.status_code == 200
    assert "Die erste Zeile muss die Spalten benennen" in response.content.decode()


def test_people_who_left_are_no_longer_on_the_public_page(client):
    member = AuthorityFactory()
    ContactPersonFactory(authority=member, name="Gerd Gegangen", ended_on=datetime.date(2025, 1, 1))
    ContactPersonFactory(authority=member, name="Clara Current")

    page = client.get(member.get_absolute_url()).content.decode()

    assert "Clara Current" in page
    assert "Gerd Gegangen" not in page


def test_the_municipality_page_tells_the_office_about_contacts(office):
    person = ContactPersonFactory()
    FollowUpFactory(person=person)

    page = office.get(person.authority.get_absolute_url()).content.decode()

    assert "1 aktuelle Ansprechperson, 1 offene Wiedervorlage" in page
    assert reverse("contacts:authority", args=[person.authority_id]) in page
    assert FollowUp.objects.count() == 1


@pytest.mark.parametrize(
    ("next_url", "secure", "lands_on"),
    [
        ("/kontakte/", False, "/kontakte/"),
        ("https://elsewhere.example/phish", False, None),
        ("//elsewhere.example/phish", False, None),
        ("http://testserver/kontakte/", True, None),  # from https, never back to http
    ],
)
def test_marking_a_follow_up_goes_back_only_to_this_site(
    office, office_user, next_url, secure, lands_on
):
    follow_up = FollowUpFactory(assignee=office_user)

    response = office.post(
        reverse("contacts:follow_up_mark", args=[follow_up.pk]),
        {"done": "1", "next": next_url},
        secure=secure,
    )

    assert response["Location"] == (lands_on or reverse("contacts:follow_ups"))
