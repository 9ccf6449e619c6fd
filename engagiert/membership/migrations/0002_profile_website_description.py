from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="website",
            field=models.URLField(blank=True, verbose_name="website"),
        ),
        migrations.AddField(
            model_name="profile",
            name="description",
            field=models.TextField(
                blank=True,
                help_text="A few sentences on how the authority promotes civic engagement.",
                verbose_name="engagement in brief",
            ),
        ),
    ]
