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


@pytest.mark.django_db(transaction=True)
def test_migration_takes_how_precisely_membership_began_from_the_signing_wave():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = migrate([("membership", "0007_contact_public_consent")])
        authority_model = old.get_model("registry", "Authority")
        early, admitted = (
            authority_model.objects.create(
                ags=ags,
                name=name,
                kind="kreisfreie_stadt",
                population=100_000,
                area_km2=Decimal("100"),
                latitude=Decimal("51.2"),
                longitude=Decimal("7.2"),
            )
            for ags, name in (("05111000", "Frühstadt"), ("05112000", "Spätstadt"))
        )
        declaration = old.get_model("membership", "Declaration").objects.create(
            title="Zukunftsfaktor Bürgerengagement", version="1", adopted="2012-12-01", text="…"
        )
        wave = old.get_model("membership", "SigningWave").objects.create(
            declaration=declaration,
            date="2016-01-01",
            date_precision="year",
            occasion="Drittunterzeichnung",
        )
        old.get_model("membership", "Signature").objects.create(wave=wave, authority=early)
        membership = old.get_model("membership", "Membership")
        membership.objects.create(authority=early, since="2016-01-01")
        membership.objects.create(authority=admitted, since="2024-03-14")

        new = migrate([("membership", "0008_membership_since_precision")])

        precision = dict(
            new.get_model("membership", "Membership").objects.values_list(
                "authority_id", "since_precision"
            )
        )
        assert precision == {"05111000": "year", "05112000": "day"}
    finally:
        migrate(latest)
