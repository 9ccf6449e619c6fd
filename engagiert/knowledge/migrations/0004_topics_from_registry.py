"""Knowledge topics point to registry.Topic; the table and its rows are the same (no database change)."""

import django.db.models.deletion
from django.db import migrations, models


def _topics(model_name):
    return migrations.AlterField(
        model_name=model_name,
        name="topics",
        field=models.ManyToManyField(blank=True, to="registry.topic", verbose_name="topics"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0003_attachment"),
        ("registry", "0004_topic"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                _topics("knowledgeitem"),
                _topics("question"),
                _topics("assistanceoffer"),
                migrations.AlterField(
                    model_name="topicfollow",
                    name="topic",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="followers",
                        to="registry.topic",
                    ),
                ),
            ],
        ),
    ]
