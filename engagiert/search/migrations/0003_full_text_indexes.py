"""The databases' own full-text indexes replace the substring matching (see search/fts.py):
an FTS5 table on SQLite, a tsvector column with a GIN index on PostgreSQL. The index is
derived data: `rebuild_search_index` fills it."""

from django.db import migrations

SQLITE = [
    (
        "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
        "title, topics, body, parts, tokenize = 'unicode61 remove_diacritics 0')",
        "DROP TABLE IF EXISTS search_fts",
    ),
]
POSTGRESQL = [
    ("DROP INDEX IF EXISTS search_searchentry_terms_trgm", ""),
    ("ALTER TABLE search_searchentry ADD COLUMN document tsvector NOT NULL DEFAULT ''",
     "ALTER TABLE search_searchentry DROP COLUMN document"),
    ("CREATE INDEX search_searchentry_document ON search_searchentry USING gin (document)",
     "DROP INDEX IF EXISTS search_searchentry_document"),
]


def _statements(schema_editor):
    return {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(schema_editor.connection.vendor, [])


def forwards(apps, schema_editor):
    for sql, _undo in _statements(schema_editor):
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    for _sql, undo in reversed(_statements(schema_editor)):
        if undo:
            schema_editor.execute(undo)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_search_trigram_index")]
    operations = [migrations.RunPython(forwards, backwards)]
