"""The demo shows the office's contacts at work: tagged main contacts, a call, a follow-up."""

import pytest

from engagiert.contacts.models import Activity, FollowUp, Tag
from engagiert.core.extensions import inbox_items
from engagiert.demo.services import demo_load
from engagiert.registry.services import registry_import_file
from engagiert.registry.tests.conftest import REGISTRY_FILE

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_call_and_a_follow_up_due_for_the_office_once():
    registry_import_file(path=REGISTRY_FILE)
    demo_load()
    demo_load()

    assert Activity.objects.count() == 1
    follow_up = FollowUp.objects.get()
    assert follow_up.assignee.email == "buero@engagiert.example"
    assert f"contacts.followup:{follow_up.pk}" in [item.key for item in inbox_items()]
    assert Tag.objects.get(name="Steuerungsgruppe").contacts.count() >= 4
