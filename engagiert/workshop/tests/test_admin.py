"""The workshop's admin writes through services: a resource reaches the knowledge base only
by `resource_publish` (the workshop room's release), never by a tick in the admin."""

import pytest

from engagiert.knowledge.models import KnowledgeItem

from .factories import ResourceFactory


@pytest.mark.django_db
def test_resource_admin_corrects_a_resource_but_does_not_release_it(client, office_user):
    resource = ResourceFactory(title="Handreichung", added_by=office_user)
    client.force_login(office_user)

    response = client.post(
        f"/admin/workshop/resource/{resource.pk}/change/",
        {
            "cohort": resource.cohort_id,
            "title": "Handreichung Engagementstrategie",
            "description": resource.description,
            "url": resource.url,
            "tags": resource.tags,
            "shared_with_network": "on",
        },
    )

    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.title == "Handreichung Engagementstrategie"
    assert not resource.shared_with_network
    assert not KnowledgeItem.objects.exists()
    assert client.get("/admin/workshop/resource/add/").status_code == 403
