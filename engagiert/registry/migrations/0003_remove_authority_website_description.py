from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0002_search_key_text"),
        # The texts are copied to the membership profile before the columns go.
        ("membership", "0003_copy_authority_texts"),
    ]

    operations = [
        migrations.RemoveField(model_name="authority", name="description"),
        migrations.RemoveField(model_name="authority", name="website"),
    ]
