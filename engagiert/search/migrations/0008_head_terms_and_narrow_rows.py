"""What a search needs to order a common word's thousands of matches without scoring each one
(search/engine.py `_ranked`), on PostgreSQL; SQLite's full-text table already filters by
column (`{title topics} : …`) and needs nothing new.

- `head`: the title's and the topics' terms alone (weights A and B of `document`), small
  enough to stay in the row, with a GIN index: whether a match is in the title or topics is
  answered without reading the whole document.
- Rows of 128 bytes before their long values (the text, the terms, the document) move out of
  line: a common word's matches are read from 17 MB of rows instead of 74 MB at 50,000
  entries, and the planner finds them through the GIN index instead of reading (and
  decompressing) every row's document.
- No index on `members_only`: four in five entries are public, and with the index at hand the
  planner read every public row's document to check a common word instead of asking the GIN
  index (SQLite alters the field by rebuilding the table, which drops the covering index of
  0005: it is created again).
Existing rows get their `head` from their document; the rewrite moves their long values out,
and VACUUM FULL (outside a transaction, so the migration is not atomic; every step can run
again) gives the space of the old rows back. Entries the previous release saves between this
migration and its restart get no head: rebuild the index after the upgrade
(docs/production.md, Upgrading, step 6)."""

from django.db import migrations, models

ranking = __import__(
    "engagiert.search.migrations.0005_ranking_columns_index", fromlist=["keeping_the_index"]
)

POSTGRESQL = [
    (
        "ALTER TABLE search_searchentry ADD COLUMN IF NOT EXISTS head tsvector NOT NULL DEFAULT ''",
        "ALTER TABLE search_searchentry DROP COLUMN head",
    ),
    ("ALTER TABLE search_searchentry ALTER COLUMN head SET STORAGE MAIN", ""),
    (
        "ALTER TABLE search_searchentry SET (toast_tuple_target = 128)",
        "ALTER TABLE search_searchentry RESET (toast_tuple_target)",
    ),
    ("UPDATE search_searchentry SET head = ts_filter(document, '{a,b}')", ""),
    (
        "CREATE INDEX IF NOT EXISTS search_searchentry_head ON search_searchentry USING gin (head) "
        "WITH (gin_pending_list_limit = 256)",
        "DROP INDEX IF EXISTS search_searchentry_head",
    ),
    ("VACUUM FULL ANALYZE search_searchentry", ""),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql, _undo in POSTGRESQL:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for _sql, undo in reversed(POSTGRESQL):
            if undo:
                schema_editor.execute(undo)


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("search", "0007_region_index")]
    operations = [
        *ranking.keeping_the_index(
            migrations.AlterField(
                model_name="searchentry",
                name="members_only",
                field=models.BooleanField(default=False),
            )
        ),
        migrations.RunPython(forwards, backwards),
    ]
