"""Info-mails that cannot go wrong: the office sees how many an audience reaches before sending
and confirms that number; an audience that reaches no one is refused with the reason (by the
form and by the service); the preview is the mail as it arrives, greeting and all; replies go to
the address the office chose; audiences come from the member directory's filters and from an
event's participants."""

import datetime
import html
import re

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.audiences.models import Segment
from engagiert.audiences.queries import recipients
from engagiert.audiences.tests.factories import SegmentFactory
from engagiert.core.extensions import Recipient
from engagiert.core.models import OutboundMail
from engagiert.core.outbox import batch_progress, outbox_dispatch
from engagiert.demo.services import _mailings_load
from engagiert.events.models import Registration
from engagiert.events.tests.factories import EventFactory, RegistrationFactory
from engagiert.mailings import services
from engagiert.mailings.models import Mailing, Unsubscription
from engagiert.membership.tests.factories import ContactPersonFactory, MembershipFactory
from engagiert.registry.models import Authority
from engagiert.registry.tests.factories import AuthorityFactory

from .factories import MailingFactory

CREATE_URL = "/infomail/neu/"
REACH_URL = "/infomail/empfaenger/"
DIRECTORY_SEGMENT_URL = "/infomail/zielgruppe-aus-verzeichnis/"


def _member(name, email, **authority):
    membership = MembershipFactory(authority=AuthorityFactory(**authority))
    ContactPersonFactory(authority=membership.authority, name=name, email=email)
    return membership.authority


def _field_error(page, field):
    match = re.search(rf'<p class="kern-error" id="id_{field}_error">(.*?)</p>', page, re.S)
    assert match, f"no error at {field}"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()


def _draft(segment, **data):
    return {
        "subject": "Herbsttreffen",
        "segment": segment.pk,
        "reply_to": "netzwerk@engagiert.example",
        "greeting": "on",
        "body": "das Herbsttreffen ist in Hamm.",
    } | data


# The count before sending --------------------------------------------------------------------


@pytest.mark.django_db
def test_the_form_shows_how_many_the_chosen_audience_reaches_and_updates_it(client, office_user):
    _member("Jürgen Groß", "juergen@kommune.example")
    _member("Änne Weiß", "aenne@kommune.example")
    everyone = SegmentFactory(name="Alle Mitglieder")
    Unsubscription.objects.create(email="aenne@kommune.example")
    public = SegmentFactory(name="Öffentlichkeit", kind=Segment.Kind.PUBLIC)
    client.force_login(office_user)

    page = client.get(f"{CREATE_URL}?zielgruppe={everyone.pk}").content.decode()

    assert f'<option value="{everyone.pk}" selected>Alle Mitglieder</option>' in page
    assert "Erreicht derzeit 1 Adresse." in page
    assert "1 weitere hat Infomails abbestellt und erhält nichts." in page
    assert f'data-hx-get="{REACH_URL}"' in page
    assert "---------" not in page

    fragment = client.get(REACH_URL, {"segment": public.pk}).content.decode()

    assert "<html" not in fragment
    assert "Diese Zielgruppe erreicht derzeit niemanden" in fragment
    assert "Noch niemand hat ein Newsletter-Abonnement bestätigt." in fragment


@pytest.mark.django_db
def test_only_the_office_asks_for_the_reach(client, officer):
    client.force_login(officer)

    assert client.get(REACH_URL, {"segment": SegmentFactory().pk}).status_code == 403


@pytest.mark.django_db
def test_sending_asks_to_confirm_the_number_and_asks_again_when_it_changed(client, office_user):
    _member("Jürgen Groß", "juergen@kommune.example")
    _member("Änne Weiß", "aenne@kommune.example")
    mailing = MailingFactory(subject="Herbsttreffen")
    client.force_login(office_user)
    tomorrow = (timezone.localtime() + datetime.timedelta(days=1)).replace(second=0, microsecond=0)

    asked = client.post(
        mailing.get_absolute_url(),
        {"release": "", "send_at": tomorrow.strftime("%Y-%m-%dT%H:%M")},
    ).content.decode()

    assert "Infomail senden?" in asked
    assert re.search(r"»Herbsttreffen« geht ab [^<]+ an 2 Adressen\.", asked)
    assert 'name="confirmed_count" value="2"' in asked
    assert not OutboundMail.objects.exists()

    _member("Özlem Yılmaz", "oezlem@kommune.example")  # a new member while the office reads
    changed = client.post(
        mailing.get_absolute_url(),
        {
            "release": "",
            "send_at": tomorrow.strftime("%Y-%m-%dT%H:%M"),
            "confirmed_count": "2",
        },
    ).content.decode()

    assert "Die Zielgruppe hat sich geändert: Sie erreicht jetzt 3 Adressen statt 2." in changed
    mailing.refresh_from_db()
    assert mailing.is_draft
    assert not OutboundMail.objects.exists()


# An audience that reaches no one -------------------------------------------------------------


@pytest.mark.django_db
def test_the_form_refuses_an_audience_that_reaches_no_one_and_says_why(client, office_user):
    _member("Jürgen Groß", "juergen@kommune.example")
    everyone = SegmentFactory(name="Alle Mitglieder")
    Unsubscription.objects.create(email="juergen@kommune.example")
    public = SegmentFactory(name="Öffentlichkeit", kind=Segment.Kind.PUBLIC)
    client.force_login(office_user)

    unsubscribed = client.post(CREATE_URL, _draft(everyone)).content.decode()
    nobody = client.post(CREATE_URL, _draft(public)).content.decode()

    assert _field_error(unsubscribed, "segment") == (
        "Diese Zielgruppe erreicht derzeit niemanden: Ihr einziger Empfänger hat Infomails "
        "abbestellt."
    )
    assert _field_error(nobody, "segment") == (
        "Diese Zielgruppe erreicht derzeit niemanden: Noch niemand hat ein "
        "Newsletter-Abonnement bestätigt."
    )
    assert not Mailing.objects.exists()


@pytest.mark.django_db
def test_the_service_refuses_an_audience_that_reaches_no_one_any_more(client, office_user):
    _member("Jürgen Groß", "juergen@kommune.example")
    mailing = MailingFactory()
    Unsubscription.objects.create(email="juergen@kommune.example")  # after the draft was saved
    client.force_login(office_user)

    page = client.get(mailing.get_absolute_url()).content.decode()
    with pytest.raises(ValidationError) as refused:
        services.mailing_release(mailing=mailing, user=office_user)

    assert refused.value.messages == [
        "Niemand in dieser Zielgruppe kann die Infomail erhalten: Ihr einziger Empfänger hat "
        "Infomails abbestellt."
    ]
    assert "Diese Zielgruppe erreicht derzeit niemanden" in page
    assert 'name="release"' not in page  # no »Send« button for no one
    assert not OutboundMail.objects.exists()


# The preview is the mail as it arrives -------------------------------------------------------


@pytest.mark.django_db
def test_the_preview_is_the_mail_one_recipient_receives_greeting_once(
    client, office_user, mailbox, monkeypatch
):
    # The unsubscribe link is signed with the second it was made; the preview and the sending
    # are made in different seconds, so Django's signing clock stands still for this test.
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: "1xZBF8")
    _member("Jürgen Groß", "juergen@kommune.example")
    client.force_login(office_user)
    long_link = "https://www.engagiert-in-nrw.example/" + "sehr-langer-pfad/" * 12
    saved = client.post(
        CREATE_URL,
        _draft(
            SegmentFactory(name="Alle Mitglieder"),
            reply_to="kongress@engagiert.example",
            body=f"das **Herbsttreffen** ist in Hamm.\n\nProgramm: {long_link}",
        ),
        follow=True,
    )
    mailing = Mailing.objects.get()
    page = saved.content.decode()
    preview_text = html.unescape(
        re.search(r'<pre[^>]*data-testid="preview-text">(.*?)</pre>', page, re.S).group(1)
    )

    client.post(mailing.get_absolute_url(), {"release": "", "confirmed_count": "1"})
    outbox_dispatch()

    message = mailbox.message_to("juergen@kommune.example")
    sent_text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert sent_text == preview_text
    assert sent_text.startswith("Guten Tag Jürgen Groß,\n\ndas Herbsttreffen ist in Hamm.")
    assert sent_text.count("Guten Tag") == 1
    sent_html = message.get_body(("html",)).get_content()
    assert page.count("Guten Tag Jürgen Groß,") == 2  # once in each preview
    assert "So, wie Jürgen Groß (juergen@kommune.example) sie erhält" in page
    assert sent_html.count("Guten Tag Jürgen Groß,") == 1
    assert "overflow-wrap: anywhere" in sent_html  # a long link wraps on a phone
    assert message["Reply-To"] == "kongress@engagiert.example"


@pytest.mark.django_db
def test_a_salutation_of_ones_own_is_refused_while_the_greeting_is_on(client, office_user):
    _member("Jürgen Groß", "juergen@kommune.example")
    segment = SegmentFactory(name="Alle Mitglieder")
    client.force_login(office_user)

    refused = client.post(CREATE_URL, _draft(segment, body="Liebe Kolleginnen,\n\nneu ist …"))
    accepted = client.post(
        CREATE_URL, _draft(segment, body="Liebe Kolleginnen,\n\nneu ist …", greeting="")
    )

    assert "Bitte streichen Sie Ihre Anrede oder schalten Sie die Anrede mit »Guten Tag« aus." in (
        _field_error(refused.content.decode(), "body")
    )
    assert accepted.status_code == 302
    mailing = Mailing.objects.get()
    assert not mailing.greeting
    text = services.mailing_preview(mailing, Recipient("j@k.example", "Jürgen", None)).text
    assert text.startswith("Liebe Kolleginnen,")
    assert "Guten Tag" not in text


@pytest.mark.django_db
def test_a_reply_to_address_must_be_an_address_and_defaults_to_the_office(client, office_user):
    _member("Jürgen Groß", "juergen@kommune.example")
    client.force_login(office_user)

    form = client.get(CREATE_URL).content.decode()
    refused = client.post(
        CREATE_URL, _draft(SegmentFactory(), reply_to="buero at engagiert")
    ).content.decode()

    assert 'value="netzwerk@engagiert.example"' in form  # DEFAULT_FROM_EMAIL's address
    assert _field_error(refused, "reply_to") == "Bitte gültige E-Mail-Adresse eingeben."


# Audiences from the member directory and from an event --------------------------------------


@pytest.mark.django_db
def test_the_office_turns_the_directory_filters_into_an_audience(client, office_user):
    region = Authority.Kind.REGION
    arnsberg = AuthorityFactory(ags="05900000", name="Regierungsbezirk Arnsberg", kind=region)
    koeln = AuthorityFactory(ags="05300000", name="Regierungsbezirk Köln", kind=region)
    _member("Kreis Soest", "soest@kreis.example", kind=Authority.Kind.DISTRICT, region=arnsberg)
    _member("Stadt Hamm", "hamm@stadt.example", region=arnsberg)
    _member("Rhein-Erft", "rhein-erft@kreis.example", kind=Authority.Kind.DISTRICT, region=koeln)
    client.force_login(office_user)
    query = {"region": "05900000", "kind": "kreise"}

    directory = client.get("/netzwerk/", query).content.decode()
    page = client.get(DIRECTORY_SEGMENT_URL, query).content.decode()
    saved = client.post(
        f"{DIRECTORY_SEGMENT_URL}?region=05900000&kind=kreise",
        {"name": "Kreise im Regierungsbezirk Arnsberg"},
    )

    assert f"{DIRECTORY_SEGMENT_URL}?region=05900000&amp;kind=kreise" in directory
    assert "Als Zielgruppe für eine Infomail verwenden" in directory
    assert "Art: Alle Kreise und die Städteregion; Regierungsbezirk: Regierungsbezirk Arnsberg" in (
        page
    )
    assert 'value="Mitglieder: Alle Kreise und die Städteregion, Regierungsbezirk Arnsberg"' in page
    assert "Erreicht derzeit 1 Adresse." in page
    segment = Segment.objects.get(name="Kreise im Regierungsbezirk Arnsberg")
    assert saved["Location"] == f"{CREATE_URL}?zielgruppe={segment.pk}"
    assert segment.kind == Segment.Kind.DIRECTORY
    assert segment.parameters == query
    assert [r.email for r in recipients(segment)] == ["soest@kreis.example"]
    # The audience follows the network: a new member Kreis there is in it at sending time.
    _member("Hochsauerland", "hsk@kreis.example", kind=Authority.Kind.DISTRICT, region=arnsberg)
    assert [r.email for r in recipients(segment)] == ["hsk@kreis.example", "soest@kreis.example"]


@pytest.mark.django_db
def test_only_the_office_sees_and_uses_the_directory_audience_button(client, officer):
    client.force_login(officer)

    assert "Als Zielgruppe" not in client.get("/netzwerk/").content.decode()
    assert client.get(DIRECTORY_SEGMENT_URL).status_code == 403
    assert client.post(DIRECTORY_SEGMENT_URL, {"name": "Alle"}).status_code == 403
    assert not Segment.objects.exists()


@pytest.mark.django_db
def test_the_office_writes_to_the_confirmed_participants_of_one_event(client, office_user):
    event = EventFactory(title="Netzwerktreffen Herbst")
    RegistrationFactory(event=event, name="Jan Bröker", email="jan@kommune.example")
    RegistrationFactory(
        event=event, email="wartet@kommune.example", status=Registration.Status.WAITING
    )
    RegistrationFactory(email="anderes@kommune.example")  # another event
    client.force_login(office_user)

    manage = client.get(f"/veranstaltungen/{event.pk}/verwaltung/").content.decode()
    answer = client.post(f"/veranstaltungen/{event.pk}/zielgruppe/")
    again = client.post(f"/veranstaltungen/{event.pk}/zielgruppe/")

    assert "Infomail an die bestätigten Teilnehmenden schreiben" in manage
    segment = Segment.objects.get()
    assert segment.name.startswith("Teilnehmende: Netzwerktreffen Herbst (")
    assert answer["Location"] == again["Location"] == f"{CREATE_URL}?zielgruppe={segment.pk}"
    assert recipients(segment) == [Recipient("jan@kommune.example", "Jan Bröker", None)]


@pytest.mark.django_db
def test_an_organiser_who_is_not_the_office_makes_no_audience(client, organisation):
    event = EventFactory()
    event.organisers.add(organisation)
    organiser = User.objects.create_user("verein@example.org", "x")
    role_grant(user=organiser, role=Role.ORGANISATION, organisation=organisation)
    client.force_login(organiser)

    assert (
        "Infomail an" not in client.get(f"/veranstaltungen/{event.pk}/verwaltung/").content.decode()
    )
    assert client.post(f"/veranstaltungen/{event.pk}/zielgruppe/").status_code == 403
    assert not Segment.objects.exists()


# The demo's archive --------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_info_mails_were_sent_to_the_members_and_count_them(settings):
    settings.DEFAULT_FROM_EMAIL = "netzwerk@engagiert.example"
    office = User.objects.create_user("buero@engagiert.example", "x")
    role_grant(user=office, role=Role.OFFICE)
    SegmentFactory(name="Alle Mitglieder")
    _member("Jürgen Groß", "juergen@kommune.example")
    _member("Änne Weiß", "aenne@kommune.example")

    _mailings_load()

    for mailing in Mailing.objects.all():
        assert not mailing.is_draft
        assert mailing.recipient_count == 2
        progress = batch_progress(mailing.batch)
        assert (progress["sent"], progress["queued"], progress["total"]) == (2, 0, 2)
    assert outbox_dispatch().sent == 0  # nothing is sent again
