"""Event topics point to registry.Topic; the table and its rows are the same (no database change)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_event_published_at"),
        ("registry", "0004_topic"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="event",
                    name="topics",
                    field=models.ManyToManyField(blank=True, to="registry.topic", verbose_name="topics"),
                ),
            ],
        ),
    ]
