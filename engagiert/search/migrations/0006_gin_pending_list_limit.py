"""On PostgreSQL, a small pending list for the full-text GIN index: entries saved one at a
time wait there until it is full (or vacuum runs), and every search scans all of it; 256 kB
instead of the default 4 MB keeps that scan under a millisecond or two."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER INDEX search_searchentry_document SET (gin_pending_list_limit = 256)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER INDEX search_searchentry_document RESET (gin_pending_list_limit)")


class Migration(migrations.Migration):
    dependencies = [("search", "0005_ranking_columns_index")]
    operations = [migrations.RunPython(forwards, backwards)]
