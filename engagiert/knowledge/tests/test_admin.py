"""The office adds knowledge items in the admin through `item_create`, topics included."""

import pytest

from engagiert.knowledge.models import KnowledgeItem
from engagiert.registry.tests.factories import TopicFactory


@pytest.mark.django_db
def test_knowledge_item_admin_adds_an_item_with_its_topics(client, office_user, authority):
    topic = TopicFactory(name="Ehrenamtskarte")
    client.force_login(office_user)

    response = client.post(
        "/admin/knowledge/knowledgeitem/add/",
        {
            "kind": KnowledgeItem.Kind.PRACTICE,
            "title": "Ehrenamtsbörse Hagen",
            "summary": "Vereine finden Freiwillige.",
            "authority": authority.pk,
            "topics": [topic.pk],
            "visibility": KnowledgeItem._meta.get_field("visibility").default,
            "status": KnowledgeItem.Status.PUBLISHED,
            "author": office_user.pk,
        },
    )

    assert response.status_code == 302
    item = KnowledgeItem.objects.get()
    assert item.title == "Ehrenamtsbörse Hagen"
    assert item.authority == authority
    assert item.author == office_user
    assert list(item.topics.all()) == [topic]
