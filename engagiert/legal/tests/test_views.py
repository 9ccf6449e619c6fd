"""The legal pages, the accessibility feedback and the consents, as visitors and the office use
them."""

import pytest
from django.core import mail
from django.urls import reverse

from engagiert.accounts.models import AUTHORITY_ROLES, ORGANISATION_ROLES, Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.events.models import Registration
from engagiert.events.queries import public_participants
from engagiert.events.tests.factories import EventFactory
from engagiert.legal.models import ConsentRecord, FeedbackCase, PageVersion

PAGES = ["/impressum/", "/datenschutz/", "/barrierefreiheit/", "/kontakt/"]


@pytest.mark.parametrize("path", PAGES)
def test_legal_pages_are_public_and_their_examples_are_marked(client, db, path):
    text = client.get(path).content.decode()

    assert "Beispieltext – vor dem Betrieb anpassen" in text


@pytest.mark.parametrize("path", ["/", "/veranstaltungen/", "/konto/anmelden/", "/fehlt/"])
def test_every_page_links_the_legal_pages_in_its_footer(client, db, path):
    footer = client.get(path).content.decode().split('<footer class="site-footer">')[1]

    for page in PAGES:
        assert f'href="{page}"' in footer
    assert "Erklärung zur Barrierefreiheit" not in footer  # the short label: »Barrierefreiheit«
    assert "Impressum" in footer
    assert "Datenschutzerklärung" in footer


@pytest.mark.parametrize(
    "role",
    [
        Role.VOLUNTEER,
        Role.OFFICER,
        Role.LEADER,
        Role.DEVELOPMENT_TEAM,
        Role.CARD_STAFF,
        Role.ORGANISATION,
        Role.BENEFIT_PARTNER,
    ],
)
def test_only_the_office_edits_legal_pages(client, authority, organisation, role):
    user = UserFactory()
    scope: dict = {}
    if role in AUTHORITY_ROLES:
        scope = {"authority": authority}
    elif role in ORGANISATION_ROLES:
        scope = {"organisation": organisation}
    role_grant(user=user, role=role, **scope)
    client.force_login(user)

    for path in ("/rechtstexte/", "/rechtstexte/impressum/", "/rechtstexte/impressum/1/"):
        assert client.get(path).status_code == 403
    response = client.post("/rechtstexte/impressum/", {"body": "Gehackt"})
    assert response.status_code == 403
    assert PageVersion.objects.filter(page="impressum").count() == 1


def test_editing_a_page_adds_a_version_and_keeps_the_history(client, office_user):
    client.force_login(office_user)

    response = client.post("/rechtstexte/impressum/", {"body": "## Anbieter\n\nStadt Ahausen"})

    assert response.status_code == 302
    text = client.get("/impressum/").content.decode()
    assert "<h2>Anbieter</h2>" in text
    assert "Stadt Ahausen" in text
    assert "Beispieltext" not in text
    assert "Fassung 2 vom" in text
    history = client.get("/rechtstexte/impressum/").content.decode()
    assert "Fassung 1 vom" in history
    assert "Fassung 2 vom" in history
    old = client.get("/rechtstexte/impressum/1/").content.decode()
    assert "Beispieltext – vor dem Betrieb anpassen" in old
    assert "Eine frühere Fassung" in old
    assert list(PageVersion.objects.filter(page="impressum").values_list("number", flat=True)) == [
        2,
        1,
    ]


def test_markup_in_a_legal_page_cannot_inject_script(client, office_user):
    client.force_login(office_user)
    client.post("/rechtstexte/kontakt/", {"body": "<script>alert(1)</script> **fett**"})

    text = client.get("/kontakt/").content.decode()

    assert "<script>alert(1)" not in text
    assert "<strong>fett</strong>" in text


def test_accessibility_statement_follows_bitv_nrw_and_lists_barriers(client, office_user):
    text = client.get("/barrierefreiheit/").content.decode()
    assert "teilweise vereinbar" in text
    assert "KERN UX" in text
    assert "Selbstbewertung" in text
    assert "Ombudsstelle für barrierefreie Informationstechnik" in text
    assert "Derzeit sind keine Barrieren bekannt" in text
    assert 'href="/barrierefreiheit/rueckmeldung/"' in text

    client.force_login(office_user)
    form = {
        "body": "Einleitung",
        "conformity": "partial",
        "barriers": "PDF-Dokumente der Veranstaltungen sind nicht getaggt.\n"
        "Karte ohne Textalternative",
        "prepared_on": "2026-11-01",
        "reviewed_on": "2026-12-01",
        "method": "Selbstbewertung",
        "enforcement_body": "Ombudsstelle\nFürstenwall 25\n40219 Düsseldorf",
    }
    assert client.post("/rechtstexte/barrierefreiheit/", form).status_code == 302

    text = client.get("/barrierefreiheit/").content.decode()
    assert "<li>PDF-Dokumente der Veranstaltungen sind nicht getaggt.</li>" in text
    assert "<li>Karte ohne Textalternative</li>" in text
    assert "zuletzt am 1. Dezember 2026 überprüft" in text


def test_feedback_reaches_the_office_and_the_sender_gets_mails(
    client, office_user, django_capture_on_commit_callbacks
):
    data = {
        "name": "Erika Muster",
        "email": "Erika@Example.org",
        "page_url": "/veranstaltungen/",
        "description": "Der Kalender ist mit der Tastatur nicht bedienbar.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/barrierefreiheit/rueckmeldung/", data, follow=True)

    assert "Ihre Rückmeldung ist beim Netzwerkbüro angekommen" in response.content.decode()
    case = FeedbackCase.objects.get()
    assert {(m.to[0], m.subject) for m in mail.outbox} == {
        ("erika@example.org", "Ihre Rückmeldung zur Barrierefreiheit ist eingegangen"),
        ("buero@example.org", "Neue Rückmeldung zur Barrierefreiheit"),
    }
    client.force_login(office_user)
    overview = client.get("/rechtstexte/").content.decode()
    assert "/veranstaltungen/" in overview
    assert "offen" in overview
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/rechtstexte/rueckmeldungen/{case.pk}/", {"reply": "Wir bessern nach."})

    [answer] = mail.outbox
    assert answer.to == ["erika@example.org"]
    assert "Wir bessern nach." in answer.body
    case.refresh_from_db()
    assert case.get_status_display() == "beantwortet"


def test_feedback_without_address_is_refused_at_the_field(client, db):
    response = client.post("/barrierefreiheit/rueckmeldung/", {"page_url": "/", "description": "x"})

    text = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_email_error"' in text
    assert "Dieses Feld ist zwingend erforderlich." in text
    assert 'data-privacy-note="legal.feedback"' in text
    assert not FeedbackCase.objects.exists()


@pytest.fixture
def public_event(db):
    return EventFactory(title="Engagementtag", is_public=True)


def test_event_needs_without_explicit_consent_are_refused_at_the_field(client, public_event):
    url = reverse("events:registration_create", args=[public_event.pk])
    data = {"name": "Erika Muster", "email": "erika@example.org", "needs": "Rollstuhlplatz"}

    text = client.post(url, data).content.decode()

    assert 'id="id_needs_consent_error"' in text
    assert "bitte kreuzen Sie an, dass Sie in ihre Verarbeitung einwilligen" in text.replace(
        "Bitte", "bitte"
    )
    assert 'data-privacy-note="events.registration"' in text
    assert not Registration.objects.exists()

    client.post(url, {**data, "needs_consent": "on"})

    registration = Registration.objects.get()
    [consent] = ConsentRecord.objects.all()
    assert (consent.purpose, consent.reference, consent.email) == (
        "events.special_needs",
        str(registration.pk),
        "erika@example.org",
    )
    assert "ausdrücklich" in consent.wording


def test_withdrawing_the_list_consent_takes_the_name_off_the_participant_list(client, officer):
    event = EventFactory(title="Netzwerktreffen Ahausen", is_public=True)
    client.force_login(officer)
    client.post(reverse("events:registration_create", args=[event.pk]), {"list_consent": "on"})
    assert [r.email for r in public_participants(event)] == [officer.email]

    page = client.get("/einwilligungen/").content.decode()
    assert "Name auf der Teilnehmendenliste: Netzwerktreffen Ahausen" in page
    record = ConsentRecord.objects.get(purpose="events.participant_list")

    response = client.post(
        f"/einwilligungen/{record.pk}/widerrufen/", headers={"HX-Request": "true"}
    )

    text = response.content.decode()
    assert "Ihre Einwilligung ist widerrufen." in text
    assert "autofocus" in text
    assert "Widerrufen am" in text
    assert list(public_participants(event)) == []
    assert Registration.objects.get().list_consent is False


def test_withdrawing_the_needs_consent_deletes_the_needs(client, officer):
    event = EventFactory(is_public=True)
    client.force_login(officer)
    url = reverse("events:registration_create", args=[event.pk])
    client.post(url, {"needs": "vegan", "needs_consent": "on"})
    record = ConsentRecord.objects.get(purpose="events.special_needs")

    client.post(f"/einwilligungen/{record.pk}/widerrufen/")

    assert Registration.objects.get().needs == ""


def test_nobody_withdraws_another_persons_consent(client, officer):
    event = EventFactory(is_public=True)
    client.force_login(officer)
    client.post(reverse("events:registration_create", args=[event.pk]), {"list_consent": "on"})
    record = ConsentRecord.objects.get()
    client.force_login(UserFactory())

    assert client.post(f"/einwilligungen/{record.pk}/widerrufen/").status_code == 404
    assert "keine Einwilligung erteilt" in client.get("/einwilligungen/").content.decode()
    assert Registration.objects.get().list_consent is True
