"""Moving Topic to the registry and the officer's texts to the profile loses nothing."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.long

BEFORE = [
    ("registry", "0002_search_key_text"),
    ("membership", "0001_initial"),
    ("events", "0002_event_published_at"),
    ("knowledge", "0003_attachment"),
]
AFTER = [("membership", "0005_topic_moved_to_registry")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_migrations_keep_topic_links_and_move_the_officers_texts():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = migrate(BEFORE)
        authority = old.get_model("registry", "Authority").objects.create(
            ags="05116000",
            name="Mönchengladbach",
            kind="kreisfreie_stadt",
            population=267213,
            area_km2=Decimal("170.47"),
            latitude=Decimal("51.19"),
            longitude=Decimal("6.43"),
            search_key="monchengladbach",
            website="https://www.moenchengladbach.de/ehrenamt",
            description="Freiwilligenzentrum in Rheydt.",
        )
        topic = old.get_model("membership", "Topic").objects.create(
            name="Junge Menschen", slug="jugend"
        )
        profile = old.get_model("membership", "Profile").objects.create(authority=authority)
        profile.topics.add(topic)

        new = migrate(AFTER)

        profile = new.get_model("membership", "Profile").objects.get(authority_id="05116000")
        assert profile.website == "https://www.moenchengladbach.de/ehrenamt"
        assert profile.description == "Freiwilligenzentrum in Rheydt."
        assert [t.slug for t in profile.topics.all()] == ["jugend"]
        assert new.get_model("registry", "Topic").objects.get(slug="jugend").pk == topic.pk

        back = migrate(BEFORE)

        authority = back.get_model("registry", "Authority").objects.get(ags="05116000")
        assert authority.description == "Freiwilligenzentrum in Rheydt."
    finally:
        migrate(latest)
