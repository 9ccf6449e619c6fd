"""The privacy notes of the forms live in the database: the office edits them at /rechtstexte/,
each save a new version, the forms show the newest, and a consent keeps the version it was
given to."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from engagiert.core.extensions import DataSubject
from engagiert.events.services import NEEDS_PURPOSE
from engagiert.legal import services
from engagiert.legal.models import NoteVersion
from engagiert.legal.notes import NOTES

pytestmark = pytest.mark.django_db


def test_every_note_is_seeded_from_its_first_text():
    seeded = {note.key: note for note in NoteVersion.objects.filter(number=1)}

    assert set(seeded) == set(NOTES)
    assert seeded["legal.feedback"].retention == NOTES["legal.feedback"].retention


def test_office_saves_a_new_version_the_form_shows_it_and_the_history_keeps_the_old(
    client, office_user
):
    client.force_login(office_user)
    office = client.get("/rechtstexte/").content.decode()
    assert 'href="/rechtstexte/hinweise/legal.feedback/"' in office

    response = client.post(
        "/rechtstexte/hinweise/legal.feedback/",
        {
            "purpose": "Antwort auf Ihre Meldung einer Barriere.",
            "legal_basis": "Art. 6 Abs. 1 lit. c DSGVO",
            "retention": "Ein Jahr nach der Antwort.",
        },
    )

    assert response.status_code == 302
    form = client.get("/barrierefreiheit/rueckmeldung/").content.decode()
    assert "Ein Jahr nach der Antwort." in form
    assert NOTES["legal.feedback"].retention not in form
    history = client.get("/rechtstexte/hinweise/legal.feedback/").content.decode()
    assert "Fassung 2 vom" in history
    assert NOTES["legal.feedback"].retention in history  # version 1, kept


def test_an_empty_text_is_refused_at_the_field(client, office_user):
    client.force_login(office_user)

    response = client.post(
        "/rechtstexte/hinweise/legal.feedback/",
        {"purpose": "", "legal_basis": "x", "retention": "y"},
    )

    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert NoteVersion.objects.filter(key="legal.feedback").count() == 1


def test_an_unknown_note_is_not_found(client, office_user):
    client.force_login(office_user)

    assert client.get("/rechtstexte/hinweise/nothing.here/").status_code == 404


def test_a_page_reads_all_its_notes_in_one_query(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/barrierefreiheit/rueckmeldung/").status_code == 200

    assert sum("legal_noteversion" in query["sql"] for query in queries.captured_queries) == 1


def test_a_consent_keeps_the_version_of_the_note_it_was_given_to(office_user):
    person = DataSubject(user=None, email="gast@example.org")
    services.note_version_create(
        key="events.registration",
        user=office_user,
        purpose="Anmeldung.",
        legal_basis="Art. 6 Abs. 1 lit. b DSGVO",
        retention="Ein Jahr.",
    )

    record = services.consent_give(
        person=person, purpose=NEEDS_PURPOSE, source="events.registration", reference="7"
    )

    assert record.note_version == 2


def test_my_consents_name_the_version_of_the_note(client, office_user):
    person = DataSubject(user=office_user, email=office_user.email)
    services.consent_give(
        person=person, purpose=NEEDS_PURPOSE, source="events.registration", reference="7"
    )
    client.force_login(office_user)

    assert "Datenschutzhinweis des Formulars: Fassung 1." in (
        client.get("/einwilligungen/").content.decode()
    )
