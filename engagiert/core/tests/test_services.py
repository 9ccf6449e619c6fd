"""The generic services: only what changed is validated and saved; new rows are validated."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from engagiert.core.services import model_create, model_delete, model_update
from engagiert.knowledge.models import KnowledgeItem
from engagiert.knowledge.tests.factories import KnowledgeItemFactory
from engagiert.registry.models import Organisation, Topic
from engagiert.registry.tests.factories import OrganisationFactory, TopicFactory

FIELDS = ["title", "summary", "topics"]


@pytest.mark.django_db
def test_model_update_saves_only_named_fields_that_changed():
    item = KnowledgeItemFactory(title="Ehrenamtsbörse", summary="Alt")
    KnowledgeItem.objects.filter(pk=item.pk).update(contact="Frau Muster")

    item, updated = model_update(
        instance=item,
        fields=FIELDS,
        data={"title": "Ehrenamtsbörse Hagen", "contact": "ignored", "year": 1999},
    )

    item.refresh_from_db()
    assert updated is True
    assert item.title == "Ehrenamtsbörse Hagen"
    assert item.summary == "Alt"
    assert item.contact == "Frau Muster"  # not overwritten by the stale instance
    assert item.year == 2024  # not in `fields`


@pytest.mark.django_db
def test_model_update_without_change_does_not_save():
    item = KnowledgeItemFactory(title="Ehrenamtsbörse")
    earlier = timezone.now() - datetime.timedelta(days=3)
    KnowledgeItem.objects.filter(pk=item.pk).update(updated_at=earlier)
    item.refresh_from_db()

    item, updated = model_update(instance=item, fields=FIELDS, data={"title": "Ehrenamtsbörse"})

    item.refresh_from_db()
    assert updated is False
    assert item.updated_at == earlier


@pytest.mark.django_db
def test_model_update_refreshes_updated_at_with_a_change():
    item = KnowledgeItemFactory()
    earlier = timezone.now() - datetime.timedelta(days=3)
    KnowledgeItem.objects.filter(pk=item.pk).update(updated_at=earlier)
    item.refresh_from_db()

    model_update(instance=item, fields=FIELDS, data={"summary": "Neu"})

    item.refresh_from_db()
    assert item.updated_at > earlier


@pytest.mark.django_db
def test_model_update_validates_and_saves_nothing_when_invalid():
    item = KnowledgeItemFactory(title="Ehrenamtsbörse")

    with pytest.raises(ValidationError) as raised:
        model_update(instance=item, fields=FIELDS, data={"title": ""})

    assert "title" in raised.value.message_dict
    item.refresh_from_db()
    assert item.title == "Ehrenamtsbörse"


@pytest.mark.django_db
def test_model_update_sets_many_to_many_fields():
    old, new = TopicFactory(), TopicFactory()
    item = KnowledgeItemFactory(topics=[old])

    item, updated = model_update(instance=item, fields=FIELDS, data={"topics": [new]})

    assert updated is True
    assert list(item.topics.all()) == [new]
    _item, again = model_update(instance=item, fields=FIELDS, data={"topics": [new]})
    assert again is False


@pytest.mark.django_db
def test_model_update_refuses_an_unknown_field():
    item = KnowledgeItem(title="Ehrenamtsbörse")

    with pytest.raises(ValueError, match="no field 'colour'"):
        model_update(instance=item, fields=["colour"], data={"colour": "grün"})


@pytest.mark.django_db
def test_model_create_saves_a_valid_row_with_its_many_to_many_fields():
    topic = TopicFactory(name="Ehrenamtskarte")
    item = KnowledgeItemFactory.build(title="Ehrenamtsbörse")

    item = model_create(instance=item, data={"title": "Ehrenamtsbörse", "topics": [topic]})

    assert KnowledgeItem.objects.get(pk=item.pk).title == "Ehrenamtsbörse"
    assert list(item.topics.all()) == [topic]


@pytest.mark.django_db
def test_model_create_refuses_an_invalid_row():
    with pytest.raises(ValidationError):
        model_create(instance=Topic(name="", slug=""), data={})

    assert not Topic.objects.exists()


@pytest.mark.django_db
def test_model_delete_deletes_the_row():
    organisation = OrganisationFactory()

    model_delete(instance=organisation)

    assert not Organisation.objects.exists()
