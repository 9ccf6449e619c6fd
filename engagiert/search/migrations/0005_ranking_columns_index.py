"""On SQLite, a covering index of the columns the ranking statement reads for every match
(search/engine.py `_ranked`): each of a common word's thousands of matches looks them up in
this narrow index instead of in its entry's row, which holds the whole text. PostgreSQL reads
the row for ts_rank_cd anyway and gets no such index."""

from django.db import migrations
from django.db.migrations.operations.base import Operation

COLUMNS = "id, members_only, kind, subkind, year, authority_kind, region, topics, title_terms"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS search_searchentry_ranking ON search_searchentry ({COLUMNS})"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP INDEX IF EXISTS search_searchentry_ranking")


def keeping_the_index(alter_field: migrations.AlterField) -> list[Operation]:
    """`alter_field` on SQLite rebuilds the table, which drops this index (Django does not know
    it): it is created again after the change, and after undoing it (undone in reverse order:
    the field back, then the index again)."""
    return [
        migrations.RunPython(migrations.RunPython.noop, forwards),
        alter_field,
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]


class Migration(migrations.Migration):
    dependencies = [("search", "0004_vocabulary_and_synonyms")]
    operations = [migrations.RunPython(forwards, backwards)]
