"""Topic becomes registry reference data; its table (renamed by membership 0004) is kept as it is.

The content type is relabelled, so the audit log and permissions of topics stay attached.
"""

from django.db import migrations, models


def relabel_content_type(apps, schema_editor, old="membership", new="registry"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    if not types.filter(app_label=new, model="topic").exists():
        types.filter(app_label=old, model="topic").update(app_label=new)


def relabel_back(apps, schema_editor):
    relabel_content_type(apps, schema_editor, old="registry", new="membership")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("membership", "0004_topic_table_to_registry"),
        ("registry", "0003_remove_authority_website_description"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Topic",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        ("name", models.CharField(max_length=100, unique=True, verbose_name="name")),
                        (
                            "slug",
                            models.SlugField(max_length=100, unique=True, verbose_name="short name"),
                        ),
                    ],
                    options={
                        "verbose_name": "topic",
                        "verbose_name_plural": "topics",
                        "ordering": ["name"],
                    },
                ),
            ],
        ),
        migrations.RunPython(relabel_content_type, relabel_back),
    ]
