"""Last step of moving Topic: profiles point to registry.Topic and membership forgets the model.

No database change: the table belongs to registry.Topic since registry 0004.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0004_topic_table_to_registry"),
        ("registry", "0004_topic"),
        # Every other link to membership.Topic must have moved before the model goes.
        ("events", "0003_topics_from_registry"),
        ("knowledge", "0004_topics_from_registry"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="profile",
                    name="topics",
                    field=models.ManyToManyField(
                        blank=True, to="registry.topic", verbose_name="focus topics"
                    ),
                ),
                migrations.DeleteModel(name="Topic"),
            ],
        ),
    ]
