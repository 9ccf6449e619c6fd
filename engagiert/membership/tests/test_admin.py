"""The office's admin deletes through the membership services, so no file stays behind."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from engagiert.membership import services
from engagiert.membership.models import StrategyDocument

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
