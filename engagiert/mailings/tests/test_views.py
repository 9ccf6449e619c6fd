"""The office writes, previews, tests and sends info-mails; members read the archive; everyone
chooses their notifications."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.audiences.models import Segment
from engagiert.audiences.tests.factories import SegmentFactory
from engagiert.core.models import OutboundMail
from engagiert.core.outbox import outbox_dispatch
from engagiert.mailings import services
from engagiert.mailings.models import Mailing, NotificationPreference
from engagiert.membership.tests.factories import ContactPersonFactory, MembershipFactory
from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory

from .factories import MailingFactory

LIST_URL = "/infomail/"
CREATE_URL = "/infomail/neu/"
PREFERENCES_URL = "/infomail/einstellungen/"
LOGIN_URL = "/konto/anmelden/"
REQUIRED = "Dieses Feld ist zwingend erforderlich."


def _sent(days_ago, **fields):
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    return MailingFactory(released_at=moment, send_at=moment, recipient_count=12, **fields)


def _contacts(count):
    """`count` member authorities, each with a contact person."""
    for n in range(count):
        membership = MembershipFactory(authority=AuthorityFactory(name=f"Kommune {n}"))
        ContactPersonFactory(
            authority=membership.authority, name=f"Kontakt {n}", email=f"kontakt{n}@k.example"
        )


def _field_error(page, field):
    match = re.search(rf'<p class="kern-error" id="id_{field}_error">(.*?)</p>', page, re.S)
    assert match, f"no error at {field}"
    return match.group(1)


@pytest.fixture
def member(db, officer, authority):
    """An engagement officer of a member authority."""
    MembershipFactory(authority=authority)
    return officer


def _person(role):
    """A user in `role` (»member_…« for a current member authority), or None for anonymous."""
    if role == "anonymous":
        return None
    user = UserFactory()
    if role == "office":
        role_grant(user=user, role=Role.OFFICE)
    elif role.startswith("member_"):
        authority = MembershipFactory().authority
        role_grant(user=user, role=Role(role.removeprefix("member_")), authority=authority)
    elif role == "officer_of_non_member":
        role_grant(user=user, role=Role.OFFICER, authority=AuthorityFactory())
    elif role in {"organisation", "benefit_partner"}:
        role_grant(user=user, role=Role(role), organisation=OrganisationFactory())
    elif role == "volunteer":
        role_grant(user=user, role=Role.VOLUNTEER)
    return user


# Writing, previewing, testing and sending ---------------------------------------------------


@pytest.mark.django_db
def test_mailing_form_view_empty_shows_german_errors_at_the_fields(client, office_user):
    client.force_login(office_user)

    response = client.post(CREATE_URL, {"subject": "", "segment": "", "body": ""})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Neue Infomail" in page
    for field in ("subject", "segment", "body"):
        assert REQUIRED in _field_error(page, field)
    assert not Mailing.objects.exists()


@pytest.mark.django_db
def test_office_writes_previews_tests_and_sends_an_info_mail(client, office_user, mailbox):
    _contacts(3)
    segment = SegmentFactory(name="Alle Mitglieder")
    client.force_login(office_user)
    assert "Neue Infomail" in client.get(CREATE_URL).content.decode()

    saved = client.post(
        CREATE_URL,
        {
            "subject": "Frühjahrstreffen in Köln",
            "segment": segment.pk,
            "reply_to": "netzwerk@engagiert.example",
            "greeting": "on",
            "body": "Das **Treffen** beginnt um 10 Uhr.\n\n"
            "Achtung <script>alert('x')</script> & Co.\n\n- Anmeldung\n- Programm",
        },
        follow=True,
    )

    mailing = Mailing.objects.get()
    assert saved.redirect_chain == [(f"/infomail/{mailing.pk}/", 302)]
    page = saved.content.decode()
    assert "Der Entwurf ist gespeichert. Prüfen Sie die Vorschau und senden Sie ihn dann." in page
    assert "Vorschau (HTML)" in page
    assert "Vorschau (reiner Text)" in page
    assert "<strong>Treffen</strong>" in page  # the HTML preview
    assert "Das Treffen beginnt um 10 Uhr." in page  # the plain text, without ** markers
    assert "<li>Anmeldung</li>" in page
    assert "<script>alert" not in page
    assert page.count("&lt;script&gt;alert(") == 2  # escaped in both previews
    assert mailing.created_by == office_user
    assert "Test an mich senden" in page

    tested = client.post(mailing.get_absolute_url(), {"test": ""}, follow=True)

    assert "Ein Testversand geht an buero@example.org." in tested.content.decode()
    outbox_dispatch()
    assert mailbox.received() == {"buero@example.org": 1}
    assert str(mailbox.messages[0]["Subject"]).strip() == "[Test] Frühjahrstreffen in Köln"
    mailing.refresh_from_db()
    assert mailing.is_draft

    asked = client.post(mailing.get_absolute_url(), {"release": "", "send_at": ""})

    question = asked.content.decode()
    assert "»Frühjahrstreffen in Köln« geht jetzt an 3 Adressen." in question
    assert "Ja, an 3 Adressen senden" in question
    mailing.refresh_from_db()
    assert mailing.is_draft  # nothing is sent before the office confirms

    sent = client.post(
        mailing.get_absolute_url(),
        {"release": "", "send_at": "", "confirmed_count": "3"},
        follow=True,
    )

    page = sent.content.decode()
    assert "Die Infomail ist unterwegs." in page
    assert f'data-hx-get="/infomail/{mailing.pk}/fortschritt/"' in page
    assert "Test an mich senden" not in page
    mailing.refresh_from_db()
    assert not mailing.is_draft
    assert mailing.recipient_count == 3
    assert OutboundMail.objects.filter(batch=mailing.batch).count() == 3

    # A second »send« of the same page changes nothing.
    client.post(mailing.get_absolute_url(), {"release": "", "send_at": "", "confirmed_count": "3"})
    assert OutboundMail.objects.filter(batch=mailing.batch).count() == 3
    outbox_dispatch()
    assert mailbox.received() == {
        "buero@example.org": 1,
        "kontakt0@k.example": 1,
        "kontakt1@k.example": 1,
        "kontakt2@k.example": 1,
    }


@pytest.mark.django_db
def test_mailing_detail_view_release_in_the_past_shows_german_error_at_the_field(
    client, office_user
):
    _contacts(1)
    mailing = MailingFactory()
    client.force_login(office_user)
    yesterday = timezone.localtime() - datetime.timedelta(days=1)

    response = client.post(
        mailing.get_absolute_url(),
        {"release": "", "send_at": yesterday.strftime("%Y-%m-%dT%H:%M")},
    )

    assert response.status_code == 200
    error = _field_error(response.content.decode(), "send_at")
    assert "Bitte wählen Sie einen Zeitpunkt in der Zukunft." in error
    mailing.refresh_from_db()
    assert mailing.is_draft
    assert not OutboundMail.objects.exists()


@pytest.mark.django_db
def test_mailing_detail_view_release_to_nobody_shows_german_error(client, office_user):
    mailing = MailingFactory()
    client.force_login(office_user)

    response = client.post(mailing.get_absolute_url(), {"release": "", "send_at": ""})

    page = response.content.decode()
    assert "Niemand in dieser Zielgruppe kann die Infomail erhalten:" in page
    assert 'class="kern-alert kern-alert--danger' in page  # the error summary
    mailing.refresh_from_db()
    assert mailing.is_draft


@pytest.mark.django_db
def test_mailing_detail_view_scheduled_release_waits_for_its_time(client, office_user, mailbox):
    _contacts(2)
    mailing = MailingFactory()
    client.force_login(office_user)
    tomorrow = (timezone.localtime() + datetime.timedelta(days=1)).replace(second=0, microsecond=0)

    client.post(
        mailing.get_absolute_url(),
        {
            "release": "",
            "send_at": tomorrow.strftime("%Y-%m-%dT%H:%M"),
            "confirmed_count": "2",
        },
    )

    mailing.refresh_from_db()
    assert mailing.send_at == tomorrow
    assert outbox_dispatch().sent == 0
    assert mailbox.messages == []
    assert set(
        OutboundMail.objects.filter(batch=mailing.batch).values_list("next_attempt_at", flat=True)
    ) == {tomorrow}


@pytest.mark.django_db
def test_mailing_progress_view_shows_the_counts(client, office_user, mailbox):
    _contacts(5)
    mailing = MailingFactory()
    client.force_login(office_user)
    client.post(mailing.get_absolute_url(), {"release": "", "send_at": "", "confirmed_count": "5"})
    outbox_dispatch(batch_size=2, limit=2)
    OutboundMail.objects.filter(batch=mailing.batch, status="queued").filter(
        to_email="kontakt4@k.example"
    ).update(status="failed")

    response = client.get(f"/infomail/{mailing.pk}/fortschritt/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" not in page  # a fragment for htmx
    assert '<progress class="kern-progress" max="5" value="2">' in page
    figures = dict(
        (label, int(value))
        for value, label in re.findall(
            r'figure__value">(\d+)</span><span class="kern-body">([^<]+)<', page
        )
    )
    assert figures == {"gesendet": 2, "wartet": 2, "wird gesendet": 0, "fehlgeschlagen": 1}


# The archive ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_mailing_list_view_shows_members_the_sent_info_mails_newest_first(client, member):
    older = _sent(30, subject="Rückblick Netzwerktreffen")
    newer = _sent(2, subject="Einladung Frühjahrstreffen")
    MailingFactory(subject="Entwurf für später")
    later = timezone.now() + datetime.timedelta(days=3)
    MailingFactory(subject="Erst übermorgen", released_at=timezone.now(), send_at=later)
    client.force_login(member)

    response = client.get(LIST_URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Archiv der Infomails" in page
    assert page.index("Einladung Frühjahrstreffen") < page.index("Rückblick Netzwerktreffen")
    assert "Entwurf für später" not in page
    assert "Erst übermorgen" not in page
    assert "Infomail schreiben" not in page
    assert f'href="/infomail/{newer.pk}/"' in page
    assert f'href="/infomail/{older.pk}/"' in page


@pytest.mark.django_db
def test_mailing_detail_view_lets_members_read_a_sent_info_mail_only(client, member):
    sent = _sent(2, subject="Einladung Frühjahrstreffen", body="Wir treffen uns **in Köln**.")
    draft = MailingFactory(subject="Entwurf")
    scheduled = MailingFactory(
        released_at=timezone.now(), send_at=timezone.now() + datetime.timedelta(days=1)
    )
    client.force_login(member)

    response = client.get(sent.get_absolute_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert "Einladung Frühjahrstreffen" in page
    assert "Wir treffen uns <strong>in Köln</strong>." in page
    assert "Vorschau (reiner Text)" not in page
    assert "Test an mich senden" not in page
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_mailing_list_view_shows_the_office_drafts_and_scheduled_ones_too(client, office_user):
    _sent(2, subject="Einladung Frühjahrstreffen")
    MailingFactory(subject="Entwurf für später")
    client.force_login(office_user)

    page = client.get(LIST_URL).content.decode()

    assert "Infomails" in page
    assert "Infomail schreiben" in page
    assert "Einladung Frühjahrstreffen" in page
    assert "Entwurf für später" in page
    assert "Entwurf</span>" in page


ROLES = [
    # role, archive list, sent mailing (to all members' contacts and officers), new, progress
    ("office", 200, 200, 200, 200),
    ("member_officer", 200, 200, 403, 403),
    ("member_development_team", 200, 404, 403, 403),
    ("member_leader", 200, 404, 403, 403),
    ("officer_of_non_member", 200, 404, 403, 403),
    ("organisation", 200, 404, 403, 403),
    ("benefit_partner", 200, 404, 403, 403),
    ("volunteer", 200, 404, 403, 403),
    ("no_role", 200, 404, 403, 403),
    ("anonymous", 302, 302, 302, 302),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "archive", "read", "write", "progress"), ROLES)
def test_mailing_views_permissions(client, role, archive, read, write, progress):
    sent = _sent(2, subject="Einladung Frühjahrstreffen")
    person = _person(role)
    if person:
        client.force_login(person)
    urls = {
        LIST_URL: archive,
        sent.get_absolute_url(): read,
        CREATE_URL: write,
        f"/infomail/{sent.pk}/fortschritt/": progress,
    }

    for url, expected in urls.items():
        response = client.get(url)
        assert response.status_code == expected, url
        page = response.content.decode()
        if expected == 302:
            assert response["Location"] == f"{LOGIN_URL}?next={url}"
        if expected == 403 and url == CREATE_URL:
            assert "Nur das Netzwerkbüro schreibt Infomails." in page
        if expected != 200 or (url == LIST_URL and read != 200):
            assert "Einladung Frühjahrstreffen" not in page


#: Who reads which info-mail online (and finds it in the archive), by its segment.
READERS = ["office", "member_officer", "member_leader", "addressee", "volunteer", "anonymous"]
SEGMENT_READERS = {
    Segment.Kind.MEMBER_CONTACTS: {"office", "member_officer", "addressee"},
    Segment.Kind.LEADERS: {"office", "member_leader", "addressee"},
    Segment.Kind.COHORT: {"office", "addressee"},
    Segment.Kind.PUBLIC: set(READERS),
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(SEGMENT_READERS))
@pytest.mark.parametrize("reader", READERS)
def test_an_info_mail_is_read_by_its_segment_and_its_addressees(client, kind, reader):
    segment = SegmentFactory(name=str(kind), kind=kind, cohort_number=3)
    mailing = _sent(2, subject="Nur für euch", segment=segment)
    if reader == "addressee":  # a team of a non-member municipality, mailed as the cohort
        person = _person("officer_of_non_member")
        OutboundMail.objects.create(
            batch=mailing.batch,
            to_email=person.email,
            subject=mailing.subject,
            text="Hallo",
            next_attempt_at=timezone.now(),
        )
    else:
        person = _person(reader)
    if person:
        client.force_login(person)

    page = client.get(mailing.get_absolute_url())
    listed = client.get(LIST_URL)

    allowed = reader in SEGMENT_READERS[kind]
    assert page.status_code == (200 if allowed else 302 if reader == "anonymous" else 404)
    assert ("Nur für euch" in page.content.decode()) is allowed
    if reader != "anonymous":
        assert ("Nur für euch" in listed.content.decode()) is allowed


@pytest.mark.django_db
def test_mailing_form_view_refuses_members_posting_a_mailing(client, member):
    client.force_login(member)

    response = client.post(
        CREATE_URL, {"subject": "Von mir", "segment": SegmentFactory().pk, "body": "Hallo"}
    )

    assert response.status_code == 403
    assert not Mailing.objects.exists()


#: session, user, roles (the office is no superuser), membership, the mails sent to the reader,
#: the segments in use, who each of the (here at most 5) segments reaches now (4 queries each),
#: the mailings: bounded by the number of segments, never by the number of mailings.
LIST_QUERIES = {"office": 4, "member": 7 + 4 * 5}


@pytest.mark.django_db
@pytest.mark.parametrize("count", [3, 40])
@pytest.mark.parametrize("reader", ["office", "member"])
def test_mailing_list_view_query_ceiling(
    client, django_assert_max_num_queries, office_user, member, count, reader
):
    for n in range(count):
        _sent(n + 1, subject=f"Infomail Nr. {n}", segment=SegmentFactory(name=f"Gruppe {n % 5}"))
    client.force_login(office_user if reader == "office" else member)

    with django_assert_max_num_queries(LIST_QUERIES[reader]):
        response = client.get(LIST_URL)

    assert response.status_code == 200
    assert response.content.decode().count('href="/infomail/') >= count


# Notification settings -----------------------------------------------------------------------


def _checked(page):
    kinds = "news|events|members|opportunities|saved_searches"
    return dict(re.findall(rf'name="({kinds})" value="(\w+)" id="[^"]+" checked', page))


@pytest.mark.django_db
def test_preferences_view_saves_the_choices(client, member):
    client.force_login(member)

    first = client.get(PREFERENCES_URL).content.decode()

    assert "Worüber sollen wir Sie informieren?" in first
    assert "Neue Veranstaltungen" in first
    assert "in der Wochenübersicht" in first
    assert "Neue Treffer Ihrer gespeicherten Suchen" in first
    kinds = ("news", "events", "members", "opportunities", "saved_searches")
    assert _checked(first) == dict.fromkeys(kinds, "digest")
    choices = {"news": "digest", "events": "now", "members": "never", "opportunities": "never"}
    choices["saved_searches"] = "now"

    saved = client.post(PREFERENCES_URL, choices, follow=True)

    assert saved.redirect_chain == [(PREFERENCES_URL, 302)]
    page = saved.content.decode()
    assert "Ihre Einstellungen zu Benachrichtigungen sind gespeichert." in page
    assert _checked(page) == choices
    assert (
        dict(NotificationPreference.objects.filter(user=member).values_list("kind", "frequency"))
        == choices
    )

    client.post(PREFERENCES_URL, {**choices, "events": "digest", "opportunities": "now"})
    assert NotificationPreference.objects.filter(user=member).count() == 5


@pytest.mark.django_db
def test_preferences_view_refuses_an_unknown_choice_in_german(client, member):
    client.force_login(member)

    response = client.post(PREFERENCES_URL, {"events": "hourly", "members": ""})

    page = response.content.decode()
    assert "Bitte eine gültige Auswahl treffen." in _field_error(page, "events")
    assert REQUIRED in _field_error(page, "members")
    assert not NotificationPreference.objects.exists()


@pytest.mark.django_db
def test_preferences_view_requires_login(client):
    response = client.get(PREFERENCES_URL)

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next={PREFERENCES_URL}"


@pytest.mark.django_db
def test_mailing_form_view_changes_a_draft_and_keeps_its_writer(client, office_user):
    writer = UserFactory(email="schreiberin@example.org")
    _contacts(1)
    draft = MailingFactory(subject="Entwurf", created_by=writer)
    client.force_login(office_user)

    response = client.post(
        f"/infomail/{draft.pk}/bearbeiten/",
        {
            "subject": "Einladung zum Herbsttreffen",
            "segment": draft.segment_id,
            "reply_to": "netzwerk@engagiert.example",
            "body": "Hallo",
        },
        follow=True,
    )

    assert "Der Entwurf ist gespeichert." in response.content.decode()
    draft.refresh_from_db()
    assert (draft.subject, draft.body, draft.created_by) == (
        "Einladung zum Herbsttreffen",
        "Hallo",
        writer,
    )


@pytest.mark.django_db
def test_mailing_update_refuses_a_released_mailing(office_user):
    sent = _sent(1, subject="Verschickt")

    with pytest.raises(ValidationError, match="Diese Infomail wurde bereits versendet."):
        services.mailing_update(mailing=sent, data={"subject": "Geändert"})

    sent.refresh_from_db()
    assert sent.subject == "Verschickt"
