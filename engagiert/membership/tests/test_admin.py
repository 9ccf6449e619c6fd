"""The office's admin writes through the membership services: no file stays behind, the
profile's rules hold, and memberships begin only by admission."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from engagiert.core.models import AuditEntry
from engagiert.membership import services
from engagiert.membership.models import StrategyDocument, VolunteerCardStatus
from engagiert.registry.tests.factories import TopicFactory

from .factories import MembershipFactory, ProfileFactory
from .test_services import pdf_bytes, stored_files


@pytest.fixture
def document(authority, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return services.document_upload(
        authority=authority,
        title="Engagementstrategie 2030",
        file=SimpleUploadedFile("s.pdf", pdf_bytes(), content_type="application/pdf"),
        is_public=True,
        user=officer,
    )


@pytest.mark.django_db
def test_admin_deleting_a_document_removes_its_file(
    client, office_user, document, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(office_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/membership/strategydocument/{document.pk}/delete/", {"post": "yes"}
        )

    assert response.status_code == 302
    assert not StrategyDocument.objects.exists()
    assert stored_files(tmp_path) == []


@pytest.mark.django_db
def test_admin_bulk_deleting_documents_removes_their_files(
    client, office_user, document, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(office_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/membership/strategydocument/",
            {"action": "delete_selected", "_selected_action": [document.pk], "post": "yes"},
        )

    assert response.status_code == 302
    assert not StrategyDocument.objects.exists()
    assert stored_files(tmp_path) == []


@pytest.mark.django_db
def test_membership_admin_is_read_only_memberships_begin_by_admission(
    client, office_user, authority
):
    membership = MembershipFactory(authority=authority)
    client.force_login(office_user)

    assert client.get("/admin/membership/membership/add/").status_code == 403
    response = client.post(
        f"/admin/membership/membership/{membership.pk}/change/", {"since": "01.01.2020"}
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.since == datetime.date(2015, 6, 1)


@pytest.mark.django_db
def test_profile_admin_saves_through_profile_update_with_its_rules(client, office_user, authority):
    profile = ProfileFactory(authority=authority)
    topic = TopicFactory(name="Demografischer Wandel")
    client.force_login(office_user)

    response = client.post(
        f"/admin/membership/profile/{authority.pk}/change/",
        {
            "has_round_table": "on",
            "volunteer_card": VolunteerCardStatus.NO,
            "volunteer_card_since": "2015",
            "description": "Wir fördern das Ehrenamt.",
            "topics": [topic.pk],
        },
    )

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.has_round_table
    assert profile.volunteer_card_since is None  # only a participating authority keeps a year
    entry = AuditEntry.objects.filter(action="update", changes__has_key="topics").get()
    assert entry.changes["topics"] == ["", "Demografischer Wandel"]
    assert entry.actor == office_user
