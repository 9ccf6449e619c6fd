"""On PostgreSQL, a trigram index serves the search's substring matching (compounds).

Creating the pg_trgm extension needs the right to do so; without it the search still works,
only slower, and the migration says so instead of failing.
"""

from django.db import DatabaseError, migrations, transaction


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic():
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                "CREATE INDEX IF NOT EXISTS search_searchentry_terms_trgm "
                "ON search_searchentry USING gin (terms gin_trgm_ops)")
    except DatabaseError as error:  # pragma: no cover - depends on the database's rights
        print(f"\n  pg_trgm not available ({error}); search works without the index.")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_searchentry_terms_trgm")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
