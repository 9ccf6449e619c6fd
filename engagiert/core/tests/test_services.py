"""The generic services: only what changed is validated and saved; new rows are validated."""

import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from engagiert.core.models import AuditEntry
from engagiert.core.services import model_create, model_delete, model_update
from engagiert.impact.models import Evidence
from engagiert.impact.tests.measure_factories import EvidenceFactory
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


class _ItemForm(forms.ModelForm):
    class Meta:
        model = KnowledgeItem
        fields = ("title", "summary")


@pytest.mark.django_db
def test_model_update_saves_an_instance_a_bound_form_has_changed_and_audits_old_to_new():
    """`is_valid()` writes the new values onto the instance; the stored row still decides."""
    item = KnowledgeItemFactory(title="Ehrenamtsbörse", summary="Alt")
    form = _ItemForm({"title": "Ehrenamtsbörse Hagen", "summary": "Alt"}, instance=item)
    assert form.is_valid()
    assert item.title == "Ehrenamtsbörse Hagen"  # the form has changed the instance already

    _item, updated = model_update(instance=item, fields=FIELDS, data=form.cleaned_data)

    assert updated is True
    assert KnowledgeItem.objects.get(pk=item.pk).title == "Ehrenamtsbörse Hagen"
    entry = AuditEntry.objects.filter(object_id=str(item.pk)).latest("pk")
    assert entry.action == AuditEntry.Action.UPDATE
    assert entry.changes == {"title": ["Ehrenamtsbörse", "Ehrenamtsbörse Hagen"]}


@pytest.mark.django_db
def test_model_update_of_a_bound_form_without_change_saves_nothing():
    item = KnowledgeItemFactory(title="Ehrenamtsbörse", summary="Alt")
    form = _ItemForm({"title": "Ehrenamtsbörse", "summary": "Alt"}, instance=item)
    assert form.is_valid()

    _item, updated = model_update(instance=item, fields=FIELDS, data=form.cleaned_data)

    assert updated is False
    assert not AuditEntry.objects.filter(
        object_id=str(item.pk), action=AuditEntry.Action.UPDATE
    ).exists()


@pytest.mark.django_db
def test_model_update_asks_the_database_once_for_the_stored_values():
    item = KnowledgeItemFactory(title="Ehrenamtsbörse")
    KnowledgeItem.objects.filter(pk=item.pk).update(title="Ehrenamtsbörse Hagen")

    with CaptureQueriesContext(connection) as queries:
        _item, updated = model_update(
            instance=item, fields=FIELDS, data={"title": "Ehrenamtsbörse Hagen"}
        )

    assert updated is False  # the row holds the new title already
    statements = [query["sql"] for query in queries if "SAVEPOINT" not in query["sql"]]
    assert len(statements) == 1
    assert statements[0].startswith("SELECT")


@pytest.mark.django_db
def test_model_update_stores_an_uploaded_file_and_keeps_it_without_a_new_one(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    evidence = EvidenceFactory()
    upload = SimpleUploadedFile("protokoll.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")

    _evidence, uploaded = model_update(instance=evidence, fields=["file"], data={"file": upload})
    _evidence, again = model_update(instance=evidence, fields=["file"], data={"file": None})

    stored = Evidence.objects.get(pk=evidence.pk).file
    assert (uploaded, again) == (True, False)
    assert (tmp_path / stored.name).read_bytes() == b"%PDF-1.4\n%%EOF\n"


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
